list(APPEND TRUSTLINT_SOURCES
  src/graph/graph.cpp
  src/graph/value.cpp
)
