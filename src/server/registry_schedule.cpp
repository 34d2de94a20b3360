// Stored registry logins (registry_schedule.h): decrypted only for the check, wiped after it;
// the schedule checks them one after another on its own thread, each bounded by the check's
// own time limit, and stops between two checks.
#include "server/registry_schedule.h"

#include "server/secret_values.h"
#include "server/time_util.h"

namespace cc::server {

void StoredLogin::wipe() {
    cc::server::wipe(password);
    cc::server::wipe(user);
}

Result<StoredLogin> stored_login(Store& store, const SecretBox& box, const CredentialId& id, CredentialKind kind) {
    auto blob = store.credential_secret_blob(id);
    if (!blob) return blob.error();
    if (!*blob)
        return ApiError{409,
                        "This credential uses an existing Kubernetes Secret",
                        "The server holds no login for it to test; test the Secret's registry login in the cluster",
                        {}};
    auto request = open_secret_values(box, **blob, kind, id);
    if (!request) return request.error();
    StoredLogin out;
    if (kind == CredentialKind::NgcApiKey) {
        out.base_url = std::string(kNgcRegistryUrl);
        out.user = std::string(kNgcRegistryUser);
        out.password = std::get<NgcApiKeySpec>(request->spec).ngc_api_key.value_or("");
    } else {
        const auto& spec = std::get<DockerRegistrySpec>(request->spec);
        auto base = registry_base_url(spec.url.value_or(""));
        if (!base) {
            wipe_secrets(*request);
            return ApiError{409, "The credential's registry URL cannot be checked", base.error().message, {}};
        }
        out.base_url = *base;
        out.user = spec.user.value_or("");
        out.password = spec.password.value_or("");
    }
    wipe_secrets(*request);
    return out;
}

Result<LoginCheckRecord> check_stored_login(Store& store, const SecretBox& box, const CredentialId& id,
                                            CredentialKind kind, const RegistryCheckOptions& options) {
    auto login = stored_login(store, box, id, kind);
    if (!login) return login.error();
    const auto result = check_registry_login(login->base_url, login->user, login->password, options);
    login->wipe();
    const LoginCheckRecord record{std::string(login_outcome_api_name(result.outcome)), result.message,
                                  format_rfc3339(unix_now_ms()), result.duration_ms, std::nullopt};
    if (auto put = store.put_login_check(id, record); !put) return put.error();
    auto kept = store.login_check(id);
    if (!kept) return kept.error();
    return kept->value_or(record);
}

RegistryLoginSchedule::RegistryLoginSchedule(Store& store, const SecretBox& box, RegistryCheckOptions options,
                                             std::chrono::seconds interval)
    : store_(store), box_(box), options_(std::move(options)), interval_(interval) {}

RegistryLoginSchedule::~RegistryLoginSchedule() {
    stop();
}

void RegistryLoginSchedule::start() {
    thread_ = std::thread([this] { run(); });
}

void RegistryLoginSchedule::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RegistryLoginSchedule::run() {
    for (;;) {
        pass();
        std::unique_lock lock(mutex_);
        if (cv_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    }
}

void RegistryLoginSchedule::pass() {
    auto list = store_.list_credentials(false, [](const AssetMeta& m) {
        return (m.kind == CredentialKind::DockerRegistry || m.kind == CredentialKind::NgcApiKey) && !m.deleted_at;
    });
    if (!list) return;  // the next pass tries again
    for (const auto& c : *list) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        if (spec_existing_secret_name(c.spec)) continue;
        (void)check_stored_login(store_, box_, c.meta.id, c.meta.kind, options_);  // kept, or tried next time
    }
}

}  // namespace cc::server
