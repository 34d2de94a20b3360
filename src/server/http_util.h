// Small HTTP helpers shared by the routes: JSON and error responses in the Run:ai shape
// ({"code","message","details"}), strict query-parameter readers (a bad value is a 400, never a
// silent default), and sanitising of text written to the request log.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json_codec.h"
#include "core/result.h"
#include "core/text.h"

namespace cc::server {

inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
inline constexpr const char* kJsonContentType = "application/json";
// An error's message and details are cut to this many characters.
inline constexpr std::size_t kMaxErrorTextChars = 1000;

void send_json(httplib::Response& res, int status, const Json& body);
// Empty message/details fall back to the standard text for the code.
void send_error(httplib::Response& res, int code, std::string message = {}, std::string details = {});
void send_error(httplib::Response& res, const ApiError& e);

// Query parameters. Absent -> nullopt; present but invalid (or repeated) -> 400 naming it.
Result<std::optional<std::string>> query_string(const httplib::Params& params, const std::string& name);
Result<std::optional<bool>> query_bool(const httplib::Params& params, const std::string& name);
Result<std::optional<std::int64_t>> query_int(const httplib::Params& params, const std::string& name, std::int64_t min,
                                              std::int64_t max);

bool is_uuid(std::string_view s);
// True when an If-None-Match value names `etag` (the weak comparison RFC 9110 asks for there:
// W/ prefixes are ignored) or is "*".
bool etag_matches(std::string_view if_none_match, std::string_view etag);
using cc::ascii_lower;  // core/text.h; kept here for the routes that lower-case headers and names
// Replaces control and non-ASCII bytes so a request path cannot forge or break log lines.
std::string log_safe(std::string_view s, std::size_t max_len = 200);

}  // namespace cc::server
