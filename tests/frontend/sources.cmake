list(APPEND TRUSTLINT_TEST_SOURCES
  tests/frontend/cfn_hostile_test.cpp
  tests/frontend/cloudformation_test.cpp
  tests/frontend/cloudformation_inputs_test.cpp
  tests/frontend/scan_test.cpp
)
