// Limits on password checks, the one request an anonymous caller can make expensive: each
// attempt spends a token of the login name's bucket and of the client address's bucket
// (refunded when the password was right), and at most a few argon2 checks run at once, so a
// burst of sign-ins can neither guess passwords quickly nor fill the memory with hashes.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>

namespace cc::server {

struct LoginPolicy {
    double attempts_per_name = 5;      // burst of wrong passwords for one login name
    double name_refill_seconds = 20;   // then one more attempt every this many seconds
    double attempts_per_address = 20;  // burst from one client address, any names
    double address_refill_seconds = 2;
    std::size_t max_tracked = 10000;            // buckets kept per kind; full ones are dropped first
    std::chrono::milliseconds hash_wait{3000};  // how long an attempt waits for a free argon2 slot
};

class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::ptrdiff_t kConcurrentHashes = 2;

    explicit LoginThrottle(LoginPolicy policy = {});

    // Spends one attempt of `name` and of `address`: nullopt to go on and check the password,
    // or the seconds after which an attempt would be allowed (for a 429 with Retry-After).
    std::optional<int> begin_attempt(const std::string& name, const std::string& address,
                                     Clock::time_point now = Clock::now());
    // The password was right: the attempt is given back and the name's failures forgotten.
    void succeeded(const std::string& name, const std::string& address, Clock::time_point now = Clock::now());

    // Holds one of the few argon2 slots while alive.
    class HashSlot {
    public:
        explicit HashSlot(std::counting_semaphore<kConcurrentHashes>* s) : s_(s) {}
        HashSlot(HashSlot&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
        HashSlot(const HashSlot&) = delete;
        HashSlot& operator=(const HashSlot&) = delete;
        HashSlot& operator=(HashSlot&&) = delete;
        ~HashSlot() {
            if (s_) s_->release();
        }

    private:
        std::counting_semaphore<kConcurrentHashes>* s_;
    };
    // A slot, or nullopt when none was free within the policy's wait (answer 503).
    std::optional<HashSlot> hash_slot();

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    using Buckets = std::map<std::string, Bucket>;

    Bucket& refilled(Buckets& buckets, const std::string& key, double burst, double refill_seconds,
                     Clock::time_point now);
    void trim(Buckets& buckets, double burst, double refill_seconds, Clock::time_point now) const;

    LoginPolicy policy_;
    std::mutex mutex_;
    Buckets names_;
    Buckets addresses_;
    std::counting_semaphore<kConcurrentHashes> hashes_{kConcurrentHashes};
};

}  // namespace cc::server
