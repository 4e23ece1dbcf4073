list(APPEND TRUSTLINT_TEST_SOURCES
  tests/rules/rules_pool_test.cpp
  tests/rules/trust_rules_test.cpp
  tests/rules/tl40x_common_test.cpp
)
