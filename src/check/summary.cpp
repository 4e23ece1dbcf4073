#include "check/summary.h"

namespace trustlint {

Summary Summarize(const Graph& graph, const CheckResult& result) {
  Summary s;
  s.files = static_cast<int>(graph.inputs.size());
  s.resources = static_cast<int>(graph.NodeCount());
  s.baselined = result.baselined;
  for (const Finding& f : result.findings) {
    if (f.suppressed) {
      ++s.suppressed;
      continue;
    }
    if (!f.proven) ++s.possible;
    switch (f.severity) {
      case Severity::kError:
        ++s.errors;
        break;
      case Severity::kWarning:
        ++s.warnings;
        break;
      case Severity::kNote:
        ++s.notes;
        break;
    }
  }
  return s;
}

std::string CountOf(int n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string SummaryLine(const Summary& s) {
  return CountOf(s.errors, "error") + ", " + CountOf(s.warnings, "warning") + ", " + CountOf(s.notes, "note") + " (" +
         std::to_string(s.possible) + " possible), " + std::to_string(s.suppressed) + " suppressed, " +
         std::to_string(s.baselined) + " baselined; " + CountOf(s.files, "file") + ", " +
         CountOf(s.resources, "resource");
}

}  // namespace trustlint
