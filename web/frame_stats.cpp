#include "web/frame_stats.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace cc::web {
namespace {

constexpr std::size_t kWindow = 600;

struct Stats {
    std::array<FrameCost, kWindow> ring{};
    std::size_t frames = 0;  // since the last reset
};

Stats& stats() {
    static Stats s;
    return s;
}

// p50, p99 and max of one part over the frames in the window, as a JSON object.
std::string summary(double FrameCost::*part) {
    const Stats& s = stats();
    const std::size_t n = std::min(s.frames, kWindow);
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = s.ring[i].*part;
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
        return n ? v[std::min(n - 1, static_cast<std::size_t>(q * static_cast<double>(n)))] : 0.0;
    };
    char buf[96];
    std::snprintf(buf, sizeof buf, "{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f}", at(0.5), at(0.99), n ? v.back() : 0.0);
    return buf;
}

}  // namespace

void frame_stats_add(const FrameCost& cost) {
    Stats& s = stats();
    s.ring[s.frames % kWindow] = cost;
    ++s.frames;
}

std::string frame_stats_json() {
    return "{\"frames\":" + std::to_string(stats().frames) + ",\"total\":" + summary(&FrameCost::total) +
           ",\"update\":" + summary(&FrameCost::update) + ",\"ui\":" + summary(&FrameCost::ui) +
           ",\"gl\":" + summary(&FrameCost::gl) + "}";
}

void frame_stats_reset() {
    stats().frames = 0;
}

}  // namespace cc::web
