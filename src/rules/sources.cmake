list(APPEND TRUSTLINT_SOURCES
  src/rules/registry.cpp
)
