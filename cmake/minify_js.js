// Minifies JavaScript files in place with terser (Debian's node-terser): dead code and
// whitespace out, names shortened.
//
//   NODE_PATH=/usr/share/nodejs node minify_js.js [--toplevel] FILE...
//
// Without --toplevel, names at the top level stay as they are (boot.js defines the global
// Module that the Emscripten output reads). With it (the Emscripten output), top-level names are
// shortened too, all but Module and the globals that pages and tests read (HEAPU8, HEAP8,
// wasmMemory; they also read Module.HEAPU8 and Module.HEAP8).
'use strict';
const fs = require('fs');
const { minify } = require('terser');

const KEEP = ['Module', 'HEAPU8', 'HEAP8', 'wasmMemory'];

(async () => {
  const args = process.argv.slice(2);
  const toplevel = args[0] === '--toplevel';
  for (const file of toplevel ? args.slice(1) : args) {
    const result = await minify(fs.readFileSync(file, 'utf8'), {
      ecma: 2017,
      compress: { passes: 2 },
      mangle: { reserved: KEEP },
      toplevel,
      format: { comments: false },
    });
    fs.writeFileSync(file + '.tmp', result.code);
    fs.renameSync(file + '.tmp', file);
  }
})().catch((error) => {
  console.error('minify_js: ' + error.message);
  process.exit(1);
});
