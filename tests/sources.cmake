# Each area lists its own test files, so that parallel work never edits one list.
list(APPEND TRUSTLINT_TEST_SOURCES
  tests/main_test.cpp
  tests/graph_test.cpp
  tests/tree_sitter_test.cpp
  tests/fixtures_test.cpp
  tests/golden_test.cpp
  tests/crash_corpus_test.cpp
  tests/readme_test.cpp
  tests/hostile/hostile_test.cpp
  tests/hostile/json_text_test.cpp
  tests/hostile/budget_test.cpp
)
include(tests/frontend/sources.cmake)
include(tests/policy/sources.cmake)
include(tests/symbolic/sources.cmake)
include(tests/check/sources.cmake)
include(tests/rules/sources.cmake)
include(tests/terraform/sources.cmake)
include(tests/catalogue/sources.cmake)
include(tests/permissions/sources.cmake)
include(tests/plan/sources.cmake)
include(tests/report/sources.cmake)
include(tests/action/sources.cmake)
include(tests/app/sources.cmake)
include(tests/config/sources.cmake)
