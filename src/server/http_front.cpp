// The front's machinery: a level-triggered epoll loop over non-blocking sockets, a
// timeout sweep every tick, a worker pool fed through a bounded queue, and an eventfd through
// which workers hand responses back. Only the loop thread touches connections; workers see a
// copy of the request and the connection's id, so a connection closed meanwhile is simply gone.
#include "server/http_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/json_codec.h"

namespace cc::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::uint64_t kListenerId = 1;
constexpr std::uint64_t kWakeId = 2;
constexpr std::uint64_t kFirstConnectionId = 16;
constexpr milliseconds kTick{50};  // timeout resolution
// After an answer that closes the connection, input is read and dropped this long so that
// unread request bytes do not turn the close into a reset that destroys the answer in flight.
constexpr milliseconds kLinger{2000};
// When a stopping server's last answers are still going out, it waits at most this long.
constexpr milliseconds kStopGrace{10000};
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr int kReadsPerWakeup = 8;  // then other connections get their turn
// File descriptors kept free of connections: the listener, epoll, the eventfd, the database.
constexpr std::size_t kReservedFds = 64;

const char* reason_phrase(int code) {
    switch (code) {
        case 400: return "Bad Request";
        case 408: return "Request Timeout";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        default: return "Error";
    }
}

PeerAddress address_of(const sockaddr_storage& addr) {
    PeerAddress out;
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
        ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
        out.port = ntohs(a.sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
        ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
        out.port = ntohs(a.sin6_port);
    }
    out.ip = text;
    return out;
}

std::size_t raise_fd_limit() {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
    if (lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &lim);
        ::getrlimit(RLIMIT_NOFILE, &lim);
    }
    if (lim.rlim_cur == RLIM_INFINITY) return static_cast<std::size_t>(1) << 20;
    return static_cast<std::size_t>(lim.rlim_cur);
}

std::string seconds_text(milliseconds ms) {
    const auto tenths = (ms.count() + 50) / 100;
    return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " s";
}

}  // namespace

std::string front_error_response(const ApiError& error, std::string_view extra_headers) {
    const std::string body = encode_error(error).dump();
    std::string out = "HTTP/1.1 " + std::to_string(error.code) + " " + reason_phrase(error.code) + "\r\n";
    out += "Content-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out.append(extra_headers);
    out += "\r\n";
    out += body;
    return out;
}

struct HttpFront::Impl {
    enum class State {
        Reading,    // assembling a request (or idle between requests)
        Handling,   // a worker has the request; nothing more is read
        Writing,    // the answer is going out; then Reading again, or Lingering
        Lingering,  // answered and shut down for writing; input is dropped until EOF
    };

    struct Connection {
        std::uint64_t id = 0;
        int fd = -1;
        PeerAddress remote;
        PeerAddress local;
        State state = State::Reading;
        HttpRequestReader reader;
        std::string in;  // received bytes the reader has not taken: a pipelined next request
        std::size_t in_pos = 0;
        std::string out;
        std::size_t out_pos = 0;
        std::uint32_t events = 0;  // the epoll interest set now
        bool close_after_write = false;
        bool peer_eof = false;
        bool request_started = false;
        bool headers_done = false;
        bool continue_sent = false;
        int requests = 0;
        Clock::time_point since;  // start of the phase whose timeout applies

        explicit Connection(const HttpLimits& limits) : reader(limits) {}
    };

    struct Job {
        std::uint64_t id;
        FrontRequest request;
    };
    struct Done {
        std::uint64_t id;
        FrontResponse response;
    };

    FrontConfig config;
    FrontHandler handler;
    std::size_t max_connections = 0;
    int listen_fd = -1;
    int epoll_fd = -1;
    int wake_fd = -1;
    int port = 0;
    std::thread loop_thread;
    std::vector<std::thread> workers;
    std::atomic<bool> stopping{false};

    // Loop thread only.
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections;
    std::unordered_map<std::string, std::size_t> per_address;
    std::uint64_t next_id = kFirstConnectionId;
    bool accept_paused = false;
    Clock::time_point accept_resume;
    std::vector<char> read_buf = std::vector<char>(kReadChunk);

    std::mutex jobs_mu;
    std::condition_variable jobs_cv;
    std::deque<Job> jobs;
    bool workers_stop = false;

    std::mutex done_mu;
    std::vector<Done> done;

    Impl(FrontConfig c, FrontHandler h) : config(std::move(c)), handler(std::move(h)) {}

    Result<int> start();
    void stop();
    void close_fds();

    void run_loop();
    void worker_loop();
    void wake() const;

    void accept_all(Clock::time_point now);
    void refuse(int fd, const std::string& details);
    void on_event(Connection& c, std::uint32_t events, Clock::time_point now);
    void read_input(Connection& c, Clock::time_point now);
    void drain_input(Connection& c);
    void process(Connection& c, Clock::time_point now);
    void dispatch(Connection& c, Clock::time_point now);
    void deliver(Connection& c, FrontResponse response, Clock::time_point now);
    void answer_error(Connection& c, const ApiError& error, Clock::time_point now, std::string_view extra = {});
    void flush(Connection& c, Clock::time_point now);
    void after_response(Connection& c, Clock::time_point now);
    void sweep(Clock::time_point now);
    void update_interest(Connection& c);
    void close_connection(std::uint64_t id);
    void take_done(Clock::time_point now);
};

// ---- lifecycle ----------------------------------------------------------------------------

Result<int> HttpFront::Impl::start() {
    const std::size_t fd_limit = raise_fd_limit();
    max_connections =
        std::min(config.max_connections, fd_limit > kReservedFds * 2 ? fd_limit - kReservedFds : fd_limit / 2);

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string where = config.host + ":" + std::to_string(config.port);
    if (::getaddrinfo(config.host.c_str(), std::to_string(config.port).c_str(), &hints, &found) != 0 || !found)
        return ApiError{500, "Cannot resolve the listen address " + config.host, {}, {}};
    int last_errno = 0;
    for (addrinfo* a = found; a && listen_fd < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        const int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
            listen_fd = fd;
        } else {
            last_errno = errno;
            ::close(fd);
        }
    }
    ::freeaddrinfo(found);
    if (listen_fd < 0)
        return ApiError{500,
                        "Cannot listen on " + (config.port == 0 ? config.host + " (any port)" : where),
                        last_errno == EADDRINUSE ? "Is another server using this port?" : std::strerror(last_errno),
                        {}};
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&bound), &len);
    port = address_of(bound).port;

    epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_fd < 0 || wake_fd < 0) {
        close_fds();
        return ApiError{500, "Cannot create the HTTP event loop", std::strerror(errno), {}};
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kListenerId;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev);
    ev.data.u64 = kWakeId;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &ev);

    const int n = std::max(1, config.worker_threads);
    for (int i = 0; i < n; ++i) workers.emplace_back([this] { worker_loop(); });
    loop_thread = std::thread([this] { run_loop(); });
    return port;
}

void HttpFront::Impl::stop() {
    if (!loop_thread.joinable()) return;
    stopping = true;
    wake();
    loop_thread.join();
    {
        std::lock_guard lock(jobs_mu);
        workers_stop = true;
    }
    jobs_cv.notify_all();
    for (auto& w : workers) w.join();
    workers.clear();
    close_fds();
}

void HttpFront::Impl::close_fds() {
    for (int* fd : {&listen_fd, &epoll_fd, &wake_fd}) {
        if (*fd >= 0) ::close(*fd);
        *fd = -1;
    }
}

void HttpFront::Impl::wake() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wake_fd, &one, sizeof one);
}

void HttpFront::Impl::worker_loop() {
    while (true) {
        Job job;
        {
            std::unique_lock lock(jobs_mu);
            jobs_cv.wait(lock, [&] { return workers_stop || !jobs.empty(); });
            if (jobs.empty()) return;  // stopping, and every queued request was handled
            job = std::move(jobs.front());
            jobs.pop_front();
        }
        FrontResponse response;
        try {
            response = handler(job.request);
        } catch (...) {
            response = {front_error_response(
                            ApiError{500, "Internal server error", "The server failed to handle this request", {}},
                            config.error_headers),
                        true};
        }
        {
            std::lock_guard lock(done_mu);
            done.push_back(Done{job.id, std::move(response)});
        }
        wake();
    }
}

// ---- the loop -----------------------------------------------------------------------------

void HttpFront::Impl::run_loop() {
    std::vector<epoll_event> events(256);
    Clock::time_point next_sweep = Clock::now() + kTick;
    bool stop_seen = false;
    Clock::time_point stop_deadline;
    while (true) {
        const int n =
            ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), static_cast<int>(kTick.count()));
        Clock::time_point now = Clock::now();
        for (std::size_t i = 0; i < static_cast<std::size_t>(std::max(n, 0)); ++i) {
            const std::uint64_t id = events[i].data.u64;
            if (id == kListenerId) {
                if (!stopping) accept_all(now);
            } else if (id == kWakeId) {
                std::uint64_t count = 0;
                [[maybe_unused]] const auto r = ::read(wake_fd, &count, sizeof count);
            } else if (auto it = connections.find(id); it != connections.end()) {
                on_event(*it->second, events[i].events, now);
            }
        }
        take_done(now);

        if (stopping && !stop_seen) {
            // Stop accepting, drop connections that are not in a request, and let the others
            // finish: each closes once its answer is out.
            stop_seen = true;
            stop_deadline = now + kStopGrace;
            ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
            ::close(listen_fd);
            listen_fd = -1;
            std::vector<std::uint64_t> idle;
            for (auto& [id, c] : connections) {
                if (c->state == State::Reading || c->state == State::Lingering)
                    idle.push_back(id);
                else
                    c->close_after_write = true;
            }
            for (auto id : idle) close_connection(id);
        }
        if (stop_seen) {
            // Answered connections close at once rather than linger: the server is going away.
            std::vector<std::uint64_t> answered;
            for (auto& [id, c] : connections)
                if (c->state == State::Lingering) answered.push_back(id);
            for (auto id : answered) close_connection(id);
            if (connections.empty() || now >= stop_deadline) break;
        }

        if (now >= next_sweep) {
            sweep(now);
            next_sweep = now + kTick;
        }
    }
    std::vector<std::uint64_t> rest;
    for (auto& [id, c] : connections) rest.push_back(id);
    for (auto id : rest) close_connection(id);
}

void HttpFront::Impl::accept_all(Clock::time_point now) {
    while (true) {
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Out of descriptors: leave the rest in the backlog for a tick instead of
                // spinning on a listener that stays readable.
                epoll_event ev{};
                ev.data.u64 = kListenerId;
                ::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, listen_fd, &ev);
                accept_paused = true;
                accept_resume = now + kTick;
            }
            return;
        }
        PeerAddress remote = address_of(addr);
        if (connections.size() >= max_connections) {
            refuse(fd, "The server has too many open connections");
            continue;
        }
        std::size_t& from_address = per_address[remote.ip];
        if (from_address >= config.max_connections_per_address) {
            if (from_address == 0) per_address.erase(remote.ip);
            refuse(fd, "Too many open connections from this address");
            continue;
        }
        ++from_address;
        const int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        auto c = std::make_unique<Connection>(config.limits);
        c->id = next_id++;
        c->fd = fd;
        c->remote = std::move(remote);
        sockaddr_storage local{};
        len = sizeof local;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) == 0) c->local = address_of(local);
        c->since = now;
        c->events = EPOLLIN | EPOLLRDHUP;
        epoll_event ev{};
        ev.events = c->events;
        ev.data.u64 = c->id;
        if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) != 0) {
            if (--from_address == 0) per_address.erase(c->remote.ip);
            ::close(fd);
            continue;
        }
        connections.emplace(c->id, std::move(c));
    }
}

// A connection over a limit gets a 503 if its socket takes it at once, and is closed. Bytes it
// already sent are read first so that the close does not reset the answer away.
void HttpFront::Impl::refuse(int fd, const std::string& details) {
    char buf[4096];
    for (int i = 0; i < 16 && ::recv(fd, buf, sizeof buf, 0) > 0; ++i) {
    }
    const std::string answer = front_error_response(ApiError{503, "Service unavailable", details, {}},
                                                    config.error_headers + "Retry-After: 1\r\n");
    [[maybe_unused]] const auto n = ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
}

void HttpFront::Impl::on_event(Connection& c, std::uint32_t events, Clock::time_point now) {
    if (events & (EPOLLERR | EPOLLHUP)) return close_connection(c.id);
    const std::uint64_t id = c.id;
    if ((events & EPOLLOUT) && !c.out.empty()) {
        flush(c, now);
        if (!connections.count(id)) return;
    }
    if (events & (EPOLLIN | EPOLLRDHUP)) {
        if (c.state == State::Lingering)
            drain_input(c);
        else if (c.state == State::Reading)
            read_input(c, now);
    }
}

void HttpFront::Impl::read_input(Connection& c, Clock::time_point now) {
    const std::uint64_t id = c.id;
    for (int i = 0; i < kReadsPerWakeup && c.state == State::Reading && !c.peer_eof; ++i) {
        const ssize_t n = ::recv(c.fd, read_buf.data(), read_buf.size(), 0);
        if (n > 0) {
            c.in.append(read_buf.data(), static_cast<std::size_t>(n));
            process(c, now);
            if (!connections.count(id)) return;
            if (static_cast<std::size_t>(n) < read_buf.size()) break;  // most likely drained
        } else if (n == 0) {
            c.peer_eof = true;
        } else if (errno == EINTR) {
            continue;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            break;
        } else {
            return close_connection(id);
        }
    }
    // The client stopped sending before a complete request: nobody is left to answer.
    if (c.peer_eof && c.state == State::Reading) return close_connection(id);
    update_interest(c);
}

void HttpFront::Impl::drain_input(Connection& c) {
    for (int i = 0; i < kReadsPerWakeup; ++i) {
        const ssize_t n = ::recv(c.fd, read_buf.data(), read_buf.size(), 0);
        if (n > 0) continue;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        return close_connection(c.id);  // EOF or an error: the client has the answer or is gone
    }
}

// Feeds buffered input to the reader until a request is complete (dispatched), refused, or
// everything buffered is taken. Only called in Reading.
void HttpFront::Impl::process(Connection& c, Clock::time_point now) {
    while (c.state == State::Reading && c.in_pos < c.in.size()) {
        const std::size_t used = c.reader.feed(std::string_view(c.in).substr(c.in_pos));
        c.in_pos += used;
        if (c.reader.started() && !c.request_started) {
            c.request_started = true;
            c.since = now;
        }
        if (c.reader.headers_complete() && !c.headers_done) {
            c.headers_done = true;
            c.since = now;
        }
        if (c.reader.status() == ReadStatus::Error) {
            answer_error(c, c.reader.error(), now);
            break;
        }
        if (c.reader.status() == ReadStatus::Complete) {
            dispatch(c, now);
            break;
        }
        if (c.reader.expects_continue() && !c.continue_sent) {
            c.continue_sent = true;
            c.out += "HTTP/1.1 100 Continue\r\n\r\n";
        }
        if (used == 0) break;
    }
    if (c.in_pos == c.in.size()) {
        c.in.clear();
        c.in_pos = 0;
    } else if (c.in_pos > c.in.size() / 2) {
        c.in.erase(0, c.in_pos);
        c.in_pos = 0;
    }
    if (c.state == State::Reading && c.out_pos < c.out.size()) flush(c, now);  // a 100 Continue
}

void HttpFront::Impl::dispatch(Connection& c, Clock::time_point now) {
    FrontRequest job;
    job.request = c.reader.take();
    c.request_started = c.headers_done = c.continue_sent = false;
    ++c.requests;
    job.close_connection =
        !job.request.keep_alive || c.requests >= config.max_requests_per_connection || stopping.load();
    job.remote = c.remote;
    job.local = c.local;
    bool queued = false;
    {
        std::lock_guard lock(jobs_mu);
        if (jobs.size() < config.max_queued_requests) {
            jobs.push_back(Job{c.id, std::move(job)});
            queued = true;
        }
    }
    if (!queued)
        return answer_error(c, ApiError{503, "Service unavailable", "The server is busy; retry in a moment", {}}, now,
                            "Retry-After: 1\r\n");
    jobs_cv.notify_one();
    c.state = State::Handling;
    c.since = now;
    update_interest(c);
}

void HttpFront::Impl::take_done(Clock::time_point now) {
    std::vector<Done> ready;
    {
        std::lock_guard lock(done_mu);
        ready.swap(done);
    }
    for (auto& d : ready) {
        auto it = connections.find(d.id);
        if (it != connections.end()) deliver(*it->second, std::move(d.response), now);
    }
}

void HttpFront::Impl::deliver(Connection& c, FrontResponse response, Clock::time_point now) {
    if (c.out.empty())
        c.out = std::move(response.bytes);  // a large body is not copied
    else
        c.out += response.bytes;
    c.close_after_write =
        c.close_after_write || response.close || stopping.load() || c.requests >= config.max_requests_per_connection;
    c.state = State::Writing;
    c.since = now;
    flush(c, now);
}

void HttpFront::Impl::answer_error(Connection& c, const ApiError& error, Clock::time_point now,
                                   std::string_view extra) {
    c.out += front_error_response(error, config.error_headers + std::string(extra));
    c.close_after_write = true;
    c.state = State::Writing;
    c.since = now;
    flush(c, now);
}

void HttpFront::Impl::flush(Connection& c, Clock::time_point now) {
    while (c.out_pos < c.out.size()) {
        const ssize_t n = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
        if (n > 0) {
            c.out_pos += static_cast<std::size_t>(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return update_interest(c);
        } else {
            return close_connection(c.id);
        }
    }
    c.out.clear();
    c.out_pos = 0;
    if (c.state == State::Writing) return after_response(c, now);
    update_interest(c);
}

// The answer is out: close gracefully, or read the next request (perhaps already buffered).
void HttpFront::Impl::after_response(Connection& c, Clock::time_point now) {
    if (c.close_after_write) {
        ::shutdown(c.fd, SHUT_WR);
        c.state = State::Lingering;
        c.since = now;
        c.in.clear();
        c.in_pos = 0;
        return update_interest(c);
    }
    c.state = State::Reading;
    c.since = now;
    const std::uint64_t id = c.id;
    process(c, now);
    if (!connections.count(id)) return;
    if (c.state == State::Reading && c.peer_eof) return close_connection(id);
    update_interest(c);
}

void HttpFront::Impl::sweep(Clock::time_point now) {
    if (accept_paused && now >= accept_resume && listen_fd >= 0) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = kListenerId;
        ::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, listen_fd, &ev);
        accept_paused = false;
    }
    std::vector<std::uint64_t> expired;
    std::vector<std::pair<std::uint64_t, ApiError>> timed_out;
    for (auto& [id, c] : connections) {
        const auto age = now - c->since;
        switch (c->state) {
            case State::Reading:
                if (!c->request_started) {
                    if (age >= config.idle_timeout) expired.push_back(id);
                } else if (!c->headers_done) {
                    if (age >= config.header_timeout)
                        timed_out.emplace_back(id, ApiError{408,
                                                            "Request timeout",
                                                            "The request headers did not arrive within " +
                                                                seconds_text(config.header_timeout),
                                                            {}});
                } else if (age >= config.body_timeout) {
                    timed_out.emplace_back(
                        id, ApiError{408,
                                     "Request timeout",
                                     "The request body did not arrive within " + seconds_text(config.body_timeout),
                                     {}});
                }
                break;
            case State::Handling: break;
            case State::Writing:
                if (age >= config.write_timeout) expired.push_back(id);
                break;
            case State::Lingering:
                if (age >= kLinger) expired.push_back(id);
                break;
        }
    }
    for (auto id : expired) close_connection(id);
    for (auto& [id, error] : timed_out) {
        auto it = connections.find(id);
        if (it != connections.end()) answer_error(*it->second, error, now);
    }
}

void HttpFront::Impl::update_interest(Connection& c) {
    std::uint32_t want = 0;
    switch (c.state) {
        case State::Reading:
            if (!c.peer_eof) want |= EPOLLIN | EPOLLRDHUP;
            break;
        case State::Lingering: want |= EPOLLIN | EPOLLRDHUP; break;
        case State::Handling:
        case State::Writing: break;
    }
    if (c.out_pos < c.out.size()) want |= EPOLLOUT;
    if (want == c.events) return;
    epoll_event ev{};
    ev.events = want;
    ev.data.u64 = c.id;
    if (::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &ev) == 0) c.events = want;
}

void HttpFront::Impl::close_connection(std::uint64_t id) {
    auto it = connections.find(id);
    if (it == connections.end()) return;
    Connection& c = *it->second;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
    ::close(c.fd);
    if (auto a = per_address.find(c.remote.ip); a != per_address.end() && --a->second == 0) per_address.erase(a);
    connections.erase(it);
}

// ---- public -------------------------------------------------------------------------------

HttpFront::HttpFront(FrontConfig config, FrontHandler handler)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler))) {}

HttpFront::~HttpFront() {
    stop();
}

Result<int> HttpFront::start() {
    if (impl_->loop_thread.joinable()) return ApiError{500, "The HTTP front is already running", {}, {}};
    return impl_->start();
}

void HttpFront::stop() {
    impl_->stop();
}

int HttpFront::port() const {
    return impl_->port;
}

}  // namespace cc::server
