// Token buckets keyed by lower-cased login name and by address. Buckets are refilled lazily when
// touched; the maps are trimmed when they pass their bound, full buckets (which carry no
// memory of failures) first, then the longest untouched.
#include "server/login_throttle.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "server/http_util.h"

namespace cc::server {

LoginThrottle::LoginThrottle(LoginPolicy policy) : policy_(policy) {}

LoginThrottle::Bucket& LoginThrottle::refilled(Buckets& buckets, const std::string& key, double burst,
                                               double refill_seconds, Clock::time_point now) {
    auto [it, added] = buckets.try_emplace(key, Bucket{burst, now});
    Bucket& b = it->second;
    if (!added) {
        const double elapsed = std::chrono::duration<double>(now - b.updated).count();
        if (elapsed > 0) b.tokens = std::min(burst, b.tokens + elapsed / refill_seconds);
        b.updated = std::max(b.updated, now);
    }
    return b;
}

void LoginThrottle::trim(Buckets& buckets, double burst, double refill_seconds, Clock::time_point now) const {
    if (buckets.size() <= policy_.max_tracked) return;
    std::erase_if(buckets, [&](const auto& entry) {
        const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
        return entry.second.tokens + elapsed / refill_seconds >= burst;
    });
    // Down to nine tenths of the bound, so that a flood of new names pays for a trim once per
    // tenth of the bound, not on every attempt.
    const std::size_t target = policy_.max_tracked - policy_.max_tracked / 10;
    if (buckets.size() <= target) return;
    std::vector<std::pair<Clock::time_point, std::string>> by_age;
    by_age.reserve(buckets.size());
    for (const auto& [key, b] : buckets) by_age.emplace_back(b.updated, key);
    const std::size_t drop = buckets.size() - target;
    std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(drop), by_age.end());
    for (std::size_t i = 0; i < drop; ++i) buckets.erase(by_age[i].second);
}

std::optional<int> LoginThrottle::begin_attempt(const std::string& name, const std::string& address,
                                                Clock::time_point now) {
    const std::string key = ascii_lower(name);
    std::lock_guard lock(mutex_);
    Bucket& n = refilled(names_, key, policy_.attempts_per_name, policy_.name_refill_seconds, now);
    Bucket& a = refilled(addresses_, address, policy_.attempts_per_address, policy_.address_refill_seconds, now);
    if (n.tokens < 1 || a.tokens < 1) {
        const double wait = std::max(n.tokens < 1 ? (1 - n.tokens) * policy_.name_refill_seconds : 0.0,
                                     a.tokens < 1 ? (1 - a.tokens) * policy_.address_refill_seconds : 0.0);
        return std::max(1, static_cast<int>(std::ceil(wait)));
    }
    n.tokens -= 1;
    a.tokens -= 1;
    trim(names_, policy_.attempts_per_name, policy_.name_refill_seconds, now);
    trim(addresses_, policy_.attempts_per_address, policy_.address_refill_seconds, now);
    return std::nullopt;
}

void LoginThrottle::succeeded(const std::string& name, const std::string& address, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    names_.erase(ascii_lower(name));
    Bucket& a = refilled(addresses_, address, policy_.attempts_per_address, policy_.address_refill_seconds, now);
    a.tokens = std::min(policy_.attempts_per_address, a.tokens + 1);
}

std::optional<LoginThrottle::HashSlot> LoginThrottle::hash_slot() {
    if (!hashes_.try_acquire_for(policy_.hash_wait)) return std::nullopt;
    return HashSlot(&hashes_);
}

}  // namespace cc::server
