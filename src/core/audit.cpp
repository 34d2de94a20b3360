// The audit event's JSON. Decoding is lenient like the rest of the client side: unknown
// fields are ignored, a missing optional text is empty, and only the fields a history line
// cannot do without (id, time, action, outcome) are required.
#include "core/audit.h"

namespace cc {
namespace {

ApiError malformed(std::string what) {
    return ApiError{0, "The server's audit trail is malformed", std::move(what), {}};
}

std::string text_member(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string_view audit_outcome_name(AuditOutcome o) {
    return o == AuditOutcome::Done ? "done" : "refused";
}

Json encode_audit_event(const AuditEvent& e) {
    return Json{{"id", e.id},
                {"time", e.time},
                {"actor", e.actor},
                {"action", e.action},
                {"outcome", audit_outcome_name(e.outcome)},
                {"status", e.status},
                {"target", {{"kind", e.target.kind}, {"id", e.target.id}, {"name", e.target.name}}},
                {"scopePath", e.scope_path},
                {"clientAddress", e.client_address},
                {"detail", e.detail}};
}

Result<AuditEvent> decode_audit_event(const Json& j) {
    if (!j.is_object()) return malformed("an entry is not an object");
    AuditEvent e;
    auto id = j.find("id");
    if (id == j.end() || !id->is_number_integer()) return malformed("an entry has no integer id");
    e.id = id->get<std::int64_t>();
    e.time = text_member(j, "time");
    e.action = text_member(j, "action");
    if (e.time.empty() || e.action.empty())
        return malformed("entry " + std::to_string(e.id) + " has no time or action");
    const std::string outcome = text_member(j, "outcome");
    if (outcome == "done")
        e.outcome = AuditOutcome::Done;
    else if (outcome == "refused")
        e.outcome = AuditOutcome::Refused;
    else
        return malformed("entry " + std::to_string(e.id) + " has no outcome done or refused");
    if (auto s = j.find("status"); s != j.end() && s->is_number_integer()) e.status = s->get<int>();
    e.actor = text_member(j, "actor");
    if (auto t = j.find("target"); t != j.end() && t->is_object()) {
        e.target.kind = text_member(*t, "kind");
        e.target.id = text_member(*t, "id");
        e.target.name = text_member(*t, "name");
    }
    e.scope_path = text_member(j, "scopePath");
    e.client_address = text_member(j, "clientAddress");
    e.detail = text_member(j, "detail");
    return e;
}

Json encode_audit_page(const AuditPage& page) {
    Json entries = Json::array();
    for (const auto& e : page.entries) entries.push_back(encode_audit_event(e));
    Json j = {{"entries", std::move(entries)}};
    if (page.next) j["next"] = *page.next;
    return j;
}

Result<AuditPage> decode_audit_page(std::string_view body) {
    auto j = parse_json(body);
    if (!j) return malformed("the answer is not valid JSON");
    if (!j->is_object()) return malformed("the answer is not an object");
    auto entries = j->find("entries");
    if (entries == j->end() || !entries->is_array()) return malformed("the answer has no entries array");
    AuditPage page;
    page.entries.reserve(entries->size());
    for (const auto& item : *entries) {
        auto e = decode_audit_event(item);
        if (!e) return e.error();
        page.entries.push_back(std::move(*e));
    }
    if (auto n = j->find("next"); n != j->end() && n->is_number_integer()) page.next = n->get<std::int64_t>();
    return page;
}

std::string audit_action_label(std::string_view action) {
    // Nouns, not past tenses: the same words serve a change that was made and one refused.
    if (action == kAuditCreate) return "Create";
    if (action == kAuditRename) return "Rename";
    if (action == kAuditDescribe) return "Description change";
    if (action == kAuditUpdate) return "Change";
    if (action == kAuditDelete) return "Delete request";
    if (action == kAuditLink) return "Use by an asset";
    if (action == kAuditLogin) return "Sign-in";
    if (action == kAuditLoginTest) return "Registry login test";
    return std::string(action);
}

std::string audit_outcome_label(const AuditEvent& e) {
    if (e.outcome == AuditOutcome::Done) return "Done";
    return e.status ? "Refused (" + std::to_string(e.status) + ")" : "Refused";
}

std::string audit_clip(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
    if (max_bytes < kEllipsis.size()) return std::string();
    std::size_t cut = max_bytes - kEllipsis.size();
    // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + std::string(kEllipsis);
}

}  // namespace cc
