// The database schema as numbered migrations. Migration N moves the schema from version N-1 to
// N; a released migration is never edited, only followed by a new one.
#pragma once

#include <array>

namespace cc::server {

struct Migration {
    int version;
    const char* sql;
};

inline constexpr std::array<Migration, 1> kMigrations = {{
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
}};

}  // namespace cc::server
