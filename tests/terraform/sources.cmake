list(APPEND TRUSTLINT_TEST_SOURCES
  tests/terraform/terraform_test_util.cpp
  tests/terraform/terraform_test.cpp
  tests/terraform/terraform_hostile_test.cpp
  tests/terraform/tf_hostile_test.cpp
  tests/terraform/equivalence_test.cpp
  tests/terraform/unknowns_test.cpp
  tests/terraform/module_cache_test.cpp
  tests/terraform/sparse_reading_test.cpp
)
