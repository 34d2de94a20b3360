# Tests that need the wasm build (CC_WASM_DIR, built first by scripts/build), registered in
# the native tree so that one ctest run covers everything:
#  - unit_tests_wasm: the unit tests compiled to WebAssembly, run under node;
#  - browser/<file>: Playwright (npm playwright-core) driving Debian's chromium against the
#    reference server serving the web app, one ctest test per test file so that a failure or a
#    hang names its file and the other files still run. Every Playwright test has its own
#    time limit (harness.mjs: test), well inside the file's.
set(CC_WASM_DIR "" CACHE PATH "The Emscripten build tree (build/wasm)")
if(CC_WASM_DIR)
  add_test(NAME unit_tests_wasm COMMAND node --no-experimental-fetch ${CC_WASM_DIR}/unit_tests.js)
  file(GLOB CC_BROWSER_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/browser/*.test.mjs)
  foreach(file IN LISTS CC_BROWSER_TESTS)
    get_filename_component(name ${file} NAME_WE)
    add_test(NAME browser/${name} COMMAND node --test ${file})
    set_tests_properties(browser/${name} PROPERTIES
      ENVIRONMENT "CC_SERVER_BIN=$<TARGET_FILE:credentials_server>;CC_WEB_DIR=${CC_WASM_DIR}/web;CC_ARTIFACTS=${CMAKE_BINARY_DIR}/screenshots"
      LABELS browser
      TIMEOUT 1800)
  endforeach()
endif()
