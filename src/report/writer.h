// The output formats (SPEC 7). Each format is one Writer: it turns one run's
// graph, findings and summary into the bytes of its file. The application picks
// writers by --format and never looks inside them.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.h"
#include "check/summary.h"
#include "graph/graph.h"

namespace trustlint {

// Everything a writer may show about one run.
struct RunReport {
  const Graph& graph;
  const CheckResult& result;
  Summary summary;             // computed once (Summarize), shared by every writer
  bool color = false;          // ANSI colour: only text to a terminal asks for it
  bool show_suppressed = false;  // text: also print suppressed and baselined findings
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual std::string_view Format() const = 0;     // its --format name: "json"
  virtual std::string_view Extension() const = 0;  // the file extension that names it (".json"), or ""
  // The whole output, byte-identical for the same run.
  virtual std::string Render(const RunReport& run) const = 0;
  // The same bytes to `out`; formats whose output grows with the repository
  // write them as they are made.
  virtual void Write(const RunReport& run, std::ostream& out) const { out << Render(run); }
  // Whether it reads more of the graph than findings and outlines show (the audit
  // report analyses every pool and role): then no file may be checked on its own
  // (AloneChecker), since that leaves only its outline in the graph.
  virtual bool NeedsWholeGraph() const { return false; }
  // Whether it draws the graph's edges (the markdown summary's diagram): then the
  // outline of a file checked on its own keeps what a drawing shows of it.
  virtual bool DrawsGraph() const { return false; }
};

// Every format, in the order `--help` lists them.
const std::vector<std::unique_ptr<Writer>>& AllWriters();
const Writer* FindWriter(std::string_view format);
// The writer whose extension `path` ends with (case-insensitively), or nullptr:
// an --output named `x.json` must be paired with --format json.
const Writer* WriterForExtension(std::string_view path);
// "text, json, …" for messages.
std::string WriterFormatList();

}  // namespace trustlint
