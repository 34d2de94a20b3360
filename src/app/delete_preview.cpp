#include "app/delete_preview.h"

namespace cc::app {

std::vector<UsageGroup> usage_groups(const UsageInfo& u) {
    std::vector<UsageGroup> out;
    auto add = [&out](const char* what, const auto& list) {
        if (list.empty()) return;
        UsageGroup g{what, {}};
        for (const auto& ref : list) g.names.push_back(ref.name.empty() ? ref.id : ref.name);
        out.push_back(std::move(g));
    };
    add("workspace", u.workspaces);
    add("training", u.trainings);
    add("distributed training", u.distributed);
    add("inference", u.inferences);
    add("template", u.templates);
    add("data source", u.datasources);
    add("environment", u.environments);
    add("compute resource", u.computes);
    return out;
}

std::string usage_text(const std::vector<UsageGroup>& groups) {
    std::string out;
    for (const auto& g : groups) {
        if (!out.empty()) out += "; ";
        out += g.what;
        if (g.names.size() > 1) out += "s";
        out += " ";
        for (std::size_t i = 0; i < g.names.size(); ++i) {
            if (i) out += ", ";
            out += g.names[i];
        }
    }
    return out;
}

DeletePreview preview_delete(const std::vector<Credential>& selected) {
    DeletePreview p;
    for (const auto& c : selected) {
        DeletePreviewItem item{c.meta.id, c.meta.name, c.meta.kind, {}, {}};
        if (c.used_by && c.used_by->in_use()) {
            item.used_by = usage_groups(*c.used_by);
            item.used_by_text = usage_text(item.used_by);
            p.blocked.push_back(std::move(item));
        } else {
            p.deletable.push_back(std::move(item));
        }
    }
    return p;
}

}  // namespace cc::app
