// Typed identifiers. The Run:ai API uses different id types per entity (projectId is an int in
// credentials but a string in org-unit lists; docs/api.md, 'Ids'); wrapping them keeps them apart
// at compile time so a department id can never be passed where a project id is expected.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

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

}  // namespace cc

template <class Tag, class T>
struct std::hash<cc::TypedId<Tag, T>> {
    std::size_t operator()(const cc::TypedId<Tag, T>& id) const noexcept { return std::hash<T>{}(id.value); }
};
