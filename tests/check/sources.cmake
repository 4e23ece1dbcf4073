list(APPEND TRUSTLINT_TEST_SOURCES
  tests/check/alone_test.cpp
  tests/check/checker_test.cpp
  tests/check/cli_test.cpp
  tests/check/config_test.cpp
  tests/check/docs_test.cpp
  tests/check/finding_test.cpp
  tests/check/report_test.cpp
)
