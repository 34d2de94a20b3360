# libFuzzer targets (preset "fuzz", clang): one executable per tests/fuzz/*.cpp, linked with the
# instrumented core, and the server's request reader for the HTTP target. ctest in the native
# tree runs each for a bounded time (cmake/browser_tests.cmake registers them); scripts/fuzz
# runs them longer.
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)

file(GLOB CC_FUZZ_TARGETS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fuzz/*.cpp)
foreach(file IN LISTS CC_FUZZ_TARGETS)
  get_filename_component(name ${file} NAME_WE)
  add_executable(fuzz_${name} ${file})
  target_link_libraries(fuzz_${name} PRIVATE cc_core PkgConfig::ZLIB)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
endforeach()
if(TARGET fuzz_http_request_reader)
  target_sources(fuzz_http_request_reader PRIVATE ${CMAKE_SOURCE_DIR}/src/server/http_request_reader.cpp)
endif()
