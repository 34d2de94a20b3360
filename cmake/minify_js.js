// Minifies JavaScript files in place with terser (Debian's node-terser): dead code and
// whitespace out, local names shortened. Names at the top level stay as they are: boot.js
// defines the global Module, the Emscripten output defines globals (HEAPU8, wasmMemory, ...)
// that pages and tests may read, and the two files share the page's global scope.
//
//   NODE_PATH=/usr/share/nodejs node minify_js.js FILE...
'use strict';
const fs = require('fs');
const { minify } = require('terser');

(async () => {
  for (const file of process.argv.slice(2)) {
    const result = await minify(fs.readFileSync(file, 'utf8'), {
      ecma: 2017,
      compress: { passes: 2 },
      mangle: true,
      toplevel: false,
      format: { comments: false },
    });
    fs.writeFileSync(file + '.tmp', result.code);
    fs.renameSync(file + '.tmp', file);
  }
})().catch((error) => {
  console.error('minify_js: ' + error.message);
  process.exit(1);
});
