# Configuration, fingerprints, baseline, TL003 and the scan's honesty (issue 10).
list(APPEND TRUSTLINT_TEST_SOURCES
  tests/config/config_cli_test.cpp
  tests/config/tl003_test.cpp
)
