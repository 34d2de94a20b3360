// Typed identifiers. The Run:ai API uses different id types per entity (projectId is an int in
// credentials but a string in org-unit lists; docs/api.md, 'Ids'); wrapping them keeps them apart
// at compile time so a department id can never be passed where a project id is expected.
#pragma once

#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cc {

template <class Tag, class T>
struct TypedId {
    T value{};

    TypedId() = default;
    explicit TypedId(T v) : value(std::move(v)) {}

    friend bool operator==(const TypedId& a, const TypedId& b) { return a.value == b.value; }
    friend bool operator!=(const TypedId& a, const TypedId& b) { return a.value != b.value; }
    friend bool operator<(const TypedId& a, const TypedId& b) { return a.value < b.value; }
};

using CredentialId = TypedId<struct CredentialIdTag, std::string>;  // UUID
using ClusterId = TypedId<struct ClusterIdTag, std::string>;        // UUID
using DepartmentId = TypedId<struct DepartmentIdTag, std::string>;  // numeric string, opaque
using ProjectId = TypedId<struct ProjectIdTag, std::int64_t>;       // int32 in the asset API

// A project id written as text ("42"): decimal digits only, at most 18 of them (so it fits).
inline std::optional<ProjectId> parse_project_id(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.front() == '-') return std::nullopt;
    return ProjectId{value};
}

}  // namespace cc

template <class Tag, class T>
struct std::hash<cc::TypedId<Tag, T>> {
    std::size_t operator()(const cc::TypedId<Tag, T>& id) const noexcept { return std::hash<T>{}(id.value); }
};
