# Tests that need the wasm build (CC_WASM_DIR, built first by scripts/build), registered in
# the native tree so that one ctest run covers everything:
#  - unit_tests_wasm: the unit tests compiled to WebAssembly, run under node;
#  - browser_tests: Playwright (npm playwright-core) driving Debian's chromium against the
#    reference server serving the web app.
set(CC_WASM_DIR "" CACHE PATH "The Emscripten build tree (build/wasm)")
if(CC_WASM_DIR)
  add_test(NAME unit_tests_wasm COMMAND node --no-experimental-fetch ${CC_WASM_DIR}/unit_tests.js)
  add_test(NAME browser_tests COMMAND node --test --test-concurrency=1 ${CMAKE_SOURCE_DIR}/tests/browser/)
  set_tests_properties(browser_tests PROPERTIES
    ENVIRONMENT "CC_SERVER_BIN=$<TARGET_FILE:credentials_server>;CC_WEB_DIR=${CC_WASM_DIR}/web;CC_ARTIFACTS=${CMAKE_BINARY_DIR}/screenshots"
    TIMEOUT 3600)
endif()
