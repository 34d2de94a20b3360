// Decoding form bodies, query strings and HTTP Basic credentials. Base64 (the standard alphabet,
// padded) comes from libsodium.
#include "server/form_urlencoded.h"

#include <sodium.h>

#include <vector>

#include "core/text.h"

namespace cc::server {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool iequals_prefix(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

// A token request has at most six fields; anything far beyond that is not a token request.
constexpr std::size_t kMaxFormFields = 32;

}  // namespace

std::optional<std::string> form_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

Result<std::map<std::string, std::string>> parse_form_urlencoded(std::string_view body) {
    std::map<std::string, std::string> out;
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        auto name = form_decode(pair.substr(0, eq));
        auto value = form_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!name || !value) return ApiError{400, "Malformed percent-encoding in the form body", {}, {}};
        if (!is_valid_utf8(*name) || !is_valid_utf8(*value))
            return ApiError{400, "The form body is not UTF-8 text", {}, {}};
        if (out.size() == kMaxFormFields) return ApiError{400, "The form body has too many fields", {}, {}};
        if (out.count(*name))
            return ApiError{400, "Parameter " + printable_excerpt(*name, 40) + " is given more than once", {}, {}};
        out.emplace(std::move(*name), std::move(*value));
    }
    return out;
}

std::multimap<std::string, std::string> query_params(std::string_view target) {
    std::multimap<std::string, std::string> out;
    const std::size_t q = target.find('?');
    if (q == std::string_view::npos) return out;
    std::string_view query = target.substr(q + 1);
    query = query.substr(0, query.find('#'));
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view name = pair.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        out.emplace(form_decode(name).value_or(std::string(name)), form_decode(value).value_or(std::string(value)));
    }
    return out;
}

std::optional<std::pair<std::string, std::string>> basic_credentials(std::string_view authorization) {
    if (!iequals_prefix(authorization, "basic ")) return std::nullopt;
    std::string_view b64 = authorization.substr(6);
    while (!b64.empty() && b64.front() == ' ') b64.remove_prefix(1);
    while (!b64.empty() && b64.back() == ' ') b64.remove_suffix(1);
    if (b64.empty()) return std::nullopt;
    std::vector<unsigned char> bin(b64.size());
    std::size_t len = 0;
    if (sodium_base642bin(bin.data(), bin.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    const std::string decoded(reinterpret_cast<const char*>(bin.data()), len);
    sodium_memzero(bin.data(), bin.size());
    const std::size_t colon = decoded.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto id = form_decode(std::string_view(decoded).substr(0, colon));
    auto secret = form_decode(std::string_view(decoded).substr(colon + 1));
    if (!id || !secret || id->empty()) return std::nullopt;
    return std::pair{std::move(*id), std::move(*secret)};
}

}  // namespace cc::server
