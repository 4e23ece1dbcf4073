list(APPEND TRUSTLINT_TEST_SOURCES
  tests/action/action_test.cpp
)
