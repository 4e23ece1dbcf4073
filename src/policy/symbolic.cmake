list(APPEND TRUSTLINT_SOURCES
  src/policy/containment.cpp
  src/policy/symbolic.cpp
  src/policy/z3_strings.cpp
)
