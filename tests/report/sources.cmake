list(APPEND TRUSTLINT_TEST_SOURCES
  tests/report/markdown_github_test.cpp
  tests/report/json_stream_test.cpp
  tests/report/junit_test.cpp
  tests/report/sarif_test.cpp
  tests/report/sarif_validator_test.cpp
  tests/report/audit_test.cpp
  tests/report/browser_test.cpp
  tests/report/png.cpp
)
