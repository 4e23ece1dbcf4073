list(APPEND TRUSTLINT_TEST_SOURCES
  tests/main_test.cpp
  tests/graph_test.cpp
  tests/tree_sitter_test.cpp
)
