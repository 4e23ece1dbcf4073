list(APPEND TRUSTLINT_SOURCES
  src/base/ascii.cpp
  src/base/location.cpp
  src/base/severity.cpp
)
