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
