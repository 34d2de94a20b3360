// Transport-neutral HTTP exchange types. The API client builds HttpRequests and parses
// HttpResponses; who carries them (emscripten fetch in the browser, a fake in tests) is
// the platform's business.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cc::api {

struct HttpRequest {
    std::string method = "GET";
    std::string path;  // relative to the API base, without a leading '/': "api/v1/clusters"
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool body_is_secret = false;  // the transport wipes its copy after sending
};

struct HttpResponse {
    int status = 0;  // 0: no HTTP answer (network error, aborted)
    std::string body;
    std::string transport_error;  // why there is no answer, when status == 0
};

}  // namespace cc::api
