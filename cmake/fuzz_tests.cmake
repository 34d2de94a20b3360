# The fuzz targets as tests of the native tree (built by the "fuzz" preset into CC_FUZZ_DIR, see
# cmake/fuzz.cmake): each target runs for CC_FUZZ_SECONDS from its seed corpus in
# tests/fuzz/corpus/<name> (new inputs go to CC_FUZZ_DIR/corpus/<name>), and once over every
# input of tests/fuzz/regressions/<name>, the inputs that once crashed the server.
set(CC_FUZZ_DIR "" CACHE PATH "The fuzzing build tree (build/fuzz)")
set(CC_FUZZ_SECONDS 45 CACHE STRING "How long scripts/test runs each fuzz target")
if(CC_FUZZ_DIR)
  file(GLOB CC_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fuzz/*.cpp)
  foreach(file IN LISTS CC_FUZZ_SOURCES)
    get_filename_component(name ${file} NAME_WE)
    set(bin ${CC_FUZZ_DIR}/fuzz_${name})
    set(corpus ${CC_FUZZ_DIR}/corpus/${name})
    add_test(NAME fuzz/${name}
      COMMAND sh -c "mkdir -p '${corpus}' && exec '${bin}' -max_total_time=${CC_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 -print_funcs=0 '${corpus}' '${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${name}'")
    set_tests_properties(fuzz/${name} PROPERTIES LABELS fuzz TIMEOUT 900)
    file(GLOB regressions CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fuzz/regressions/${name}/*)
    if(regressions)
      add_test(NAME fuzz/${name}/regressions COMMAND ${bin} ${regressions})
      set_tests_properties(fuzz/${name}/regressions PROPERTIES LABELS fuzz TIMEOUT 300)
    endif()
  endforeach()
endif()
