// take_secret_body: placeholders go through the JSON encoder, the real values are written
// straight into the final body (see the header for why).
#include "core/secret_body.h"

#include <algorithm>
#include <string_view>

#include "core/json_codec.h"

namespace cc {
namespace {

void add(std::vector<std::string*>& out, std::optional<std::string>& v) {
    if (v) out.push_back(&*v);
}

// Length of `s` once escaped as the inside of a JSON string.
std::size_t escaped_size(std::string_view s) {
    std::size_t n = 0;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        n += (c == '"' || c == '\\') ? 2 : c < 0x20 ? 6 : 1;
    }
    return n;
}

void append_escaped(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
}

std::string placeholder(std::size_t i, unsigned nonce) {
    return "\"@@cc-secret-" + std::to_string(nonce) + "-" + std::to_string(i) + "@@\"";
}

std::size_t count_of(std::string_view hay, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

std::vector<std::string*> secret_fields(CreateRequest& r) {
    std::vector<std::string*> out;
    std::visit(
        [&out](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                add(out, v.access_key_id);
                add(out, v.secret_access_key);
            } else if constexpr (std::is_same_v<T, PasswordSpec> || std::is_same_v<T, DockerRegistrySpec>) {
                add(out, v.password);
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                if (v.key_value_pairs)
                    for (auto& kv : *v.key_value_pairs) add(out, kv.value);
            } else {
                add(out, v.ngc_api_key);
            }
        },
        r.spec);
    return out;
}

std::string take_secret_body(CreateRequest& r) {
    const std::vector<std::string*> fields = secret_fields(r);
    // Swap each secret out of the request (swapping moves whole string representations, so
    // no partial copy stays behind) and leave a unique placeholder in its place. A name or
    // description that happens to contain a placeholder makes us pick another nonce.
    std::vector<std::string> held(fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) held[i].swap(*fields[i]);
    std::string skeleton;
    std::vector<std::pair<std::size_t, std::size_t>> marks;  // (position, secret index)
    for (unsigned nonce = 1;; ++nonce) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string p = placeholder(i, nonce);
            *fields[i] = p.substr(1, p.size() - 2);
        }
        skeleton = encode_create_request(r).dump();
        marks.clear();
        bool unique = true;
        for (std::size_t i = 0; i < fields.size() && unique; ++i) {
            const std::string p = placeholder(i, nonce);
            unique = count_of(skeleton, p) == 1;
            marks.emplace_back(skeleton.find(p), i);
        }
        if (unique) break;
    }
    std::sort(marks.begin(), marks.end());

    std::size_t size = skeleton.size();
    for (const auto& [pos, i] : marks) {
        const std::size_t token = skeleton.find("@@\"", pos + 1) + 3 - pos;
        size = size - token + 2 + escaped_size(held[i]);
    }
    std::string body;
    body.reserve(size);  // exact: the body is never reallocated (a reallocation leaves a copy)
    std::size_t at = 0;
    for (const auto& [pos, i] : marks) {
        body.append(skeleton, at, pos - at);
        body += '"';
        append_escaped(body, held[i]);
        body += '"';
        at = skeleton.find("@@\"", pos + 1) + 3;
    }
    body.append(skeleton, at, std::string::npos);
    for (auto& h : held) wipe_string(h);
    wipe_secrets(r);
    return body;
}

}  // namespace cc
