# The unit and API tests of the sanitizer build (preset "asan", built by scripts/build into
# CC_ASAN_DIR) as tests of the native tree, so that one ctest run covers them: AddressSanitizer
# and UndefinedBehaviorSanitizer abort on the first report, which fails the test.
set(CC_ASAN_DIR "" CACHE PATH "The sanitizer build tree (build/asan)")
if(CC_ASAN_DIR)
  set(sanitizer_env "ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
                    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  add_test(NAME asan/unit_tests COMMAND ${CC_ASAN_DIR}/unit_tests)
  add_test(NAME asan/api_tests COMMAND ${CC_ASAN_DIR}/api_tests)
  set_tests_properties(asan/unit_tests asan/api_tests PROPERTIES ENVIRONMENT "${sanitizer_env}" LABELS asan TIMEOUT 1800)
endif()
