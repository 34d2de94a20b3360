// The table's actions through update(): search, filters, sort, columns, deep links,
// selection, export, and polling of rows that are being created or deleted.
#include <doctest/doctest.h>

#include "app/update.h"
#include "app_fixtures.h"
#include "core/json_codec.h"
#include "core/table_view_hash.h"

using namespace cc;
using namespace cc::app;
using fixtures::part_of;
using request::LoadPart;

namespace {

Credential make(const std::string& id, const std::string& name, CredentialKind kind, SyncStatus status,
                const std::string& created_at = "2026-01-01T00:00:00Z") {
    Credential c;
    c.meta.id = CredentialId{id};
    c.meta.kind = kind;
    c.meta.name = name;
    c.meta.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
    c.meta.created_by = "admin@demo.local";
    c.meta.created_at = created_at;
    c.spec = empty_spec(kind);
    c.status = AssetStatus{status, {}, {}, {}};
    return c;
}

// Answers a load's requests: these credentials, an empty org tree.
void answer_load(State& s, const std::vector<Effect>& requests, const std::vector<Credential>& list, double now_ms) {
    Json entries = Json::array();
    for (const auto& c : list) entries.push_back(encode_credential(c, true));
    for (const auto& e : requests) {
        const auto& r = std::get<SendRequest>(e);
        std::string body = part_of(r) == LoadPart::Credentials ? Json{{"entries", entries}}.dump()
                           : part_of(r) == LoadPart::Clusters  ? "[]"
                           : part_of(r) == LoadPart::Projects  ? R"({"projects":[]})"
                                                               : R"({"departments":[]})";
        update(s, HttpResponded{r.context, api::HttpResponse{200, body, {}}, now_ms});
    }
}

// A signed-in state holding these credentials, loaded through the API at `now_ms`.
State loaded(const std::vector<Credential>& list, double now_ms = 10000) {
    State s;
    answer_load(s, update(s, TokenProvided{"tok", "admin@demo.local"}), list, now_ms);
    REQUIRE(s.phase == LoadPhase::Loaded);
    return s;
}

std::vector<std::string> shown(const State& s) {
    std::vector<std::string> names;
    for (auto i : s.view_rows) names.push_back(std::string(s.rows[i].cell(Column::Credential)));
    return names;
}

State demo() {
    return loaded(
        {make("1", "cred-10", CredentialKind::DockerRegistry, SyncStatus::NoIssuesFound, "2026-03-01T00:00:00Z"),
         make("2", "cred-2", CredentialKind::AccessKey, SyncStatus::IssuesFound, "2026-01-01T00:00:00Z"),
         make("3", "nvcr", CredentialKind::DockerRegistry, SyncStatus::NoIssuesFound, "2026-02-01T00:00:00Z"),
         make("4", "s3-backup", CredentialKind::AccessKey, SyncStatus::Failed, "2026-04-01T00:00:00Z")});
}

const WriteUrlHash& hash_of(const std::vector<Effect>& fx) {
    for (const auto& e : fx)
        if (auto* h = std::get_if<WriteUrlHash>(&e)) return *h;
    FAIL("no WriteUrlHash effect");
    static WriteUrlHash none;
    return none;
}

}  // namespace

TEST_CASE("search narrows the rows; consecutive keystrokes replace one history entry") {
    State s = demo();
    auto fx = update(s, SearchChanged{"CRED"});
    CHECK(shown(s) == std::vector<std::string>{"cred-10", "cred-2"});
    CHECK_FALSE(hash_of(fx).replace);
    CHECK(hash_of(fx).hash == "q=CRED");
    fx = update(s, SearchChanged{"CRED-1"});
    CHECK(hash_of(fx).replace);
    CHECK(shown(s) == std::vector<std::string>{"cred-10"});
    fx = update(s, SortClicked{Column::Credential, false});
    CHECK_FALSE(hash_of(fx).replace);  // a new kind of change is a new history entry
}

TEST_CASE("filters combine with AND and can be replaced, removed and cleared") {
    State s = demo();
    update(s, FilterSet{ColumnFilter{Column::Type, {"Docker registry"}, {}}});
    CHECK(shown(s) == std::vector<std::string>{"cred-10", "nvcr"});
    update(s, FilterSet{ColumnFilter{Column::Credential, {}, "nv"}});
    CHECK(shown(s) == std::vector<std::string>{"nvcr"});
    update(s, FilterSet{ColumnFilter{Column::Type, {"Access key"}, {}}});  // replaces the Type filter
    CHECK(s.view.filters.size() == 2);
    CHECK(shown(s).empty());
    update(s, FilterRemoved{Column::Credential});
    CHECK(shown(s) == std::vector<std::string>{"cred-2", "s3-backup"});
    update(s, SearchChanged{"s3"});
    update(s, FiltersCleared{false});
    CHECK(s.view.filters.empty());
    CHECK(s.view.search == "s3");
    update(s, FiltersCleared{true});
    CHECK(s.view.search.empty());
    CHECK(shown(s).size() == 4);
}

TEST_CASE("header clicks cycle the sort; shift-click adds a secondary key") {
    State s = demo();
    update(s, SortClicked{Column::Credential, false});
    CHECK(shown(s) == std::vector<std::string>{"cred-2", "cred-10", "nvcr", "s3-backup"});  // natural order
    update(s, SortClicked{Column::Credential, false});
    CHECK(shown(s) == std::vector<std::string>{"s3-backup", "nvcr", "cred-10", "cred-2"});
    update(s, SortClicked{Column::Credential, false});
    CHECK(s.view.sort.empty());
    CHECK(shown(s) == std::vector<std::string>{"cred-10", "cred-2", "nvcr", "s3-backup"});  // server order

    update(s, SortClicked{Column::Type, false});
    update(s, SortClicked{Column::CreationTime, true});
    update(s, SortClicked{Column::CreationTime, true});  // secondary key descending
    REQUIRE(s.view.sort.size() == 2);
    CHECK(shown(s) == std::vector<std::string>{"s3-backup", "cred-2", "cred-10", "nvcr"});
    update(s, SortClicked{Column::CreationTime, true});  // third shift-click drops it
    CHECK(s.view.sort.size() == 1);
}

TEST_CASE("columns can be hidden but one always stays; the choice is saved and can be reset") {
    State s = demo();
    auto fx = update(s, ColumnVisibilitySet{Column::Description, false});
    CHECK_FALSE(s.view.is_visible(Column::Description));
    bool saved = false;
    for (const auto& e : fx)
        if (auto* set = std::get_if<SaveSetting>(&e)) {
            saved = set->key == kVisibleColumnsSetting && set->value.find("description") == std::string::npos &&
                    set->value.find("credential") != std::string::npos;
        }
    CHECK(saved);
    CHECK(hash_of(fx).hash.find("c=") != std::string::npos);
    for (Column c : kAllColumns)
        if (c != Column::Cluster) update(s, ColumnVisibilitySet{c, false});
    CHECK(s.view.is_visible(Column::Cluster));
    CHECK(update(s, ColumnVisibilitySet{Column::Cluster, false}).empty());
    CHECK(s.view.is_visible(Column::Cluster));
    // Search only looks at visible columns.
    update(s, SearchChanged{"nvcr"});
    CHECK(shown(s).empty());
    fx = update(s, ColumnsReset{});
    CHECK(s.view.is_visible(Column::Credential));
    CHECK(shown(s) == std::vector<std::string>{"nvcr"});
}

TEST_CASE("a view from the URL is applied without writing the URL back; our own write coming back changes nothing") {
    State s = demo();
    auto fx = update(s, UrlHashChanged{"q=cred&s=-credential", false});
    CHECK(fx.empty());
    CHECK(shown(s) == std::vector<std::string>{"cred-10", "cred-2"});
    const auto revision = s.query_revision;
    CHECK(update(s, UrlHashChanged{encode_view_hash(s.view), false}).empty());
    CHECK(s.query_revision == revision);
    update(s, UrlHashChanged{"", false});  // back to the page without a view
    CHECK(s.view.search.empty());
    CHECK(s.query_revision == revision + 1);
}

TEST_CASE(
    "page load: the URL's view wins over the stored columns; without one, the stored columns apply and show in the "
    "URL") {
    State s = demo();
    CHECK(update(s, StoredPreferencesLoaded{"type"}).empty());
    auto fx = update(s, UrlHashChanged{"q=cred", true});
    CHECK(fx.empty());
    CHECK(s.view.search == "cred");
    CHECK(s.view.is_visible(Column::Credential));

    State fresh = demo();
    update(fresh, StoredPreferencesLoaded{"type"});
    fx = update(fresh, UrlHashChanged{"", true});
    CHECK(hash_of(fx).replace);
    CHECK(hash_of(fx).hash == "c=type");
    CHECK_FALSE(fresh.view.is_visible(Column::Credential));
    CHECK(fresh.view.is_visible(Column::Type));

    State none = demo();
    update(none, StoredPreferencesLoaded{""});
    CHECK(update(none, UrlHashChanged{"", true}).empty());
}

TEST_CASE("selection: click, ctrl-click toggles, shift-click selects the shown range") {
    State s = demo();
    update(s, SortClicked{Column::Credential, false});  // cred-2, cred-10, nvcr, s3-backup
    update(s, RowClicked{CredentialId{"2"}, false, false});
    CHECK(s.selection == std::vector<CredentialId>{CredentialId{"2"}});
    update(s, RowClicked{CredentialId{"3"}, false, true});
    CHECK(s.selection.size() == 3);  // cred-2, cred-10, nvcr
    CHECK(s.is_selected(CredentialId{"1"}));
    update(s, RowClicked{CredentialId{"1"}, true, false});
    CHECK_FALSE(s.is_selected(CredentialId{"1"}));
    CHECK(s.selection.size() == 2);
    update(s, SelectionCleared{});
    CHECK(s.selection.empty());
}

TEST_CASE("export: the shown rows and the visible columns, as a CSV download") {
    State s = demo();
    update(s, FilterSet{ColumnFilter{Column::Type, {"Access key"}, {}}});
    auto fx = update(s, ExportRequested{{Column::Status, Column::Credential, Column::Description}, 0});
    REQUIRE(fx.size() == 1);
    const auto& file = std::get<DownloadFile>(fx[0]);
    CHECK(file.filename == "credentials-1970-01-01-0000.csv");
    CHECK(file.mime.find("text/csv") == 0);
    CHECK(file.content == "Status,Credential,Description\r\nIssues found,cred-2,\r\nFailed,s3-backup,\r\n");
}

TEST_CASE("polls that come due together are spread over the ticks, the most overdue first") {
    std::vector<Credential> list;
    for (int i = 0; i < 5; ++i)
        list.push_back(make(std::to_string(i + 1), "going-" + std::to_string(i), CredentialKind::GenericSecret,
                            SyncStatus::Deleting));
    State s = loaded(list);
    REQUIRE(s.polls.size() == 5);
    s.polls.at(CredentialId{"4"}).due_ms -= 300;  // the longest overdue
    auto polled = [](const std::vector<Effect>& fx) {
        std::vector<std::string> ids;
        for (const auto& e : fx) ids.push_back(std::get<request::Poll>(std::get<SendRequest>(e).context).id.value);
        return ids;
    };
    const auto first = polled(update(s, Tick{20000}));
    REQUIRE(first.size() == kMaxPollsPerTick);
    CHECK(first.front() == "4");
    CHECK(polled(update(s, Tick{20250})).size() == kMaxPollsPerTick);
    CHECK(polled(update(s, Tick{20500})).size() == 1);  // the fifth
    CHECK(update(s, Tick{20750}).empty());              // all in flight
}

TEST_CASE("rows being created are polled with back-off until they settle") {
    State s = loaded({make("1", "new-one", CredentialKind::Password, SyncStatus::Creating),
                      make("2", "steady", CredentialKind::Password, SyncStatus::NoIssuesFound),
                      make("3", "going", CredentialKind::GenericSecret, SyncStatus::Deleting)});
    // A load registers polls for the transient rows only.
    REQUIRE(s.polls.size() == 2);
    CHECK(update(s, Tick{10500}).empty());  // not due yet
    auto fx = update(s, Tick{11000});
    REQUIRE(fx.size() == 2);
    const SendRequest* poll_new = nullptr;
    const SendRequest* poll_going = nullptr;
    for (const auto& e : fx) {
        const auto& r = std::get<SendRequest>(e);
        REQUIRE(std::holds_alternative<request::Poll>(r.context));
        (std::get<request::Poll>(r.context).id.value == "1" ? poll_new : poll_going) = &r;
    }
    REQUIRE(poll_new);
    REQUIRE(poll_going);
    CHECK(poll_new->request.path == "api/v1/asset/credentials/password/1?usageInfo=true&statusInfo=true");
    CHECK(update(s, Tick{11500}).empty());  // in flight: not sent twice

    // Still creating: back off (2 s next time); nothing to tell a screen reader.
    Credential still = s.credentials.at(0);
    update(s,
           HttpResponded{poll_new->context, api::HttpResponse{200, encode_credential(still, false).dump(), {}}, 12000});
    CHECK(s.polls.at(CredentialId{"1"}).interval_ms == 2000);
    CHECK(s.announcement_serial == 0);
    CHECK(update(s, Tick{13500}).size() == 0);
    auto again = update(s, Tick{14000});
    REQUIRE(again.size() == 1);

    // Settled: the row changes, the poll stops, the other rows are untouched.
    Credential done = still;
    done.status->status = SyncStatus::NoIssuesFound;
    update(s,
           HttpResponded{poll_new->context, api::HttpResponse{200, encode_credential(done, false).dump(), {}}, 14100});
    CHECK(s.rows[s.row_at(CredentialId{"1"}).value()].cell(Column::Status) == "No issues found");
    CHECK_FALSE(s.polls.count(CredentialId{"1"}));
    CHECK(s.rows.size() == 3);
    // Screen readers hear the new status.
    CHECK(s.announcement == "new-one: No issues found");
    CHECK(s.announcement_serial == 1);

    // Deleted: the server answers 404 and the row goes, which is said too.
    update(s, HttpResponded{poll_going->context, api::HttpResponse{404, "{}", {}}, 14200});
    CHECK(s.announcement == "going deleted");
    CHECK(s.announcement_serial == 2);
    CHECK(s.rows.size() == 2);
    CHECK_FALSE(s.row_at(CredentialId{"3"}));
    CHECK(s.polls.empty());
    CHECK(shown(s) == std::vector<std::string>{"new-one", "steady"});
}

TEST_CASE("refresh keeps the selection by id and drops ids that are gone") {
    State s = demo();
    update(s, RowClicked{CredentialId{"3"}, false, false});
    update(s, RowClicked{CredentialId{"4"}, true, false});
    const Credential kept = s.credentials.at(2);  // only nvcr (id 3) is left
    answer_load(s, update(s, RefreshRequested{}), {kept}, 1);
    CHECK(s.selection == std::vector<CredentialId>{CredentialId{"3"}});
}

TEST_CASE("a poll's answer moves its row in the view only through the columns it changed") {
    State s = loaded({make("1", "alpha", CredentialKind::Password, SyncStatus::Creating),
                      make("2", "beta", CredentialKind::Password, SyncStatus::NoIssuesFound),
                      make("3", "gamma", CredentialKind::Password, SyncStatus::IssuesFound)});
    update(s, SortClicked{Column::Status, false});
    // By the attention a status needs: Issues found, Creating, No issues found.
    CHECK(shown(s) == std::vector<std::string>{"gamma", "alpha", "beta"});
    update(s, FilterSet{ColumnFilter{Column::Status,
                                     {std::string(status_label(SyncStatus::Creating)),
                                      std::string(status_label(SyncStatus::NoIssuesFound))},
                                     {}}});
    CHECK(shown(s) == std::vector<std::string>{"alpha", "beta"});
    // Every column's order is built in spare time.
    while (has_background_work(s)) update(s, BackgroundWorkDue{});
    const auto revision = s.rows_revision;

    auto fx = update(s, Tick{11000});
    REQUIRE(fx.size() == 1);
    const auto& asked = std::get<SendRequest>(fx.front());
    Credential done = s.credential(CredentialId{"1"}).value();
    done.status->status = SyncStatus::IssuesFound;
    done.meta.description = "now described";
    update(s, HttpResponded{asked.context, api::HttpResponse{200, encode_credential(done, false).dump(), {}}, 11500});

    // The row reads the answer, leaves the filtered view, and its poll ends; the id index and
    // the columns' orders were kept (the row moved in them): nothing is left to rebuild.
    CHECK(s.rows[s.row_at(CredentialId{"1"}).value()].cell(Column::Description) == "now described");
    CHECK(shown(s) == std::vector<std::string>{"beta"});
    CHECK(s.polls.empty());
    CHECK(s.rows_revision == revision);
    CHECK_FALSE(has_background_work(s));
    for (const Column c : kAllColumns) CHECK(s.sort_index.column(s.rows, c).rank == build_column_order(s.rows, c).rank);

    // Without the filter, the row is back in its new place in the status order.
    update(s, FilterRemoved{Column::Status});
    CHECK(shown(s) == std::vector<std::string>{"alpha", "gamma", "beta"});  // both Issues found: by id
    update(s, SortClicked{Column::Status, false});                          // descending
    CHECK(shown(s) == std::vector<std::string>{"beta", "alpha", "gamma"});
}
