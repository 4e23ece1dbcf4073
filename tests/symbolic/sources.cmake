list(APPEND TRUSTLINT_TEST_SOURCES
  tests/symbolic/constants_test.cpp
  tests/symbolic/symbolic_test.cpp
  tests/symbolic/trust_cache_test.cpp
  tests/symbolic/trust_differential_test.cpp
  tests/symbolic/trust_fast_path_test.cpp
  tests/symbolic/z3_strings_test.cpp
)
