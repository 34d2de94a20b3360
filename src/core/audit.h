// The audit trail of the reference server's extension endpoints: one event per credential
// change, refused attempt, asset link or sign-in (who, when, what, outcome, target, from where),
// its JSON shape for both sides, and the short texts the details panel shows. An event never
// holds a secret value: its detail is names and error messages only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_codec.h"
#include "core/result.h"

namespace cc {

// Actions, as stored and answered.
inline constexpr std::string_view kAuditCreate = "credential.create";
inline constexpr std::string_view kAuditRename = "credential.rename";
inline constexpr std::string_view kAuditDescribe = "credential.description";
inline constexpr std::string_view kAuditUpdate = "credential.update";  // a refused PUT that names neither field
inline constexpr std::string_view kAuditDelete = "credential.delete";
inline constexpr std::string_view kAuditLink = "asset.link";  // a data source or environment referencing it
inline constexpr std::string_view kAuditLogin = "login";
// A stored registry login tried against its registry (the server used the stored secret).
inline constexpr std::string_view kAuditLoginTest = "credential.test-login";

enum class AuditOutcome { Done, Refused };

struct AuditTarget {
    std::string kind;  // "credential", "user", "application"
    std::string id;
    std::string name;
    // The owner of a personal credential the event is about (or that a refused create asked for):
    // only they see the event. Never encoded; empty for everything else.
    std::string private_owner;
};

struct AuditEvent {
    std::int64_t id = 0;  // increases with time
    std::string time;     // RFC 3339, UTC, milliseconds
    std::string actor;    // email or client id; for a failed sign-in, the name that was tried
    std::string action;
    AuditOutcome outcome = AuditOutcome::Done;
    int status = 0;  // the HTTP status of the answer
    AuditTarget target;
    std::string scope_path;  // "Account / cluster-a / ml / team-a", when known
    std::string client_address;
    std::string detail;  // "name: old → new", the refusal's error message, ...
};

std::string_view audit_outcome_name(AuditOutcome o);  // "done", "refused"

// {"id","time","actor","action","outcome","status","target":{"kind","id","name"},"scopePath",
//  "clientAddress","detail"}
Json encode_audit_event(const AuditEvent& e);
Result<AuditEvent> decode_audit_event(const Json& j);

// A page of events, newest first: {"entries": [...], "next": offset} ("next" absent on the
// last page).
struct AuditPage {
    std::vector<AuditEvent> entries;
    std::optional<std::int64_t> next;
};
Json encode_audit_page(const AuditPage& page);
Result<AuditPage> decode_audit_page(std::string_view body);

// What was done or attempted, in words: "Rename", "Description change", "Delete request", ...
std::string audit_action_label(std::string_view action);
// "Done" or "Refused (409)".
std::string audit_outcome_label(const AuditEvent& e);

// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence, "…" marking a cut.
std::string audit_clip(std::string_view text, std::size_t max_bytes);

}  // namespace cc
