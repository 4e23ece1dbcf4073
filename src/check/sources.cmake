list(APPEND TRUSTLINT_SOURCES
  src/check/baseline.cpp
  src/check/checker.cpp
  src/check/context.cpp
  src/check/finding.cpp
  src/check/summary.cpp
)
