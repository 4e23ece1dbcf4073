// The counts every output format reports (SPEC 7's "summary"), computed once per
// run so that text, JSON, SARIF, markdown and the rest can never disagree.
#pragma once

#include <string>
#include <string_view>

#include "check/checker.h"
#include "graph/graph.h"

namespace trustlint {

struct Summary {
  int errors = 0;    // unsuppressed findings, by severity
  int warnings = 0;
  int notes = 0;
  int files = 0;      // inputs read (or tried: unreadable ones count, as TL001)
  int resources = 0;  // graph nodes
  int suppressed = 0;
  int baselined = 0;  // hidden by --baseline
  int possible = 0;   // unsuppressed findings that rest on an unknown input
};

Summary Summarize(const Graph& graph, const CheckResult& result);

// "1 error", "3 warnings": every writer words its counts the same way.
std::string CountOf(int n, std::string_view word);

// "4 errors, 3 warnings, 1 note (1 possible), 0 suppressed, 0 baselined; 4 files,
// 11 resources": the whole summary in one line, for reports.
std::string SummaryLine(const Summary& s);

}  // namespace trustlint
