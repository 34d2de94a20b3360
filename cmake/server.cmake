# The reference API server (native only) and its API tests.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
# The registry login check (registry_login.cpp): libcurl over OpenSSL, for its certificate checks.
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET openssl)
find_package(Threads REQUIRED)

file(GLOB CC_SERVER_SOURCES CONFIGURE_DEPENDS src/server/*.cpp)
list(FILTER CC_SERVER_SOURCES EXCLUDE REGEX ".*/main\\.cpp$")
add_library(cc_server STATIC ${CC_SERVER_SOURCES})
target_link_libraries(cc_server PUBLIC cc_core PkgConfig::HTTPLIB PkgConfig::SODIUM PkgConfig::SQLITE
                      PkgConfig::ARGON2 PkgConfig::ZLIB PkgConfig::CURL PkgConfig::OPENSSL Threads::Threads)
target_compile_options(cc_server PRIVATE ${CC_WARNINGS})

add_executable(credentials_server src/server/main.cpp)
target_link_libraries(credentials_server PRIVATE cc_server)
target_compile_options(credentials_server PRIVATE ${CC_WARNINGS})

file(GLOB CC_API_TEST_SOURCES CONFIGURE_DEPENDS tests/server/*.cpp)
add_executable(api_tests tests/doctest_main.cpp ${CC_API_TEST_SOURCES})
# brotli: the tests make and check precompressed copies of static files (the server only sends them).
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
target_link_libraries(api_tests PRIVATE cc_server PkgConfig::BROTLI)
target_compile_options(api_tests PRIVATE ${CC_WARNINGS})
if(CC_SANITIZE)
  # Under the sanitizers GCC's flow analysis reports std::function inside <regex> (used by these
  # tests only) as maybe uninitialized; the plain build keeps the warning.
  target_compile_options(api_tests PRIVATE -Wno-maybe-uninitialized)
endif()
target_compile_definitions(api_tests PRIVATE CC_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                           CC_SERVER_BIN="$<TARGET_FILE:credentials_server>")
add_dependencies(api_tests credentials_server)
add_test(NAME api_tests COMMAND api_tests)

# scripts/bench: timings of the core's table data path (not a test: numbers, with targets).
add_executable(bench_core tests/bench/bench_core.cpp)
target_link_libraries(bench_core PRIVATE cc_core)
target_compile_options(bench_core PRIVATE ${CC_WARNINGS})
