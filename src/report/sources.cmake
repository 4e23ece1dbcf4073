list(APPEND TRUSTLINT_SOURCES
  src/report/audit.cpp
  src/report/audit_json.cpp
  src/report/audit_markdown.cpp
  src/report/docs.cpp
  src/report/graph_output.cpp
  src/report/html.cpp
  src/report/json.cpp
  src/report/text.cpp
  src/report/writer.cpp
)
