list(APPEND TRUSTLINT_TEST_SOURCES
  tests/report/markdown_github_test.cpp
)
