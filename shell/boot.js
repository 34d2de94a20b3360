// Sets up the Emscripten module before credentials_console.js loads: the canvas to draw on, no
// browser context menu over it, and the boot message removed once the runtime starts. A file of
// its own, not an inline script: the Content-Security-Policy allows scripts from this origin only.
var Module = {
  canvas: document.getElementById('canvas'),
  onRuntimeInitialized: function () {
    var boot = document.getElementById('boot');
    if (boot) boot.remove();
    document.getElementById('canvas').focus();
  },
};
document.getElementById('canvas').addEventListener('contextmenu', function (event) { event.preventDefault(); });

// A tab that kept its session (sessionStorage, written by the app after a sign-in) asks for the
// credential list and the org lists now, while the app's code downloads and compiles. When the
// app sends the very same request (URL and headers), the platform takes this answer instead of
// asking again (web/main.cpp, js_take_prefetch). The paths and headers are those of the app's
// load requests (src/api/client.cpp); if they ever differ, the app simply asks itself.
(function () {
  var session = null;
  try { session = JSON.parse(sessionStorage.getItem('credentials-console.session') || 'null'); } catch (e) { return; }
  if (!session || typeof session.token !== 'string' || !session.token) return;
  var meta = document.querySelector('meta[name=credentials-console-api-base]');
  var config = window.credentialsConsoleConfig;
  var base = (config && config.apiBase) || (meta ? meta.content : '');
  var headers = [['Authorization', 'Bearer ' + session.token], ['Accept', 'application/json']];
  var paths = [
    'api/v1/asset/credentials?usageInfo=true&statusInfo=true',
    'api/v1/clusters?verbosity=metadata',
    'api/v1/org-unit/departments?limit=500&offset=0',
    'api/v1/org-unit/projects?limit=500&offset=0',
  ];
  Module.prefetched = paths.map(function (path) {
    var prefetch = {
      url: base + path,
      headers: headers.map(function (h) { return h[0] + ': ' + h[1]; }).join('\n'),
      loaded: 0,
      total: 0,
      onprogress: null,
    };
    prefetch.answer = fetch(prefetch.url, { headers: headers }).then(function (response) {
      // Progress counts decoded bytes: a compressed answer says its decoded size apart.
      prefetch.total = Number(response.headers.get('x-decoded-length') || response.headers.get('content-length')) || 0;
      var chunks = [];
      var reader = response.body.getReader();
      function pump() {
        return reader.read().then(function (part) {
          if (part.done) return;
          chunks.push(part.value);
          prefetch.loaded += part.value.length;
          if (prefetch.onprogress) prefetch.onprogress(prefetch.loaded, prefetch.total);
          return pump();
        });
      }
      return pump().then(function () {
        var body = new Uint8Array(prefetch.loaded);
        var at = 0;
        chunks.forEach(function (c) { body.set(c, at); at += c.length; });
        return { status: response.status, etag: response.headers.get('etag') || '', body: body };
      });
    }).catch(function (error) {
      return { status: 0, etag: '', body: new Uint8Array(0), error: String(error) };
    });
    return prefetch;
  });
})();
