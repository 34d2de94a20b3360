// The wall clock read through std::chrono::system_clock, in seconds and milliseconds since the
// Unix epoch. Formatting the instants is the core's (time_text.h), which needs no clock.
#include "server/time_util.h"

#include <chrono>

namespace cc::server {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t unix_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace cc::server
