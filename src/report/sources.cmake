list(APPEND TRUSTLINT_SOURCES
  src/report/audit.cpp
  src/report/audit_json.cpp
  src/report/audit_markdown.cpp
  src/report/docs.cpp
  src/report/finding_text.cpp
  src/report/graph_output.cpp
  src/report/github.cpp
  src/report/html.cpp
  src/report/json.cpp
  src/report/markdown.cpp
  src/report/safe_text.cpp
  src/report/junit.cpp
  src/report/links.cpp
  src/report/sarif.cpp
  src/report/text.cpp
  src/report/writer.cpp
)
