// The pull-request summary (SPEC 7 "markdown"): what a GitHub Action writes to
// $GITHUB_STEP_SUMMARY, which GitHub renders as GitHub-flavoured markdown with
// Mermaid diagrams.
#pragma once

#include <string>
#include <string_view>

#include "report/writer.h"

namespace trustlint {

// A one-line verdict with the run's summary counts; the unsuppressed findings as a
// table (or a line saying there are none); a Mermaid flowchart of pools -> roles ->
// policies with the nodes and edges that carry findings marked; the changes against
// the baseline when one was used; why the possible findings are only possible.
std::string RenderMarkdown(const RunReport& run);

// Scanned text as inline markdown that shows exactly that text: no control
// characters, no HTML, no emphasis, links or table cell breaks. Newlines become <br>.
std::string MarkdownText(std::string_view s);

class MarkdownWriter final : public Writer {
 public:
  std::string_view Format() const override { return "markdown"; }
  std::string_view Extension() const override { return ".md"; }
  std::string Render(const RunReport& run) const override { return RenderMarkdown(run); }
  bool DrawsGraph() const override { return true; }  // the diagram
};

// GitHub refuses a job summary over 1 MiB: the table lists at most this many
// findings, stops once it holds this many bytes, and says how many it left out;
// a resource, location or message cell holds at most kMarkdownMaxCell bytes of
// the scanned text.
inline constexpr size_t kMarkdownMaxRows = 500;
inline constexpr size_t kMarkdownMaxTableBytes = size_t{512} * 1024;
inline constexpr size_t kMarkdownMaxCell = 2000;

// Above this many nodes the diagram holds only the parts that carry findings.
inline constexpr size_t kMarkdownDiagramMaxNodes = 60;

}  // namespace trustlint
