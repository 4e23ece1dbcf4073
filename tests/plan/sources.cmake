list(APPEND TRUSTLINT_TEST_SOURCES
  tests/plan/plan_test.cpp
  tests/plan/json_syntax_test.cpp
)
