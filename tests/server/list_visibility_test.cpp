// A list reads from the store only the scope nodes its caller may see (an indexed SQL filter),
// and must return exactly what the visibility rule gives when every row is read and checked: for
// the demo callers and for callers holding roles at each level of the org tree, on the demo data
// plus credentials created at every scope level (public and private) during the test, for the
// combined list, the per-kind lists and the query filters.
#include <map>
#include <set>

#include "credentials_api.h"
#include "server/credential_query.h"
#include "server/credential_service.h"
#include "server/demo_seed.h"
#include "server/permissions.h"
#include "server/store.h"

using namespace cc;
using namespace cc::test;

namespace {

using server::CallerAccess;
using server::Store;

struct Fixture {
    TempDir dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<server::SecretBox> box;

    Fixture() {
        REQUIRE(server::crypto_init());
        auto opened = Store::open(dir.path() / "credentials.db");
        REQUIRE(opened.ok());
        store = std::move(*opened);
        box = std::make_unique<server::SecretBox>(1, server::Bytes(server::SecretBox::kKeyBytes, 3));
        REQUIRE(store->transaction([&] { return server::seed_demo_data(*store, *box); }).ok());
    }

    CallerAccess access(const std::string& caller) {
        auto a = server::load_caller_access(*store, caller);
        REQUIRE(a.ok());
        return std::move(*a);
    }

    void add_user(const std::string& email, std::vector<server::RoleAssignment> roles) {
        server::UserRecord u{email, email, "unused", "2026-01-01T00:00:00Z", std::move(roles)};
        REQUIRE(store->insert_user(u).ok());
    }

    // A generic-secret credential created through the service, as `caller`.
    void create(const std::string& caller, const std::string& name, const std::string& scope_json,
                bool is_private = false) {
        const std::string body = R"({"meta":{"name":")" + name + "\"," + scope_json +
                                 (is_private ? R"(,"private":true)" : "") +
                                 R"(},"spec":{"keyValuePairs":[{"key":"K","value":"v"}]}})";
        auto made = server::create_credential(*store, *box, access(caller), server::AuditSource{caller, "test"},
                                              CredentialKind::GenericSecret, body);
        REQUIRE_MESSAGE(made.ok(), name << ": " << (made.ok() ? "" : made.error().details));
    }
};

std::vector<std::string> ids_of(const std::vector<Credential>& list) {
    std::vector<std::string> out;
    for (const auto& c : list) out.push_back(c.meta.id.value);
    return out;
}

std::set<std::string> names_of(const std::vector<Credential>& list) {
    std::set<std::string> out;
    for (const auto& c : list) out.insert(c.meta.name);
    return out;
}

// The rule applied to every stored row, in the store's order (creation time, id).
std::vector<std::string> reference_ids(Store& store, const CallerAccess& access, std::optional<CredentialKind> kind,
                                       const httplib::Params& params) {
    auto all = store.list_credentials(false);
    REQUIRE(all.ok());
    auto query = server::parse_credential_query(params, access.tree);
    REQUIRE(query.ok());
    std::vector<std::string> out;
    for (const auto& c : *all)
        if ((!kind || c.meta.kind == *kind) && access.permissions.can_read(c.meta, access.user) &&
            server::credential_matches(*query, access.tree, c.meta))
            out.push_back(c.meta.id.value);
    return out;
}

std::vector<Credential> listed(Store& store, const CallerAccess& access, std::optional<CredentialKind> kind = {},
                               const httplib::Params& params = {{"usageInfo", "true"}, {"statusInfo", "true"}}) {
    auto list = server::list_credentials(store, access, kind, params);
    REQUIRE(list.ok());
    return std::move(*list);
}

}  // namespace

TEST_CASE("list visibility: every caller's list is exactly what the rule gives over the whole store") {
    Fixture f;
    // Callers at each level of the tree, beside the demo ones.
    f.add_user("cluster-b-admin@test", {{"Credentials administrator", ScopeType::Cluster, kClusterB}});
    f.add_user("vision-viewer@test", {{"Viewer", ScopeType::Department, "3"}});
    f.add_user("two-projects@test",
               {{"L1 researcher", ScopeType::Project, "2"}, {"L1 researcher", ScopeType::Project, "9"}});
    f.add_user("no-roles@test", {});
    f.add_user("unknown-role@test", {{"Janitor", ScopeType::Tenant, ""}});
    f.add_user("gone-project@test", {{"L1 researcher", ScopeType::Project, "999"}});

    // Public credentials at every level, and private ones of several creators at several levels.
    f.create(kAdmin.email, "t-tenant", R"("scope":"tenant")");
    f.create(kAdmin.email, "t-cluster-a", std::string(R"("scope":"cluster","clusterId":")") + kClusterA + "\"");
    f.create(kAdmin.email, "t-cluster-b", std::string(R"("scope":"cluster","clusterId":")") + kClusterB + "\"");
    for (const char* d : {"1", "2", "3", "4"})
        f.create(kAdmin.email, std::string("t-dept-") + d,
                 std::string(R"("scope":"department","departmentId":")") + d + "\"");
    for (int p : {1, 2, 3, 7, 9, 12})
        f.create(kAdmin.email, "t-project-" + std::to_string(p),
                 R"("scope":"project","projectId":)" + std::to_string(p));
    f.create(kResearcher.email, "t-researcher-own", R"("scope":"tenant")", true);            // personal: the account
    f.create(kDeptAdmin.email, "t-dept-admin-own", R"("scope":"tenant")", true);             // personal: the account
    f.create(kDeptAdmin.email, "t-dept-admin-own-p1", R"("scope":"tenant")", true);          // personal: the account
    f.create(kAdmin.email, "t-admin-own", R"("scope":"tenant")", true);                      // personal: the account
    f.create(kAdmin.email, "t-admin-own-p9", R"("scope":"tenant")", true);                   // personal: the account
    f.create("cluster-b-admin@test", "t-cluster-b-admin-own", R"("scope":"tenant")", true);  // personal: the account

    const std::vector<std::string> callers = {kAdmin.email,           kDeptAdmin.email,     kResearcher.email,
                                              kViewer.email,          "demo-ci-client",     "demo-research-bot",
                                              "cluster-b-admin@test", "vision-viewer@test", "two-projects@test",
                                              "no-roles@test",        "unknown-role@test",  "gone-project@test"};
    const std::vector<httplib::Params> queries = {
        {{"usageInfo", "true"}, {"statusInfo", "true"}},
        {},
        {{"projectId", "1"}},
        {{"projectId", "9"}, {"includeDescendants", "true"}},
        {{"departmentId", "1"}, {"includeDescendants", "true"}},
        {{"clusterId", kClusterB}},
        {{"scope", "project"}},
        {{"scope", "tenant"}},
        {{"name", "t-dept-3"}},
    };
    std::size_t total = 0;
    std::size_t narrowed = 0;
    for (const auto& caller : callers) {
        CAPTURE(caller);
        const CallerAccess access = f.access(caller);
        for (const auto& q : queries) {
            CAPTURE(q.size());
            const auto got = ids_of(listed(*f.store, access, std::nullopt, q));
            CHECK(got == reference_ids(*f.store, access, std::nullopt, q));
            total += got.size();
        }
        for (auto kind : kAllKinds) {
            const httplib::Params q;
            CHECK(ids_of(listed(*f.store, access, kind, q)) == reference_ids(*f.store, access, kind, q));
        }
        // The store's SQL filter alone, without the rule applied after it, reads exactly those rows.
        if (const auto nodes = server::list_scope_nodes(access)) {
            auto read = f.store->list_credentials(false, {}, &*nodes);
            REQUIRE(read.ok());
            CHECK(ids_of(*read) == reference_ids(*f.store, access, std::nullopt, {}));
            ++narrowed;
        }
    }
    CHECK(total > 300);                     // the comparison covered real lists, not empty ones
    CHECK(narrowed == callers.size() - 3);  // all but the account-wide roles read only their nodes
}

TEST_CASE("list visibility: what each role sees of credentials created at every level") {
    Fixture f;
    f.add_user("cluster-b-admin@test", {{"Credentials administrator", ScopeType::Cluster, kClusterB}});
    f.create(kAdmin.email, "t-tenant", R"("scope":"tenant")");
    f.create(kAdmin.email, "t-cluster-a", std::string(R"("scope":"cluster","clusterId":")") + kClusterA + "\"");
    f.create(kAdmin.email, "t-cluster-b", std::string(R"("scope":"cluster","clusterId":")") + kClusterB + "\"");
    f.create(kAdmin.email, "t-dept-1", R"("scope":"department","departmentId":"1")");
    f.create(kAdmin.email, "t-dept-2", R"("scope":"department","departmentId":"2")");
    f.create(kAdmin.email, "t-dept-3", R"("scope":"department","departmentId":"3")");
    f.create(kAdmin.email, "t-project-1", R"("scope":"project","projectId":1)");
    f.create(kAdmin.email, "t-project-2", R"("scope":"project","projectId":2)");
    f.create(kAdmin.email, "t-project-9", R"("scope":"project","projectId":9)");
    f.create(kResearcher.email, "t-researcher-own", R"("scope":"tenant")", true);  // personal: the account
    f.create(kAdmin.email, "t-admin-own-p1", R"("scope":"tenant")", true);         // personal: the account

    const auto created = [](const std::vector<Credential>& list) {
        std::set<std::string> out;
        for (const auto& n : names_of(list))
            if (n.rfind("t-", 0) == 0) out.insert(n);
        return out;
    };
    using Names = std::set<std::string>;
    // Project 1 (team-a): its own, its department's and cluster's, the account's; private: own only.
    CHECK(created(listed(*f.store, f.access(kResearcher.email))) ==
          Names{"t-tenant", "t-cluster-a", "t-dept-1", "t-project-1", "t-researcher-own"});
    // Department 1 (projects 1-3): the department, its projects, and what they inherit.
    CHECK(created(listed(*f.store, f.access(kDeptAdmin.email))) ==
          Names{"t-tenant", "t-cluster-a", "t-dept-1", "t-project-1", "t-project-2"});
    // Cluster-b: everything below it, and the account's.
    CHECK(created(listed(*f.store, f.access("cluster-b-admin@test"))) ==
          Names{"t-tenant", "t-cluster-b", "t-dept-3", "t-project-9"});
    // The account: every public credential, and the admin's own private one.
    CHECK(created(listed(*f.store, f.access(kAdmin.email))) == Names{"t-tenant", "t-cluster-a", "t-cluster-b",
                                                                     "t-dept-1", "t-dept-2", "t-dept-3", "t-project-1",
                                                                     "t-project-2", "t-project-9", "t-admin-own-p1"});
    CHECK(created(listed(*f.store, f.access(kViewer.email))) == Names{"t-tenant", "t-cluster-a", "t-cluster-b",
                                                                      "t-dept-1", "t-dept-2", "t-dept-3", "t-project-1",
                                                                      "t-project-2", "t-project-9"});

    // Demo credentials too: the researcher's list holds team-a's and the inherited ones, and none
    // of another project, department or cluster.
    const Names researcher = names_of(listed(*f.store, f.access(kResearcher.email)));
    for (const char* seen : {"ngc-org-key", "nvcr-a", "research-ghcr", "team-a-wandb", "team-a-git"})
        CHECK_MESSAGE(researcher.count(seen) == 1, seen);
    for (const char* hidden : {"nvcr-b", "gitlab-platform", "vision-ecr", "team-b-dockerhub", "team-g-quay"})
        CHECK_MESSAGE(researcher.count(hidden) == 0, hidden);
}
