// Organizations the core tests share: a small one with names to read, and a regular grid as
// large as a test needs (clusters x departments x projects).
#pragma once

#include <string>

#include "core/org.h"

namespace cc::fixtures {

// Account -> cluster-a (research: team-a, team-b; platform: team-c), cluster-b (vision: team-d).
inline OrgTree small_org() {
    OrgData d;
    d.clusters = {{ClusterId{"ca"}, "cluster-a", 1, "", {}, {}, "Connected"},
                  {ClusterId{"cb"}, "cluster-b", 1, "", {}, {}, "Connected"}};
    d.departments = {{DepartmentId{"1"}, "research", ClusterId{"ca"}, "", "", ""},
                     {DepartmentId{"2"}, "platform", ClusterId{"ca"}, "", "", ""},
                     {DepartmentId{"3"}, "vision", ClusterId{"cb"}, "", "", ""}};
    d.projects = {{ProjectId{1}, "team-a", ClusterId{"ca"}, DepartmentId{"1"}, "research", "", "", "", ""},
                  {ProjectId{2}, "team-b", ClusterId{"ca"}, DepartmentId{"1"}, "research", "", "", "", ""},
                  {ProjectId{3}, "team-c", ClusterId{"ca"}, DepartmentId{"2"}, "platform", "", "", "", ""},
                  {ProjectId{4}, "team-d", ClusterId{"cb"}, DepartmentId{"3"}, "vision", "", "", "", ""}};
    return OrgTree(d);
}

// Clusters "c0".. named gpu-0.., departments numbered from 1 across clusters (dept-1..), projects
// numbered from 1 across departments (proj-1..).
inline OrgTree grid_org(int clusters, int departments, int projects) {
    OrgData d;
    int project = 1;
    for (int c = 0; c < clusters; ++c) {
        const ClusterId cid{"c" + std::to_string(c)};
        d.clusters.push_back({cid, "gpu-" + std::to_string(c), 1, "", {}, {}, ""});
        for (int k = 0; k < departments; ++k) {
            const DepartmentId did{std::to_string(c * departments + k + 1)};
            d.departments.push_back({did, "dept-" + did.value, cid, "", "", ""});
            for (int p = 0; p < projects; ++p, ++project)
                d.projects.push_back(
                    {ProjectId{project}, "proj-" + std::to_string(project), cid, did, "", "", "", "", ""});
        }
    }
    return OrgTree(d);
}

}  // namespace cc::fixtures
