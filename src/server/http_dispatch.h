// httplib::Server driven by the HTTP front instead of its own socket loop: one request the front
// has already read and normalized runs through httplib's pipeline (routing, handlers, error and
// exception handlers, logger, Keep-Alive headers) over an in-memory stream.
#pragma once

#include <httplib.h>

#include "server/http_front.h"

namespace cc::server {

class DispatchServer : public httplib::Server {
public:
    // Handles `request` and returns httplib's response bytes. `req.remote_addr` is the client's
    // real address. Content providers are not supported: httplib stops them when it has no
    // listening socket of its own, so handlers must set the body.
    FrontResponse dispatch(const FrontRequest& request);
};

}  // namespace cc::server
