// The reference API server as an object: tests start it in-process on port 0 with a temporary
// data directory; main.cpp wraps it in a command line. start() opens (and on first start seeds)
// the database, loads or creates the keys, binds, and serves from background threads.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/login_throttle.h"
#include "server/store.h"

namespace cc::server {

struct Config {
    std::string host = "127.0.0.1";
    int port = 8080;                          // 0: any free port
    std::filesystem::path data_dir = "data";  // database, secret.key, jwt.key
    std::filesystem::path web_dir;            // the web app; empty: API only
    std::string base_path = "/";              // "/credentials/" mounts the app and /api under it
    bool log_requests = true;                 // one line per request on stderr
    // Who may show the app in a frame: CSP frame-ancestors sources, e.g. "'self'
    // https://console.example.com" for a host console on another origin.
    std::string frame_ancestors = "'self'";
    LoginPolicy login_policy;   // sign-in attempts per name and per address
    int agent_delay_ms = 1500;  // how long credentials stay Creating/Updating/Deleting
    // A user whose session a display may ask for without a password (POST /api/v1/kiosk/session),
    // for kiosk and wall displays; empty: no such sessions. The user may only read.
    std::string kiosk_user;
    // Certificates the registry login checks trust besides the system's CA store (for tests with a
    // self-signed registry); empty: the system's only. There is no way to skip verification.
    std::string registry_ca_file;
    // Seconds between checks of every stored docker-registry and NGC login (a failing one shows
    // as an issue in its status); 0: only when a user asks.
    int registry_check_interval_s = 0;
    // Credentials of a new database: nullopt = the hand-written demo set; 0 = none (an
    // empty account); more than the demo set = the demo set plus generated ones.
    std::optional<std::size_t> demo_size;
    // The organization of a new database: "standard" (2 clusters, 4 departments, 12 projects) or
    // "large" (the standard one plus 5 clusters, 50 departments, 1,000 projects; demo_generate.h).
    std::string demo_org = "standard";
    // The HTTP front (http_front.h). Slow or idle clients cost a descriptor, not a worker.
    int worker_threads = 8;                         // threads running handlers
    std::size_t max_queued_requests = 256;          // complete requests waiting for a worker; more: 503
    std::size_t max_connections = 10000;            // open connections in all (also kept under the fd limit)
    std::size_t max_connections_per_address = 256;  // from one client address (a proxy counts as one)
    int header_timeout_ms = 10000;                  // first byte to the end of the headers, else 408
    int body_timeout_ms = 30000;                    // end of the headers to the end of the body, else 408
    int idle_timeout_ms = 5000;                     // a keep-alive connection with no request is closed
    int write_timeout_ms = 60000;                   // a response the client does not take in time: closed
    int max_requests_per_connection = 1000;         // then the connection closes
};

// "/credentials" -> "/credentials/", "" -> "/". Rejects relative paths, dot segments, and
// characters that would need escaping in a URL.
Result<std::string> normalize_base_path(std::string_view path);

class Server {
public:
    explicit Server(Config config);
    ~Server();  // stops
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    VoidResult start();
    // Stops accepting, waits for in-flight requests, closes the database. Idempotent.
    void stop();

    bool running() const;
    int port() const;  // the bound port (useful with port 0); 0 when not running
    // "http://127.0.0.1:8080/credentials/"
    std::string url() const;
    const Config& config() const { return config_; }
    // True when the last start() created the database and wrote the demo data.
    bool seeded_on_start() const { return seeded_on_start_; }

private:
    struct Running;
    Config config_;
    std::unique_ptr<Running> running_;
    bool seeded_on_start_ = false;
};

}  // namespace cc::server
