list(APPEND TRUSTLINT_SOURCES
  src/policy/arn.cpp
  src/policy/evaluator.cpp
  src/policy/operators.cpp
  src/policy/policy.cpp
  src/policy/sentinels.cpp
)
