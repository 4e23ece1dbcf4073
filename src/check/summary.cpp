#include "check/summary.h"

namespace trustlint {

Summary Summarize(const Graph& graph, const CheckResult& result) {
  Summary s;
  s.files = static_cast<int>(graph.inputs.size());
  s.resources = static_cast<int>(graph.AllNodes().size());
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

}  // namespace trustlint
