// The benchmark's peer: the Credentials table in AG Grid Community, a minimal production-like
// page. It reads the token the host left in sessionStorage, fetches the same lists as the app
// (the combined credential list and the org lists that name scopes and clusters), makes each
// cell's text as the app's table does, and shows the 11 columns with sorting and a search box
// wired to the quick filter. window.peer exposes the grid API to the benchmark.
(function () {
  'use strict';
  var session = JSON.parse(sessionStorage.getItem('credentials-console.session') || 'null');
  if (!session || !session.token) throw new Error('no session: the benchmark stores the token first');
  var headers = { Authorization: 'Bearer ' + session.token, Accept: 'application/json' };
  // The page is served from peer/ next to the app, so the API is one level up.
  function get(path) {
    return fetch('../' + path, { headers: headers }).then(function (r) {
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      return r.json();
    });
  }
  var kOrgPage = 500;
  function allPages(path, key) {
    var out = [];
    function page(offset) {
      return get(path + '?limit=' + kOrgPage + '&offset=' + offset).then(function (body) {
        var list = body[key] || [];
        out = out.concat(list);
        return list.length === kOrgPage ? page(offset + kOrgPage) : out;
      });
    }
    return page(0);
  }
  // Requests start at once, in parallel with the grid's set-up.
  var loads = Promise.all([
    get('api/v1/asset/credentials?usageInfo=true&statusInfo=true'),
    get('api/v1/clusters?verbosity=metadata'),
    allPages('api/v1/org-unit/departments', 'departments'),
    allPages('api/v1/org-unit/projects', 'projects'),
  ]);

  var kinds = { accessKey: 'Access key', password: 'Username & password', dockerRegistry: 'Docker registry',
                genericSecret: 'Generic secret', ngcApiKey: 'NGC API key' };
  var statuses = { Creating: 'Creating\u2026', Updating: 'Updating\u2026', Deleting: 'Deleting\u2026' };
  var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function two(n) { return n < 10 ? '0' + n : String(n); }
  // "Mar 5, 2024 14:07" in the browser's time zone; the text as sent when it is not a date.
  function localTime(iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) return iso || '';
    return months[d.getMonth()] + ' ' + d.getDate() + ', ' + d.getFullYear() + ' ' + two(d.getHours()) + ':' +
           two(d.getMinutes());
  }
  function names(list) { return (list || []).map(function (x) { return x.name; }).join(', '); }

  function makeRows(results) {
    var list = results[0], clusters = {}, departments = {}, projects = {};
    (Array.isArray(results[1]) ? results[1] : results[1].clusters || []).forEach(function (c) { clusters[c.uuid] = c; });
    results[2].forEach(function (d) { departments[String(d.id)] = d; });
    results[3].forEach(function (p) { projects[String(p.id)] = p; });
    function clusterName(id) { var c = clusters[id]; return c ? c.name : 'cluster ' + String(id).slice(0, 8); }
    return (list.entries || list).map(function (c) {
      var m = c.meta, dep = m.departmentId != null ? String(m.departmentId) : null, cl = m.clusterId || null;
      var scope = m.scope, scopeName;
      if (scope === 'project' && m.projectId != null) {
        var p = projects[String(m.projectId)];
        scopeName = p ? p.name : 'project ' + m.projectId;
        if (p && !dep) dep = String(p.parentId);
        if (p && !cl) cl = p.clusterId;
      } else if (scope === 'department' && dep) {
        scopeName = departments[dep] ? departments[dep].name : 'department ' + dep;
      } else if (scope === 'cluster' && cl) {
        scopeName = clusterName(cl);
      } else {
        scopeName = scope === 'system' ? 'System' : scope === 'tenant' ? 'Account' : scope;
      }
      if ((scope === 'project' || scope === 'department') && dep && !cl && departments[dep]) cl = departments[dep].clusterId;
      var assets = c.usedBy && c.usedBy.assets;
      return {
        id: m.id,
        name: m.name,
        description: m.description || '',
        type: kinds[m.kind] || m.kind,
        status: c.status ? statuses[c.status.status] || c.status.status : '-',
        scope: scopeName,
        k8sName: c.clusterInfo ? names(c.clusterInfo.resources) : '',
        environments: assets ? names(assets.environments) : '',
        dataSources: assets ? names(assets.datasources) : '',
        createdBy: m.createdBy || '',
        creationTime: localTime(m.createdAt),
        createdAt: m.createdAt,
        cluster: scope === 'tenant' || scope === 'system' || !cl ? '' : clusterName(cl),
      };
    });
  }

  var columnDefs = [
    { field: 'name', headerName: 'Credential', pinned: 'left', width: 220 },
    { field: 'description', headerName: 'Description' },
    { field: 'type', headerName: 'Type', width: 170 },
    { field: 'status', headerName: 'Status', width: 150 },
    { field: 'scope', headerName: 'Scope' },
    { field: 'k8sName', headerName: 'Kubernetes name' },
    { field: 'environments', headerName: 'Environment(s)' },
    { field: 'dataSources', headerName: 'Data source(s)' },
    { field: 'createdBy', headerName: 'Created by' },
    // Sorted by the ISO time, shown in local time.
    { field: 'creationTime', headerName: 'Creation time', width: 170,
      comparator: function (a, b, na, nb) { var x = na.data.createdAt, y = nb.data.createdAt; return x < y ? -1 : x > y ? 1 : 0; } },
    { field: 'cluster', headerName: 'Cluster' },
  ];
  var api = agGrid.createGrid(document.getElementById('grid'), {
    theme: 'legacy',
    columnDefs: columnDefs,
    defaultColDef: { sortable: true, resizable: true, width: 180 },
    getRowId: function (p) { return p.data.id; },
    rowData: null,
  });
  document.getElementById('search').addEventListener('input', function (e) {
    api.setGridOption('quickFilterText', e.target.value);
  });
  loads.then(function (results) {
    var rows = makeRows(results);
    api.setGridOption('rowData', rows);
    window.peer.total = rows.length;
  }).catch(function (e) {
    document.getElementById('toolbar').textContent = 'Could not load the credentials: ' + e.message;
    throw e;
  });
  window.peer = { api: api, total: 0 };
})();
