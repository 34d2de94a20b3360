// The credentials the web app holds, packed: 100,000 decoded Credentials take ~98 MiB of
// WebAssembly memory (every field its own string, most of them empty optionals), packed they
// take a fifth of that. Each credential is one record of bytes (lengths and small numbers as
// varints); strings that repeat across credentials (creators, clusters, departments, project
// names, key names, status messages) are kept once. A Credential is unpacked when one is
// needed (details, a dialog, a check), which costs microseconds.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/credential.h"

namespace cc {

class CredentialStore {
public:
    CredentialStore() = default;
    explicit CredentialStore(const std::vector<Credential>& list) {
        for (const auto& c : list) push_back(c);
    }

    std::size_t size() const { return records_.size(); }
    bool empty() const { return records_.empty(); }
    void clear();

    // Secrets are never kept: the secret fields of a spec (which the API never sends anyway)
    // are left out on the way in.
    void push_back(const Credential& c);
    void replace(std::size_t i, const Credential& c);
    void erase(std::size_t i);

    Credential at(std::size_t i) const;
    // Unpacks into `out`, reusing its strings' room (a loop over every credential).
    void read(std::size_t i, Credential& out) const;
    // The first fields, read without unpacking the rest.
    std::string_view id(std::size_t i) const;
    std::string_view name(std::size_t i) const;

    // Bytes held by the records and the shared strings (for the benchmarks).
    std::size_t bytes_held() const;

private:
    struct Location {
        std::uint32_t chunk = 0;
        std::uint32_t offset = 0;
    };
    const char* record(std::size_t i) const;
    const std::string& shared_string(std::uint64_t reference) const;  // index + 1
    Location append(std::string_view packed);
    std::uint32_t intern(std::string_view s);

    std::vector<std::string> chunks_;  // records, never moved once written
    std::vector<Location> records_;
    std::deque<std::string> strings_;  // shared strings, by index (a deque never moves them)
    std::unordered_map<std::string_view, std::uint32_t> string_index_;
    std::string scratch_;
};

}  // namespace cc
