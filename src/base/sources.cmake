list(APPEND TRUSTLINT_SOURCES
  src/base/ascii.cpp
  src/base/json_text.cpp
  src/base/location.cpp
  src/base/parallel.cpp
  src/base/severity.cpp
)
