list(APPEND TRUSTLINT_TEST_SOURCES
  tests/report/audit_test.cpp
  tests/report/browser_test.cpp
  tests/report/png.cpp
)
