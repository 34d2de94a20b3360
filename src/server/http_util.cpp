// The routes' HTTP helpers: JSON and error responses (an error body always carries code,
// message and details), strict query-parameter readers (a parameter given twice is refused
// rather than silently picking one), UUID syntax and log-safe text.
#include "server/http_util.h"

#include <charconv>

#include "core/text.h"

namespace cc::server {

void send_json(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    // Text that is not UTF-8 never reaches a body: replaced, so the writer cannot throw.
    res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), kJsonContentType);
}

void send_error(httplib::Response& res, int code, std::string message, std::string details) {
    if (message.empty()) message = std::string(default_error_message(code));
    if (details.empty()) details = message;
    // Messages may quote what the caller sent (a path, a key, an id): printable and bounded.
    message = printable_excerpt(message, kMaxErrorTextChars);
    details = printable_excerpt(details, kMaxErrorTextChars);
    send_json(res, code, encode_error(ApiError{code, std::move(message), std::move(details), {}}));
}

void send_error(httplib::Response& res, const ApiError& e) {
    std::string details = e.details;
    if (details.empty() && !e.field.empty()) details = "field: " + e.field;
    send_error(res, e.code, e.message, std::move(details));
}

Result<std::optional<std::string>> query_string(const httplib::Params& params, const std::string& name) {
    const auto n = params.count(name);
    if (n == 0) return std::optional<std::string>{};
    if (n > 1) return ApiError{400, "Query parameter " + name + " is given more than once", {}, name};
    return std::optional<std::string>{params.find(name)->second};
}

Result<std::optional<bool>> query_bool(const httplib::Params& params, const std::string& name) {
    auto s = query_string(params, name);
    if (!s) return s.error();
    if (!*s) return std::optional<bool>{};
    if (**s == "true") return std::optional<bool>{true};
    if (**s == "false") return std::optional<bool>{false};
    return ApiError{400, "Query parameter " + name + " must be true or false", {}, name};
}

Result<std::optional<std::int64_t>> query_int(const httplib::Params& params, const std::string& name, std::int64_t min,
                                              std::int64_t max) {
    auto s = query_string(params, name);
    if (!s) return s.error();
    if (!*s) return std::optional<std::int64_t>{};
    const std::string& text = **s;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
        return ApiError{400,
                        "Query parameter " + name + " must be an integer from " + std::to_string(min) + " to " +
                            std::to_string(max),
                        {},
                        name};
    return std::optional<std::int64_t>{v};
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    const auto opaque = [](std::string_view tag) { return tag.substr(0, 2) == "W/" ? tag.substr(2) : tag; };
    while (!if_none_match.empty()) {
        const auto comma = if_none_match.find(',');
        std::string_view item = if_none_match.substr(0, comma);
        if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (item == "*" || (!item.empty() && opaque(item) == opaque(etag))) return true;
    }
    return false;
}

std::string log_safe(std::string_view s, std::size_t max_len) {
    std::string out;
    out.reserve(std::min(s.size(), max_len));
    for (char c : s) {
        if (out.size() >= max_len) {
            out += "...";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u >= 0x7F) ? '?' : c;
    }
    return out;
}

}  // namespace cc::server
