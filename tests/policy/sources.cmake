list(APPEND TRUSTLINT_TEST_SOURCES
  tests/policy/evaluator_test.cpp
  tests/policy/operators_test.cpp
  tests/policy/version_variables_test.cpp
  tests/policy/parser_test.cpp
)
