// The audit trail's JSON shape (both sides), its lenient client-side decoding, the words the
// details panel shows for actions and outcomes, and clipping long texts without breaking UTF-8.
#include "core/audit.h"

#include <doctest/doctest.h>

#include <string>

using namespace cc;

namespace {

AuditEvent sample() {
    AuditEvent e;
    e.id = 42;
    e.time = "2026-11-02T09:14:03.112Z";
    e.actor = "admin@demo.local";
    e.action = std::string(kAuditRename);
    e.outcome = AuditOutcome::Done;
    e.status = 202;
    e.target = AuditTarget{"credential", "6b0d3a1e-8f1c-4c55-9a57-0f8a2c3e9d11", "wandb-team"};
    e.scope_path = "Account";
    e.client_address = "127.0.0.1";
    e.detail = "name: wandb-org \xE2\x86\x92 wandb-team";
    return e;
}

bool same(const AuditEvent& a, const AuditEvent& b) {
    return a.id == b.id && a.time == b.time && a.actor == b.actor && a.action == b.action && a.outcome == b.outcome &&
           a.status == b.status && a.target.kind == b.target.kind && a.target.id == b.target.id &&
           a.target.name == b.target.name && a.scope_path == b.scope_path && a.client_address == b.client_address &&
           a.detail == b.detail;
}

}  // namespace

TEST_CASE("audit event: the JSON shape, and back") {
    const AuditEvent e = sample();
    const Json j = encode_audit_event(e);
    CHECK(j.at("id") == 42);
    CHECK(j.at("outcome") == "done");
    CHECK(j.at("target").at("name") == "wandb-team");
    CHECK(j.at("scopePath") == "Account");
    CHECK(j.at("clientAddress") == "127.0.0.1");
    auto back = decode_audit_event(j);
    REQUIRE(back.ok());
    CHECK(same(*back, e));

    AuditEvent refused = e;
    refused.outcome = AuditOutcome::Refused;
    refused.status = 409;
    auto r = decode_audit_event(encode_audit_event(refused));
    REQUIRE(r.ok());
    CHECK(r->outcome == AuditOutcome::Refused);
    CHECK(r->status == 409);
}

TEST_CASE("audit page: entries and next; lenient about extras, strict about what a line needs") {
    AuditPage page;
    page.entries = {sample(), sample()};
    page.entries[1].id = 41;
    page.next = 2;
    auto back = decode_audit_page(encode_audit_page(page).dump());
    REQUIRE(back.ok());
    REQUIRE(back->entries.size() == 2);
    CHECK(back->entries[1].id == 41);
    CHECK(back->next == 2);

    // Unknown fields are ignored; missing texts are empty.
    auto minimal = decode_audit_page(
        R"({"entries":[{"id":1,"time":"2026-01-01T00:00:00.000Z","action":"login","outcome":"refused","extra":true}],"total":9})");
    REQUIRE(minimal.ok());
    CHECK(minimal->entries[0].actor.empty());
    CHECK(minimal->entries[0].status == 0);
    CHECK_FALSE(minimal->next);

    for (const char* bad :
         {"not json", "[]", R"({"entries":{}})", R"({"entries":[{"time":"t","action":"a","outcome":"done"}]})",
          R"({"entries":[{"id":1,"action":"a","outcome":"done"}]})",
          R"({"entries":[{"id":1,"time":"t","action":"a","outcome":"maybe"}]})"}) {
        CAPTURE(bad);
        auto r = decode_audit_page(bad);
        REQUIRE_FALSE(r.ok());
        CHECK_FALSE(r.error().message.empty());
    }
}

TEST_CASE("audit labels: what happened and how it ended") {
    CHECK(audit_action_label(kAuditCreate) == "Create");
    CHECK(audit_action_label(kAuditRename) == "Rename");
    CHECK(audit_action_label(kAuditDescribe) == "Description change");
    CHECK(audit_action_label(kAuditDelete) == "Delete request");
    CHECK(audit_action_label(kAuditLink) == "Use by an asset");
    CHECK(audit_action_label(kAuditLogin) == "Sign-in");
    CHECK(audit_action_label("something.new") == "something.new");
    AuditEvent e = sample();
    CHECK(audit_outcome_label(e) == "Done");
    e.outcome = AuditOutcome::Refused;
    e.status = 412;
    CHECK(audit_outcome_label(e) == "Refused (412)");
}

TEST_CASE("audit_clip: short texts stay, long ones end in an ellipsis on a character boundary") {
    CHECK(audit_clip("short", 10) == "short");
    CHECK(audit_clip("exactly10!", 10) == "exactly10!");
    CHECK(audit_clip("abcdefghijk", 10) == "abcdefg\xE2\x80\xA6");
    // "é" is two bytes: the cut backs up rather than split it.
    const std::string clipped = audit_clip("abcde\xC3\xA9xyz", 9);
    CHECK(clipped == "abcde\xE2\x80\xA6");
    CHECK(clipped.size() <= 9);
    CHECK(audit_clip("abcdef", 2).empty());
}
