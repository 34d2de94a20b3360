// What a delete of several credentials will do, before it is sent: the ones the server will
// delete and the ones it will refuse because something uses them (it answers 412 for those;
// docs/api.md, 'Delete and the in-use guard'). Pure: computed from the loaded credentials.
#pragma once

#include <string>
#include <vector>

#include "core/credential.h"

namespace cc::app {

// Who uses a credential, one group per kind of user: {"workspace", {"ws-1", "ws-2"}}.
struct UsageGroup {
    std::string what;  // singular: "workspace", "template", "data source", "environment", ...
    std::vector<std::string> names;
};

struct DeletePreviewItem {
    CredentialId id;
    std::string name;
    CredentialKind kind = CredentialKind::DockerRegistry;
    std::vector<UsageGroup> used_by;  // empty for a deletable one
    // "workspaces ws-1, ws-2; data source imagenet-s3" (empty for a deletable one)
    std::string used_by_text;
};

struct DeletePreview {
    std::vector<DeletePreviewItem> deletable;  // in the order given
    std::vector<DeletePreviewItem> blocked;    // in use: the server would refuse them
};

// The groups of users of `u`, in a fixed order (workloads, templates, data sources,
// environments, compute resources), empty groups left out.
std::vector<UsageGroup> usage_groups(const UsageInfo& u);
// "workspaces ws-1, ws-2; data source imagenet-s3"
std::string usage_text(const std::vector<UsageGroup>& groups);

// The selection split in two. A credential whose usage the list does not know (loaded without
// usageInfo) counts as deletable: the server decides, and the report says what it answered.
DeletePreview preview_delete(const std::vector<Credential>& selected);

}  // namespace cc::app
