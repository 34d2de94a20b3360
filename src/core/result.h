// Errors are values across layers (no exceptions cross the WASM boundary). ApiError mirrors
// the Run:ai error body {code, message, details}; `field` names the request field at fault
// so forms can put the message next to it.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cc {

struct ApiError {
    int code = 0;
    std::string message;
    std::string details;
    std::string field;  // dotted path of the offending field, when known ("meta.name")
};

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
    Result(ApiError error) : v_(std::move(error)) {}  // NOLINT

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const ApiError& error() const { return std::get<1>(v_); }

private:
    std::variant<T, ApiError> v_;
};

}  // namespace cc
