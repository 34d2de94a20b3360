// Appended to the Emscripten output (--post-js). Exposes the app to the page and to browser
// tests: window.credentialsConsole.items() lists the items drawn in the last frame, in CSS
// pixels (items(prefix): only those whose id starts with it); .frame counts drawn frames; .frameStats() tells what they cost; .setToken() lets a
// host console skip the login.
(function () {
  let initialized = false;
  const api = {
    items(prefix) {
      if (!initialized) return [];
      const p = prefix ? allocateUTF8(String(prefix)) : 0;
      try { return JSON.parse(UTF8ToString(Module._cc_items_json(p))); } finally { if (p) Module._free(p); }
    },
    // The font atlas: replacementGlyphs counts the characters no font had that the last frame
    // drew (-1: cannot tell), atlasWidth and atlasHeight are the texture's size in pixels, buildMs
    // how long its last build took.
    fontInfo() { return initialized ? JSON.parse(UTF8ToString(Module._cc_font_info_json())) : null; },
    get frame() { return initialized ? Module._cc_frame() : 0; },
    setToken(token, user) {
      if (!initialized) throw new Error('Credentials Console is still starting; await credentialsConsole.ready');
      const t = allocateUTF8(String(token));
      const u = allocateUTF8(String(user || ''));
      Module._cc_set_token(t, u);
      Module._free(t);
      Module._free(u);
    },
    // What drawn frames cost (ms, measured in the app around each frame): {frames, total, update,
    // ui, gl}, each part as {p50, p99, max} over the last 600 frames; frames counts the frames
    // since the last resetFrameStats().
    frameStats() {
      if (!initialized) return null;
      return JSON.parse(UTF8ToString(Module._cc_frame_stats_json()));
    },
    resetFrameStats() { if (initialized) Module._cc_reset_frame_stats(); },
    // Asks for a few frames to be drawn (the app only draws when something changed).
    redraw() { if (initialized) Module._cc_request_frames(3); },
  };
  api.ready = new Promise((resolve) => {
    const prev = Module.onRuntimeInitialized;
    Module.onRuntimeInitialized = () => { if (prev) prev(); initialized = true; resolve(); };
  });
  window.credentialsConsole = api;
})();
