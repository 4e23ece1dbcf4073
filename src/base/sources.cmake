list(APPEND TRUSTLINT_SOURCES
  src/base/location.cpp
  src/base/severity.cpp
)
