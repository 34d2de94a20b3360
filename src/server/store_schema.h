// The database schema as numbered migrations. Migration N moves the schema from version N-1 to
// N; a released migration is never edited, only followed by a new one.
#pragma once

#include <array>

namespace cc::server {

struct Migration {
    int version;
    const char* sql;
};

inline constexpr std::array<Migration, 8> kMigrations = {{
    {1, R"sql(
CREATE TABLE server_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE tenants (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE clusters (
    uuid          TEXT PRIMARY KEY,
    tenant_id     INTEGER NOT NULL REFERENCES tenants(id),
    name          TEXT NOT NULL UNIQUE,
    domain        TEXT,
    version       TEXT,
    state         TEXT NOT NULL DEFAULT 'Unknown',
    created_at    TEXT NOT NULL,
    updated_at    TEXT,
    last_liveness TEXT,
    deleted_at    TEXT
);

CREATE TABLE departments (
    id          TEXT PRIMARY KEY,
    cluster_id  TEXT NOT NULL REFERENCES clusters(uuid),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (cluster_id, name)
);

CREATE TABLE projects (
    id                  INTEGER PRIMARY KEY,
    department_id       TEXT NOT NULL REFERENCES departments(id),
    cluster_id          TEXT NOT NULL REFERENCES clusters(uuid),
    name                TEXT NOT NULL,
    namespace           TEXT NOT NULL,
    requested_namespace TEXT,
    description         TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (cluster_id, name)
);

CREATE TABLE users (
    email         TEXT PRIMARY KEY COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- scope_id: tenant id, cluster uuid, department id or project id, as text
CREATE TABLE user_roles (
    email      TEXT NOT NULL REFERENCES users(email),
    role       TEXT NOT NULL,
    scope_type TEXT NOT NULL CHECK (scope_type IN ('system', 'tenant', 'cluster', 'department', 'project')),
    scope_id   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (email, role, scope_type, scope_id)
);

-- Secret values exist only inside secret_blob (XChaCha20-Poly1305, key named by key_id).
-- cluster_id/department_id are filled for every scope below them (derived from the org tree).
CREATE TABLE credentials (
    id                   TEXT PRIMARY KEY,
    kind                 TEXT NOT NULL
                         CHECK (kind IN ('accessKey', 'password', 'dockerRegistry', 'genericSecret', 'ngcApiKey')),
    name                 TEXT NOT NULL,
    description          TEXT,
    scope                TEXT NOT NULL CHECK (scope IN ('system', 'tenant', 'cluster', 'department', 'project')),
    tenant_id            INTEGER REFERENCES tenants(id),
    cluster_id           TEXT REFERENCES clusters(uuid),
    department_id        TEXT REFERENCES departments(id),
    project_id           INTEGER REFERENCES projects(id),
    auto_delete          INTEGER NOT NULL DEFAULT 0,
    private              INTEGER NOT NULL DEFAULT 0,
    created_by           TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    update_count         INTEGER NOT NULL DEFAULT 1,
    deleted_at           TEXT,
    deleted_by           TEXT,
    status               TEXT NOT NULL,
    status_issues        TEXT NOT NULL DEFAULT '[]',
    status_message       TEXT NOT NULL DEFAULT '',
    status_url           TEXT NOT NULL DEFAULT '',
    k8s_name             TEXT,
    key_id               INTEGER NOT NULL DEFAULT 0,
    existing_secret_name TEXT,
    url                  TEXT,
    secret_keys          TEXT,
    secret_blob          BLOB
);

-- A name is unique within its scope node, across kinds.
CREATE UNIQUE INDEX credentials_name_in_scope
    ON credentials (scope, ifnull(cluster_id, ''), ifnull(department_id, ''), ifnull(project_id, 0), name);

CREATE TABLE workloads (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL CHECK (type IN ('workspace', 'training', 'distributed', 'inference')),
    status     TEXT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    spec       TEXT NOT NULL DEFAULT '{}',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE templates (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    scope         TEXT NOT NULL,
    cluster_id    TEXT REFERENCES clusters(uuid),
    department_id TEXT REFERENCES departments(id),
    project_id    INTEGER REFERENCES projects(id),
    spec          TEXT NOT NULL DEFAULT '{}',
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE environments (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    scope         TEXT NOT NULL,
    cluster_id    TEXT REFERENCES clusters(uuid),
    department_id TEXT REFERENCES departments(id),
    project_id    INTEGER REFERENCES projects(id),
    spec          TEXT NOT NULL DEFAULT '{}',
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE datasources (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    scope         TEXT NOT NULL,
    cluster_id    TEXT REFERENCES clusters(uuid),
    department_id TEXT REFERENCES departments(id),
    project_id    INTEGER REFERENCES projects(id),
    spec          TEXT NOT NULL DEFAULT '{}',
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Which asset uses which credential. No cascade: a referenced credential cannot be removed.
CREATE TABLE credential_references (
    credential_id TEXT NOT NULL REFERENCES credentials(id),
    referrer_type TEXT NOT NULL CHECK (referrer_type IN ('workload', 'template', 'environment', 'datasource')),
    referrer_id   TEXT NOT NULL,
    PRIMARY KEY (credential_id, referrer_type, referrer_id)
);
CREATE INDEX credential_references_by_referrer ON credential_references (referrer_type, referrer_id);
)sql"},
    {2, R"sql(
-- The simulated Kubernetes side, one object store per cluster (cluster_store.h). A Secret is kept
-- as its object JSON without `data`, plus the data map sealed with the server's SecretBox
-- (context "k8s-secret/<cluster>/<namespace>/<name>"), so no secret value is stored in clear.
-- owner_credential_id: the credential whose agent wrote it; NULL for user-owned Secrets.
CREATE TABLE k8s_namespaces (
    cluster_id TEXT NOT NULL REFERENCES clusters(uuid),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (cluster_id, name)
);

CREATE TABLE k8s_secrets (
    cluster_id          TEXT NOT NULL,
    namespace           TEXT NOT NULL,
    name                TEXT NOT NULL,
    object              TEXT NOT NULL,
    data_blob           BLOB,
    owner_credential_id TEXT,
    created_at          TEXT NOT NULL,
    PRIMARY KEY (cluster_id, namespace, name),
    FOREIGN KEY (cluster_id, namespace) REFERENCES k8s_namespaces (cluster_id, name)
);
CREATE INDEX k8s_secrets_by_owner ON k8s_secrets (owner_credential_id);

-- The cluster agents poll for transient statuses.
CREATE INDEX credentials_by_status ON credentials (status);

-- Per-cluster progress of a credential's transient operation ("Creating#1"): a tenant-scope
-- credential settles once every cluster's agent has done its part.
CREATE TABLE agent_progress (
    credential_id TEXT NOT NULL,
    cluster_id    TEXT NOT NULL,
    operation     TEXT NOT NULL,
    issues        TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (credential_id, cluster_id)
);

-- Seeded transient credentials the agents leave alone, so the demo shows every status. A hold
-- lapses as soon as the credential's status or update count changes (a user acted on it).
CREATE TABLE agent_holds (
    credential_id TEXT PRIMARY KEY,
    status        TEXT NOT NULL,
    update_count  INTEGER NOT NULL
);
)sql"},
    {3, R"sql(
-- Application clients of the client_credentials grant: a users row (the client id in `email`,
-- the argon2id hash of the client secret, role assignments in user_roles) marked here as an
-- application, so it cannot use the password grant and users cannot use client_credentials.
CREATE TABLE application_clients (
    client_id  TEXT PRIMARY KEY COLLATE NOCASE REFERENCES users(email),
    created_at TEXT NOT NULL
);

-- Data sources and environments created through the API carry a description, and their names are
-- unique within their scope node (per kind for data sources), like credentials.
ALTER TABLE datasources ADD COLUMN description TEXT;
ALTER TABLE environments ADD COLUMN description TEXT;
CREATE UNIQUE INDEX datasources_name_in_scope
    ON datasources (kind, scope, ifnull(cluster_id, ''), ifnull(department_id, ''), ifnull(project_id, 0), name);
CREATE UNIQUE INDEX environments_name_in_scope
    ON environments (scope, ifnull(cluster_id, ''), ifnull(department_id, ''), ifnull(project_id, 0), name);
)sql"},
    {4, R"sql(
-- The audit trail (audit_log.h): every credential change, every refused attempt, asset links and
-- sign-ins, newest by id. Never a secret value: detail holds names and error messages only.
-- target_kind/target_id name what it is about (a credential id, a user's email, a client id);
-- rows outlive their target, so there is no foreign key.
CREATE TABLE audit_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),
    status         INTEGER NOT NULL,
    target_kind    TEXT NOT NULL,
    target_id      TEXT NOT NULL DEFAULT '',
    target_name    TEXT NOT NULL DEFAULT '',
    scope_path     TEXT NOT NULL DEFAULT '',
    client_address TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_by_target ON audit_events (target_kind, target_id, id);
CREATE INDEX audit_events_by_actor ON audit_events (actor COLLATE NOCASE, id);
)sql"},
    {5, R"sql(
-- Lists read credentials in creation order: walking this index instead of sorting the whole
-- table on every list.
CREATE INDEX credentials_by_creation ON credentials (created_at, id);
)sql"},
    {6, R"sql(
-- A list reads only the credentials its caller may see: the public ones of the caller's visible
-- scope nodes, found by the node's own-level id (the cluster, department or project id, by
-- scope), and the caller's private ones. Private credentials are few: their index holds only them.
CREATE INDEX credentials_by_node ON credentials (scope,
    CASE scope WHEN 'cluster' THEN cluster_id WHEN 'department' THEN department_id WHEN 'project' THEN project_id END);
CREATE INDEX credentials_private_by_owner ON credentials (created_by) WHERE private <> 0;
)sql"},
    {7, R"sql(
-- The last login check of each docker-registry or NGC credential (registry_login.h): what the
-- registry answered, never a secret. failing_since: when the checks started failing (the first
-- failing check after a good one), null while they pass. No foreign key: ids are never reused,
-- and a row of a deleted credential is never read (the credential is looked up first).
CREATE TABLE registry_login_checks (
    credential_id TEXT PRIMARY KEY,
    outcome       TEXT NOT NULL,
    message       TEXT NOT NULL,
    checked_at    TEXT NOT NULL,
    duration_ms   INTEGER NOT NULL,
    failing_since TEXT
);
)sql"},
    {8, R"sql(
-- Personal (private) credentials: their names are unique per owner and kind, not within the
-- account scope node they carry; the public rule leaves them out.
DROP INDEX credentials_name_in_scope;
CREATE UNIQUE INDEX credentials_name_in_scope
    ON credentials (scope, ifnull(cluster_id, ''), ifnull(department_id, ''), ifnull(project_id, 0), name)
    WHERE private = 0;
CREATE UNIQUE INDEX credentials_personal_name ON credentials (created_by, kind, ifnull(name, '')) WHERE private <> 0;
-- The owner of the personal credential an event is about: nobody else reads it.
ALTER TABLE audit_events ADD COLUMN private_owner TEXT NOT NULL DEFAULT '';
)sql"},
}};

}  // namespace cc::server
