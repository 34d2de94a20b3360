// Actions (what happened) and effects (what the platform must do). Views and the platform
// produce actions; update() consumes them and returns effects.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "api/http.h"

namespace cc::app {

// Which response an in-flight request is waiting for.
enum class RequestTag { Token, Credentials, Clusters, Departments, Projects };

struct LoginSubmitted {
    std::string username;
    std::string password;  // wiped by update() once the request body is built
};
struct TokenProvided {  // a host console hands its own token to the embedded app
    std::string token;
    std::string user;
};
struct RefreshRequested {};
struct LogoutRequested {};
struct HttpResponded {
    RequestTag tag;
    std::uint64_t generation = 0;
    api::HttpResponse response;
    double now_ms = 0;
};

using Action = std::variant<LoginSubmitted, TokenProvided, RefreshRequested, LogoutRequested, HttpResponded>;

struct SendRequest {
    RequestTag tag;
    std::uint64_t generation = 0;
    api::HttpRequest request;
};

using Effect = std::variant<SendRequest>;

}  // namespace cc::app
