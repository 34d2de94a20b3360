// A pull reader over JSON text, for decoders that fill their structs straight from the text
// instead of building a DOM first. Header-only so that its small per-byte steps inline into the
// decoder's loops. It checks what it skips as strictly as nlohmann's parser does, so a decoder
// built on it never accepts a document the DOM would refuse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace cc {

// Every method returns false when the text is not what it expects (the caller then gives up,
// typically falling back to the DOM decoder, which reports the problem); whitespace before a
// value is skipped. Objects and arrays: open(), then more() before each member or element.
class JsonCursor {
public:
    explicit JsonCursor(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool at_end() {
        ws();
        return p_ == end_;
    }
    // The next value's first character (after whitespace), 0 at the end.
    char peek() {
        ws();
        return p_ == end_ ? '\0' : *p_;
    }
    bool null() { return literal("null"); }
    bool boolean(bool& out) {
        if (peek() == 't' && literal("true")) return out = true, true;
        if (peek() == 'f' && literal("false")) return out = false, true;
        return false;
    }
    // An integer that nlohmann would hold as a signed or unsigned integer fitting int64.
    bool integer(std::int64_t& out) {
        ws();
        const char* q = p_;
        const bool neg = q != end_ && *q == '-';
        if (neg) ++q;
        if (q == end_ || *q < '0' || *q > '9') return false;
        if (*q == '0' && q + 1 != end_ && q[1] >= '0' && q[1] <= '9') return false;
        std::uint64_t v = 0;
        for (; q != end_ && *q >= '0' && *q <= '9'; ++q) {
            if (v > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) return false;
            v = v * 10 + static_cast<unsigned>(*q - '0');
        }
        if (q != end_ && (*q == '.' || *q == 'e' || *q == 'E')) return false;  // a float
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
        out = neg ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
        p_ = q;
        return true;
    }
    bool string(std::string& out) {
        ws();
        if (p_ == end_ || *p_ != '"') return false;
        ++p_;
        out.clear();
        const char* run = p_;
        while (p_ != end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                out.append(run, p_);
                ++p_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                out.append(run, p_);
                if (!escape(out)) return false;
                run = p_;
                continue;
            }
            if (c >= 0x80) {
                if (!utf8_sequence()) return false;
                continue;
            }
            ++p_;
        }
        return false;
    }
    // Objects and arrays: open, then `more` before each member (it eats the commas) until it
    // answers false at the closing bracket. `ok` tells a clean close from a syntax error.
    bool open(char bracket) {
        if (peek() != bracket) return false;
        ++p_;
        first_ = true;
        return true;
    }
    bool more(char closing, bool& ok) {
        ok = true;
        ws();
        if (p_ == end_) return ok = false;
        if (*p_ == closing) {
            ++p_;
            first_ = false;
            return false;
        }
        if (!first_) {
            if (*p_ != ',') return ok = false;
            ++p_;
        }
        first_ = false;
        return true;
    }
    bool key(std::string& out) {
        if (!string(out)) return false;
        ws();
        if (p_ == end_ || *p_ != ':') return false;
        ++p_;
        return true;
    }
    bool skip(int depth = 0) {
        if (depth > 256) return false;
        switch (peek()) {
            case '"': return string(scratch_);
            case 't':
            case 'f': {
                bool b;
                return boolean(b);
            }
            case 'n': return null();
            case '{': {
                if (!open('{')) return false;
                bool ok;
                while (more('}', ok)) {
                    if (!key(scratch_) || !skip(depth + 1)) return false;
                    first_ = false;
                }
                return ok;
            }
            case '[': {
                if (!open('[')) return false;
                bool ok;
                while (more(']', ok)) {
                    if (!skip(depth + 1)) return false;
                    first_ = false;
                }
                return ok;
            }
            default: return number();
        }
    }
    // After a nested value the container continues with a comma.
    void after_value() { first_ = false; }

private:
    void ws() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool literal(std::string_view word) {
        ws();
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
            return false;
        p_ += word.size();
        return true;
    }
    bool digits() {
        const char* q = p_;
        while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        return p_ != q;
    }
    bool number() {
        ws();
        if (p_ != end_ && *p_ == '-') ++p_;
        if (p_ == end_) return false;
        if (*p_ == '0')
            ++p_;
        else if (!digits())
            return false;
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            if (!digits()) return false;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (!digits()) return false;
        }
        return true;
    }
    bool hex4(unsigned& out) {
        if (end_ - p_ < 4) return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            out <<= 4;
            if (c >= '0' && c <= '9')
                out |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                out |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                out |= static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }
    bool escape(std::string& out) {
        ++p_;  // the backslash
        if (p_ == end_) return false;
        const char c = *p_++;
        switch (c) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': break;
            default: return false;
        }
        unsigned cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low;
            if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return true;
    }
    // One well-formed UTF-8 sequence of 2 to 4 bytes (RFC 3629: no overlongs, no surrogates).
    bool utf8_sequence() {
        const auto b = [this](std::ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
        const auto cont = [&b](std::ptrdiff_t i) { return (b(i) & 0xC0) == 0x80; };
        const std::ptrdiff_t left = end_ - p_;
        const unsigned char c = b(0);
        int n;
        if (c >= 0xC2 && c <= 0xDF)
            n = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 4;
        else
            return false;
        if (left < n) return false;
        for (int i = 1; i < n; ++i)
            if (!cont(i)) return false;
        if (c == 0xE0 && b(1) < 0xA0) return false;
        if (c == 0xED && b(1) > 0x9F) return false;
        if (c == 0xF0 && b(1) < 0x90) return false;
        if (c == 0xF4 && b(1) > 0x8F) return false;
        p_ += n;
        return true;
    }

    const char* p_;
    const char* end_;
    bool first_ = true;
    std::string scratch_;
};

}  // namespace cc
