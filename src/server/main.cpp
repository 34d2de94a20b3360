// credentials_server: the reference Run:ai credentials API server and web app host.
//   credentials_server [--host 127.0.0.1] [--port 8080] [--data DIR] [--web DIR] [--base-path /prefix/]
//                      [--agent-delay-ms 1500] [--demo-size N] [--demo-org standard|large]
//                      [--frame-ancestors "'self' https://console.example.com"]
//                      [--workers 8] [--max-connections 10000] [--max-connections-per-address 256]
// Prints "listening on http://HOST:PORT/BASE" once ready (scripts parse that line), then the
// demo logins, and runs until SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "server/demo_generate.h"
#include "server/demo_seed.h"
#include "server/server.h"

namespace {

constexpr const char* kUsage =
    "usage: credentials_server [--host HOST] [--port PORT] [--data DIR] [--web DIR] [--base-path /PREFIX/]\n"
    "                          [--agent-delay-ms N] [--demo-size N] [--demo-org standard|large] [--kiosk-user EMAIL]\n"
    "                          [--frame-ancestors SOURCES] [--registry-ca-file PEM]\n"
    "                          [--registry-check-interval S]\n"
    "                          [--workers N] [--max-connections N] [--max-connections-per-address N]\n"
    "  --host       address to listen on (default 127.0.0.1)\n"
    "  --port       port, 0 picks a free one (default 8080)\n"
    "  --data       database and key files (default ./data)\n"
    "  --web        directory of the web app to serve (default: API only)\n"
    "  --base-path  mount the app and /api under this prefix, as a host console proxy would\n"
    "  --kiosk-user EMAIL  displays (?display=kiosk) get a session of this read-only user without\n"
    "               a password (e.g. viewer@demo.local)\n"
    "  --registry-ca-file PEM  certificates that registry login checks trust besides the system's\n"
    "               CA store (a registry with a private CA); verification is never skipped\n"
    "  --registry-check-interval S  check every stored docker-registry and NGC login every S\n"
    "               seconds; a failing one shows as an issue in its status (default: off)\n"
    "  --agent-delay-ms  how long the simulated cluster agents leave a credential Creating,\n"
    "               Updating or Deleting before acting on it (default 1500)\n"
    "  --demo-size  how many credentials a new database gets: 0 for an empty account, more than\n"
    "               the ~40 hand-written ones adds generated ones (e.g. 100000), default ~40\n"
    "  --demo-org   the organization of a new database: standard (default: cluster-a and cluster-b,\n"
    "               4 departments, 12 projects) or large (the standard one, whose demo credentials\n"
    "               and logins stay as they are, plus clusters gpu-east, gpu-west, gpu-central,\n"
    "               gpu-north and gpu-south with 10 departments each and 20 projects per department:\n"
    "               1,000 projects such as research-east-alpha in namespace runai-research-east-alpha,\n"
    "               and ~500 credentials at every level of them unless --demo-size is 0)\n"
    "  --demo-size and --demo-org only apply when --data holds no database yet.\n"
    "  --frame-ancestors  who may show the app in a frame (CSP frame-ancestors), default 'self';\n"
    "               e.g. \"'self' https://console.example.com\" for a host console on another origin\n"
    "  --workers    threads running request handlers (default 8); slow clients never hold one\n"
    "  --max-connections  open connections in all (default 10000, and under the descriptor limit)\n"
    "  --max-connections-per-address  open connections from one client address (default 256);\n"
    "               raise it behind a reverse proxy, whose clients all share its address\n";

// A positive count of at most 7 digits.
bool parse_count(std::string_view text, std::size_t& out) {
    if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
    std::size_t v = 0;
    for (char c : text) v = v * 10 + static_cast<std::size_t>(c - '0');
    if (v == 0) return false;
    out = v;
    return true;
}

bool parse_port(std::string_view text, int& port) {
    if (text.empty() || text.size() > 5) return false;
    int v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    if (v > 65535) return false;
    port = v;
    return true;
}

// Reads the command line into `config`. nullopt: go on and serve; otherwise the exit code (0
// after --help, 2 for a bad option, with the message on stderr).
std::optional<int> parse_args(int argc, char** argv, cc::server::Config& config) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "missing value for %s\n%s", argv[i], kUsage);
            return 2;
        }
        const std::string value = argv[++i];
        if (arg == "--host") {
            config.host = value;
        } else if (arg == "--port") {
            if (!parse_port(value, config.port)) {
                std::fprintf(stderr, "invalid port: %s\n", value.c_str());
                return 2;
            }
        } else if (arg == "--data") {
            config.data_dir = value;
        } else if (arg == "--web") {
            config.web_dir = value;
        } else if (arg == "--base-path") {
            config.base_path = value;
        } else if (arg == "--frame-ancestors") {
            config.frame_ancestors = value;
        } else if (arg == "--registry-check-interval") {
            if (value.empty() || value.size() > 6 || value.find_first_not_of("0123456789") != std::string::npos) {
                std::fprintf(stderr, "invalid registry check interval: %s\n", value.c_str());
                return 2;
            }
            config.registry_check_interval_s = std::stoi(value);
        } else if (arg == "--registry-ca-file") {
            config.registry_ca_file = value;
        } else if (arg == "--kiosk-user") {
            config.kiosk_user = value;
        } else if (arg == "--agent-delay-ms") {
            if (value.empty() || value.size() > 7 || value.find_first_not_of("0123456789") != std::string::npos) {
                std::fprintf(stderr, "invalid agent delay: %s\n", value.c_str());
                return 2;
            }
            config.agent_delay_ms = std::stoi(value);
        } else if (arg == "--demo-size") {
            if (value.empty() || value.size() > 7 || value.find_first_not_of("0123456789") != std::string::npos) {
                std::fprintf(stderr, "invalid demo size: %s\n", value.c_str());
                return 2;
            }
            config.demo_size = static_cast<std::size_t>(std::stoul(value));
        } else if (arg == "--demo-org") {
            if (!cc::server::demo_org_from_name(value)) {
                std::fprintf(stderr, "invalid demo org: %s (standard or large)\n", value.c_str());
                return 2;
            }
            config.demo_org = value;
        } else if (arg == "--workers" || arg == "--max-connections" || arg == "--max-connections-per-address") {
            std::size_t n = 0;
            if (!parse_count(value, n) || (arg == "--workers" && n > 256)) {
                std::fprintf(stderr, "invalid value for %s: %s\n", argv[i - 1], value.c_str());
                return 2;
            }
            if (arg == "--workers")
                config.worker_threads = static_cast<int>(n);
            else if (arg == "--max-connections")
                config.max_connections = n;
            else
                config.max_connections_per_address = n;
        } else {
            std::fprintf(stderr, "unknown option %s\n%s", argv[i - 1], kUsage);
            return 2;
        }
    }
    return std::nullopt;
}

// Starts the server, prints where it listens and the demo logins, and runs until SIGINT or
// SIGTERM. The exit code.
int serve(const cc::server::Config& config) {
    // Block the stop signals in every thread (the HTTP workers inherit this mask), then wait
    // for them here: shutdown runs in normal code, not in a signal handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    cc::server::Server server(config);
    if (auto started = server.start(); !started) {
        const auto& e = started.error();
        std::fprintf(stderr, "credentials_server: %s%s%s\n", e.message.c_str(), e.details.empty() ? "" : ": ",
                     e.details.c_str());
        return 1;
    }
    std::printf("listening on %s\n", server.url().c_str());
    if (server.seeded_on_start()) std::printf("created demo data in %s\n", config.data_dir.c_str());
    std::printf("demo logins (email / password):\n");
    for (const auto& u : cc::server::demo_users()) std::printf("  %-24s %-18s %s\n", u.email, u.password, u.role);
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::fprintf(stderr, "received %s, stopping\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    cc::server::Config config;
    if (auto exit_code = parse_args(argc, argv, config)) return *exit_code;
    return serve(config);
}
