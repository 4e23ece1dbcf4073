# Rule pages show the rules' own fixtures (report/page_examples.h). A host tool picks,
# per rule, front end and kind, the case the page shows and embeds its files as raw
# string literals, as data/ is embedded (policy/permissions.cmake), so that an installed
# `trustlint explain` needs no source tree. The glob re-runs at build time
# (CONFIGURE_DEPENDS), so an added, removed or edited fixture regenerates the source.
add_executable(gen_page_examples tools/gen_page_examples.cpp src/report/page_examples.cpp)
target_include_directories(gen_page_examples PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_options(gen_page_examples PRIVATE ${TRUSTLINT_WARNINGS})

file(GLOB_RECURSE _page_fixture_files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fixtures/rules/*)
set(PAGE_EXAMPLES_GENERATED ${CMAKE_BINARY_DIR}/generated/report/page_examples_data.cpp)
add_custom_command(
  OUTPUT ${PAGE_EXAMPLES_GENERATED}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated/report
  COMMAND gen_page_examples ${CMAKE_SOURCE_DIR} ${PAGE_EXAMPLES_GENERATED}
  DEPENDS gen_page_examples ${_page_fixture_files}
  COMMENT "Embedding the rule pages' fixture examples"
  VERBATIM)

list(APPEND TRUSTLINT_SOURCES
  src/report/page_examples.cpp
  ${PAGE_EXAMPLES_GENERATED}
)
