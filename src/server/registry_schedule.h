// Registry logins of stored credentials: the values a check uses (decrypted for it, wiped after),
// and the optional schedule (--registry-check-interval) that checks every docker-registry and
// NGC credential again and again, so a login that starts failing shows in its status.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "server/crypto.h"
#include "server/registry_login.h"
#include "server/store.h"

namespace cc::server {

// What a stored credential signs in with. 409 when the server holds no values (an existing
// Secret) or its URL cannot be checked.
struct StoredLogin {
    std::string base_url;
    std::string user;
    std::string password;
    void wipe();
};
Result<StoredLogin> stored_login(Store& store, const SecretBox& box, const CredentialId& id, CredentialKind kind);

// Checks `id` with its stored values and keeps the outcome; the kept record (failingSince set).
Result<LoginCheckRecord> check_stored_login(Store& store, const SecretBox& box, const CredentialId& id,
                                            CredentialKind kind, const RegistryCheckOptions& options);

class RegistryLoginSchedule {
public:
    RegistryLoginSchedule(Store& store, const SecretBox& box, RegistryCheckOptions options,
                          std::chrono::seconds interval);
    ~RegistryLoginSchedule();  // stops
    RegistryLoginSchedule(const RegistryLoginSchedule&) = delete;
    RegistryLoginSchedule& operator=(const RegistryLoginSchedule&) = delete;
    void start();
    void stop();

private:
    void run();
    void pass();
    Store& store_;
    const SecretBox& box_;
    RegistryCheckOptions options_;
    std::chrono::seconds interval_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;  // guarded by mutex_
};

}  // namespace cc::server
