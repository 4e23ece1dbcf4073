list(APPEND TRUSTLINT_TEST_SOURCES
  tests/permissions/permissions_test.cpp
  tests/permissions/rule_messages_test.cpp
  tests/permissions/seed_examples_test.cpp
)
