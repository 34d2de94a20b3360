// Writes and reads the stored form of a credential's status issues: [[scopeId, scopeType, issue],
// ...], one decoder for every column that holds them, lenient towards entries it cannot read.
#include "server/stored_issues.h"

#include <nlohmann/json.hpp>

namespace cc::server {

std::string encode_stored_issues(const std::vector<StatusIssue>& issues) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& i : issues)
        a.push_back(nlohmann::json::array({i.scope_id, scope_api_name(i.scope_type), issue_api_name(i.issue)}));
    return a.dump();
}

std::vector<StatusIssue> decode_stored_issues(const std::string& text) {
    std::vector<StatusIssue> out;
    const auto a = nlohmann::json::parse(text, nullptr, false);
    if (!a.is_array()) return out;
    for (const auto& t : a) {
        if (!t.is_array() || t.size() != 3 || !t[0].is_string() || !t[1].is_string() || !t[2].is_string()) continue;
        auto scope = scope_from_api_name(t[1].get<std::string>());
        auto issue = issue_from_api_name(t[2].get<std::string>());
        if (scope && issue) out.push_back({t[0].get<std::string>(), *scope, *issue});
    }
    return out;
}

}  // namespace cc::server
