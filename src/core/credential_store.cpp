// A record: id and name first (read on their own by id() and name()), then every other field
// in the order of credential.h. Numbers are LEB128 varints (signed ones zigzagged); a string is
// its length + 1 and its bytes, 0 for an absent optional; a shared string is its index + 1 in
// strings_, 0 for absent; a list is its length + 1, 0 for an absent optional list.
#include "core/credential_store.h"

#include <algorithm>
#include <type_traits>

namespace cc {
namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) { out_.clear(); }
    void number(std::uint64_t v) {
        while (v >= 0x80) {
            out_ += static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        out_ += static_cast<char>(v);
    }
    void signed_number(std::int64_t v) {
        number((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void text(std::string_view s) {
        number(s.size() + 1);
        out_.append(s.data(), s.size());
    }
    void optional_text(const std::optional<std::string>& s) {
        if (s)
            text(*s);
        else
            number(0);
    }

private:
    std::string& out_;
};

class Reader {
public:
    explicit Reader(const char* p) : p_(reinterpret_cast<const unsigned char*>(p)) {}
    std::uint64_t number() {
        std::uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            const unsigned char b = *p_++;
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
    }
    std::int64_t signed_number() {
        const std::uint64_t v = number();
        return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
    }
    std::string_view view() {
        const std::size_t n = static_cast<std::size_t>(number()) - 1;
        const std::string_view s(reinterpret_cast<const char*>(p_), n);
        p_ += n;
        return s;
    }
    void text(std::string& out) { out.assign(view()); }
    void optional_text(std::optional<std::string>& out) {
        const std::size_t n = static_cast<std::size_t>(number());
        if (n == 0) return out.reset();
        const std::string_view s(reinterpret_cast<const char*>(p_), n - 1);
        p_ += n - 1;
        if (out)
            out->assign(s);
        else
            out.emplace(s);
    }
    std::size_t list() { return static_cast<std::size_t>(number()); }

private:
    const unsigned char* p_;
};

template <class E>
E enum_of(std::uint64_t v) {
    return static_cast<E>(static_cast<std::underlying_type_t<E>>(v));
}

template <class E>
std::uint64_t number_of(E e) {
    return static_cast<std::uint64_t>(static_cast<std::underlying_type_t<E>>(e));
}

}  // namespace

void CredentialStore::clear() {
    chunks_.clear();
    records_.clear();
    strings_.clear();
    string_index_.clear();
}

std::uint32_t CredentialStore::intern(std::string_view s) {
    auto it = string_index_.find(s);
    if (it != string_index_.end()) return it->second;
    const auto index = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(s);
    string_index_.emplace(std::string_view(strings_.back()), index);
    return index;
}

CredentialStore::Location CredentialStore::append(std::string_view packed) {
    if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < packed.size()) {
        chunks_.emplace_back();
        chunks_.back().reserve(std::max(kChunkBytes, packed.size()));
    }
    std::string& chunk = chunks_.back();
    const Location at{static_cast<std::uint32_t>(chunks_.size() - 1), static_cast<std::uint32_t>(chunk.size())};
    chunk.append(packed);  // within the room reserved: the chunk's bytes never move
    return at;
}

const std::string& CredentialStore::shared_string(std::uint64_t reference) const {
    return strings_[static_cast<std::size_t>(reference - 1)];
}

const char* CredentialStore::record(std::size_t i) const {
    const Location at = records_[i];
    return chunks_[at.chunk].data() + at.offset;
}

void CredentialStore::push_back(const Credential& c) {
    Writer w(scratch_);
    auto shared = [&](const std::optional<std::string>& s) { w.number(s ? intern(*s) + 1u : 0u); };
    auto shared_text = [&](std::string_view s) { w.number(intern(s) + 1u); };
    const AssetMeta& m = c.meta;
    w.text(m.id.value);
    w.text(m.name);
    w.number(number_of(m.kind));
    w.optional_text(m.description);
    w.number(number_of(m.scope.type));
    w.number(m.scope.cluster_id ? intern(m.scope.cluster_id->value) + 1u : 0u);
    w.number(m.scope.department_id ? intern(m.scope.department_id->value) + 1u : 0u);
    w.number(m.scope.project_id ? 1 : 0);
    if (m.scope.project_id) w.signed_number(m.scope.project_id->value);
    shared(m.project_name);
    w.number(m.tenant_id ? 1 : 0);
    if (m.tenant_id) w.signed_number(*m.tenant_id);
    w.number((m.auto_delete ? 1u : 0u) | (m.is_private ? 2u : 0u));
    shared_text(m.created_by);
    w.text(m.created_at);
    shared_text(m.updated_by);
    w.text(m.updated_at);
    w.optional_text(m.deleted_at);
    shared(m.deleted_by);
    w.signed_number(m.update_count);

    // The spec, without its secret fields.
    w.number(c.spec.index());
    std::visit(
        [&](const auto& s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, AccessKeySpec>) {
                shared(s.existing_secret_name);
                w.optional_text(s.access_key_id);
            } else if constexpr (std::is_same_v<T, PasswordSpec>) {
                shared(s.existing_secret_name);
                w.optional_text(s.user);
            } else if constexpr (std::is_same_v<T, DockerRegistrySpec>) {
                shared(s.existing_secret_name);
                w.optional_text(s.user);
                shared(s.url);
            } else if constexpr (std::is_same_v<T, GenericSecretSpec>) {
                shared(s.existing_secret_name);
                w.number(s.key_value_pairs ? s.key_value_pairs->size() + 1 : 0);
                if (s.key_value_pairs)
                    for (const auto& kv : *s.key_value_pairs) shared_text(kv.key);
            }
        },
        c.spec);

    w.number(c.used_by ? 1 : 0);
    if (c.used_by) {
        const UsageInfo& u = *c.used_by;
        for (const auto* list : {&u.workspaces, &u.trainings, &u.distributed, &u.inferences}) {
            w.number(list->size() + 1);
            for (const auto& r : *list) {
                w.text(r.id);
                w.text(r.name);
                shared(r.status);
            }
        }
        for (const auto* list : {&u.templates, &u.environments, &u.computes}) {
            w.number(list->size() + 1);
            for (const auto& r : *list) {
                w.text(r.id);
                w.text(r.name);
            }
        }
        w.number(u.datasources.size() + 1);
        for (const auto& r : u.datasources) {
            w.text(r.id);
            w.text(r.name);
            shared_text(r.kind);
        }
    }
    w.number(c.status ? 1 : 0);
    if (c.status) {
        const AssetStatus& s = *c.status;
        w.number(number_of(s.status));
        w.number(s.issues.size() + 1);
        for (const auto& issue : s.issues) {
            shared_text(issue.scope_id);
            w.number(number_of(issue.scope_type));
            w.number(number_of(issue.issue));
        }
        shared_text(s.message);
        shared_text(s.url);
    }
    w.number(c.k8s_names ? c.k8s_names->size() + 1 : 0);
    if (c.k8s_names)
        for (const auto& n : *c.k8s_names) w.text(n);
    w.signed_number(c.key_id);
    records_.push_back(append(scratch_));
}

void CredentialStore::replace(std::size_t i, const Credential& c) {
    // The new record goes at the end of the bytes; the old one is left unused until the next
    // load packs the list anew.
    push_back(c);
    records_[i] = records_.back();
    records_.pop_back();
}

void CredentialStore::erase(std::size_t i) {
    records_.erase(records_.begin() + static_cast<std::ptrdiff_t>(i));
}

std::string_view CredentialStore::id(std::size_t i) const {
    Reader r(record(i));
    return r.view();
}

std::string_view CredentialStore::name(std::size_t i) const {
    Reader r(record(i));
    r.view();
    return r.view();
}

Credential CredentialStore::at(std::size_t i) const {
    Credential c;
    read(i, c);
    return c;
}

void CredentialStore::read(std::size_t i, Credential& c) const {
    Reader r(record(i));
    auto shared = [&](std::optional<std::string>& out) {
        const auto n = r.number();
        if (n == 0)
            out.reset();
        else if (out)
            out->assign(shared_string(n));
        else
            out.emplace(shared_string(n));
    };
    auto shared_text = [&](std::string& out) { out.assign(shared_string(r.number())); };
    AssetMeta& m = c.meta;
    r.text(m.id.value);
    r.text(m.name);
    m.kind = enum_of<CredentialKind>(r.number());
    r.optional_text(m.description);
    m.scope.type = enum_of<ScopeType>(r.number());
    if (const auto n = r.number())
        m.scope.cluster_id = ClusterId{shared_string(n)};
    else
        m.scope.cluster_id.reset();
    if (const auto n = r.number())
        m.scope.department_id = DepartmentId{shared_string(n)};
    else
        m.scope.department_id.reset();
    if (r.number())
        m.scope.project_id = ProjectId{r.signed_number()};
    else
        m.scope.project_id.reset();
    shared(m.project_name);
    if (r.number())
        m.tenant_id = r.signed_number();
    else
        m.tenant_id.reset();
    const auto flags = r.number();
    m.auto_delete = flags & 1;
    m.is_private = flags & 2;
    shared_text(m.created_by);
    r.text(m.created_at);
    shared_text(m.updated_by);
    r.text(m.updated_at);
    r.optional_text(m.deleted_at);
    shared(m.deleted_by);
    m.update_count = r.signed_number();

    const auto kind = r.number();
    switch (kind) {
        case 0: {
            AccessKeySpec s;
            shared(s.existing_secret_name);
            r.optional_text(s.access_key_id);
            c.spec = std::move(s);
            break;
        }
        case 1: {
            PasswordSpec s;
            shared(s.existing_secret_name);
            r.optional_text(s.user);
            c.spec = std::move(s);
            break;
        }
        case 2: {
            DockerRegistrySpec s;
            shared(s.existing_secret_name);
            r.optional_text(s.user);
            shared(s.url);
            c.spec = std::move(s);
            break;
        }
        case 3: {
            GenericSecretSpec s;
            shared(s.existing_secret_name);
            if (const std::size_t n = r.list()) {
                s.key_value_pairs.emplace(n - 1);
                for (auto& kv : *s.key_value_pairs) shared_text(kv.key);
            }
            c.spec = std::move(s);
            break;
        }
        default: c.spec = NgcApiKeySpec{}; break;
    }

    if (r.number()) {
        if (!c.used_by) c.used_by.emplace();
        UsageInfo& u = *c.used_by;
        for (auto* list : {&u.workspaces, &u.trainings, &u.distributed, &u.inferences}) {
            list->resize(r.list() - 1);
            for (auto& w : *list) {
                r.text(w.id);
                r.text(w.name);
                shared(w.status);
            }
        }
        for (auto* list : {&u.templates, &u.environments, &u.computes}) {
            list->resize(r.list() - 1);
            for (auto& a : *list) {
                r.text(a.id);
                r.text(a.name);
            }
        }
        u.datasources.resize(r.list() - 1);
        for (auto& d : u.datasources) {
            r.text(d.id);
            r.text(d.name);
            shared_text(d.kind);
        }
    } else {
        c.used_by.reset();
    }
    if (r.number()) {
        if (!c.status) c.status.emplace();
        AssetStatus& s = *c.status;
        s.status = enum_of<SyncStatus>(r.number());
        s.issues.resize(r.list() - 1);
        for (auto& issue : s.issues) {
            shared_text(issue.scope_id);
            issue.scope_type = enum_of<ScopeType>(r.number());
            issue.issue = enum_of<IssueKind>(r.number());
        }
        shared_text(s.message);
        shared_text(s.url);
    } else {
        c.status.reset();
    }
    if (const std::size_t n = r.list()) {
        if (!c.k8s_names) c.k8s_names.emplace();
        c.k8s_names->resize(n - 1);
        for (auto& name : *c.k8s_names) r.text(name);
    } else {
        c.k8s_names.reset();
    }
    c.key_id = static_cast<std::int32_t>(r.signed_number());
}

std::size_t CredentialStore::bytes_held() const {
    std::size_t n = records_.capacity() * sizeof(Location);
    for (const auto& chunk : chunks_) n += chunk.capacity();
    for (const auto& s : strings_) n += s.capacity() + sizeof(std::string);
    return n + string_index_.size() * 3 * sizeof(void*);
}

}  // namespace cc
