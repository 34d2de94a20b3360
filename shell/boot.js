// Sets up the Emscripten module before credentials_console.js loads: the canvas to draw on, no
// browser context menu over it, and the boot message removed once the app has drawn. A file of
// its own, not an inline script: the Content-Security-Policy allows scripts from this origin only.
var Module = {
  canvas: document.getElementById('canvas'),
  onRuntimeInitialized: function () {
    // A mark a profile (and the tests) can read: requests started before it were not the app's.
    performance.mark('credentials-console:runtime-ready');
    document.getElementById('canvas').focus();
  },
  // The boot message stays until the canvas shows something (the app may hold its first frame
  // for the table's first rows).
  onFirstFrame: function () {
    var boot = document.getElementById('boot');
    if (boot) boot.remove();
  },
};
document.getElementById('canvas').addEventListener('contextmenu', function (event) { event.preventDefault(); });

// Opens a GET with the page's fetch() and gathers its answer as it arrives: status, ETag, the
// decoded size when the server says it (a compressed answer says it apart), and the body's parts.
// `listener`, when set, hears of every new part and of the end (the app's platform sets it:
// web/main.cpp, js_fetch). `headers` are "Name: value" lines.
Module.openFetch = function (url, headers) {
  var f = { url: url, headers: headers, status: 0, etag: '', total: 0, parts: [], done: false, error: '', listener: null };
  function tell() { if (f.listener) f.listener(); }
  var init = {
    headers: headers ? headers.split('\n').map(function (line) {
      var colon = line.indexOf(': ');
      return [line.slice(0, colon), line.slice(colon + 2)];
    }) : [],
  };
  fetch(url, init).then(function (response) {
    f.status = response.status;
    f.etag = response.headers.get('etag') || '';
    f.total = Number(response.headers.get('x-decoded-length') || response.headers.get('content-length')) || 0;
    if (!response.body) { f.done = true; tell(); return; }
    var reader = response.body.getReader();
    function pump() {
      return reader.read().then(function (part) {
        if (part.done) f.done = true; else f.parts.push(part.value);
        tell();
        if (!part.done) return pump();
      });
    }
    return pump();
  }).catch(function (error) {
    f.status = 0;
    f.error = String(error) || 'network error';
    f.done = true;
    tell();
  });
  return f;
};

// A tab that kept its session (sessionStorage, written by the app after a sign-in) asks for the
// credential list and the org lists now, while the app's code downloads and compiles. When the
// app sends the very same request (URL and headers), the platform takes this answer instead of
// asking again (web/main.cpp, js_fetch), with the parts that have arrived so far. The paths and
// headers are those of the app's load requests (src/api/client.cpp); if they ever differ, the
// app simply asks itself.
(function () {
  var session = null;
  try { session = JSON.parse(sessionStorage.getItem('credentials-console.session') || 'null'); } catch (e) { return; }
  if (!session || typeof session.token !== 'string' || !session.token) return;
  var meta = document.querySelector('meta[name=credentials-console-api-base]');
  var config = window.credentialsConsoleConfig;
  var base = (config && config.apiBase) || (meta ? meta.content : '');
  var headers = 'Authorization: Bearer ' + session.token + '\nAccept: application/json';
  Module.prefetched = [
    'api/v1/asset/credentials?usageInfo=true&statusInfo=true',
    'api/v1/clusters?verbosity=metadata',
    'api/v1/org-unit/departments?limit=500&offset=0',
    'api/v1/org-unit/projects?limit=500&offset=0',
  ].map(function (path) { return Module.openFetch(base + path, headers); });
})();
