// application/x-www-form-urlencoded text: OAuth 2.0 token request bodies (RFC 6749, a repeated
// parameter is an error), HTTP Basic client authentication (RFC 6749 2.3.1: id and secret are
// form-encoded before base64), and query strings whose values contain '=' ("filterBy=name==x",
// which httplib 0.11 truncates to the text after the last '='). Pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace cc::server {

// name -> value; '+' is a space, %XX a byte. A malformed escape or a repeated name is a 400
// ApiError whose field names the parameter.
Result<std::map<std::string, std::string>> parse_form_urlencoded(std::string_view body);

// The query parameters of a request target ("/p?a=1&filterBy=name==x"), every pair split at its
// first '='. A malformed escape is kept as it was written.
std::multimap<std::string, std::string> query_params(std::string_view target);

// Percent-decoding with '+' as space; nullopt on a malformed escape.
std::optional<std::string> form_decode(std::string_view text);

// {client_id, client_secret} of an "Authorization: Basic ..." value; nullopt when the header is
// not Basic or is malformed.
std::optional<std::pair<std::string, std::string>> basic_credentials(std::string_view authorization);

}  // namespace cc::server
