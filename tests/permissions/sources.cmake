list(APPEND TRUSTLINT_TEST_SOURCES
  tests/permissions/containment_differential_test.cpp
  tests/permissions/containment_test.cpp
  tests/permissions/permissions_test.cpp
  tests/permissions/rule_messages_test.cpp
  tests/permissions/seed_examples_test.cpp
)
