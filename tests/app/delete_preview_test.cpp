// app::preview_delete: the delete dialog's two groups, computed from the loaded credentials.
#include "app/delete_preview.h"

#include <doctest/doctest.h>

using namespace cc;
using namespace cc::app;

namespace {

Credential credential(const char* id, const char* name, std::optional<UsageInfo> used_by) {
    Credential c;
    c.meta.id = CredentialId{id};
    c.meta.name = name;
    c.meta.kind = CredentialKind::GenericSecret;
    c.used_by = std::move(used_by);
    return c;
}

}  // namespace

TEST_CASE("delete preview: in-use credentials are blocked with every user named, the rest deletable, order kept") {
    UsageInfo everything;
    everything.workspaces = {{"w-1", "ws-1", std::nullopt}, {"w-2", "ws-2", "Running"}};
    everything.trainings = {{"t-1", "train-1", std::nullopt}};
    everything.inferences = {{"i-1", "serve", std::nullopt}};
    everything.templates = {{"tp-1", "tpl-2"}};
    everything.datasources = {{"d-1", "imagenet-s3", "s3"}, {"d-2", "repo", "git"}};
    everything.environments = {{"e-1", "jupyter"}};
    UsageInfo one_template;
    one_template.templates = {{"tp-9", "nightly"}};

    const std::vector<Credential> selected = {
        credential("a", "free-1", UsageInfo{}),    // known unused
        credential("b", "busy", everything),       // used by all kinds
        credential("c", "unknown", std::nullopt),  // loaded without usageInfo: the server decides
        credential("d", "templated", one_template), credential("e", "free-2", UsageInfo{}),
    };
    const DeletePreview p = preview_delete(selected);
    REQUIRE(p.deletable.size() == 3);
    CHECK(p.deletable[0].name == "free-1");
    CHECK(p.deletable[1].name == "unknown");
    CHECK(p.deletable[2].name == "free-2");
    for (const auto& d : p.deletable) {
        CHECK(d.used_by.empty());
        CHECK(d.used_by_text.empty());
    }
    REQUIRE(p.blocked.size() == 2);
    CHECK(p.blocked[0].id == CredentialId{"b"});
    CHECK(p.blocked[0].used_by_text ==
          "workspaces ws-1, ws-2; training train-1; inference serve; template tpl-2; data sources imagenet-s3, repo; "
          "environment jupyter");
    REQUIRE(p.blocked[0].used_by.size() == 6);
    CHECK(p.blocked[0].used_by[0].what == "workspace");
    CHECK((p.blocked[0].used_by[0].names == std::vector<std::string>{"ws-1", "ws-2"}));
    CHECK(p.blocked[1].used_by_text == "template nightly");

    CHECK(preview_delete({}).deletable.empty());
    CHECK(preview_delete({}).blocked.empty());
}

TEST_CASE("delete preview: a user without a name is named by its id") {
    UsageInfo u;
    u.computes = {{"cmp-7", ""}};
    const DeletePreview p = preview_delete({credential("x", "x", u)});
    REQUIRE(p.blocked.size() == 1);
    CHECK(p.blocked[0].used_by_text == "compute resource cmp-7");
}
