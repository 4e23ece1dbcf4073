list(APPEND TRUSTLINT_SOURCES
  src/policy/containment.cpp
  src/policy/symbolic.cpp
  src/policy/trust_cache.cpp
  src/policy/trust_fast_path.cpp
  src/policy/z3_strings.cpp
)
