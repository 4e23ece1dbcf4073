list(APPEND TRUSTLINT_TEST_SOURCES
  tests/app/cli_reference_test.cpp
  tests/app/jobs_test.cpp
  tests/app/progress_test.cpp
)
