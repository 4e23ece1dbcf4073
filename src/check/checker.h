// The checker: runs every enabled rule over the graph, applies suppressions,
// configuration and baseline, fingerprints and sorts the findings.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/severity.h"
#include "check/finding.h"
#include "graph/graph.h"

namespace trustlint {

struct CheckOptions {
  std::set<std::string> disabled_rules;            // from .trustlint.yaml
  std::set<std::string> enabled_only;              // empty = all
  std::map<std::string, Severity> severity_overrides;
  std::set<std::string> baseline_fingerprints;     // --baseline: hidden
};

struct CheckResult {
  std::vector<Finding> findings;  // sorted; suppressed ones kept, marked
  int baselined = 0;              // hidden by the baseline
};

CheckResult RunChecks(const Graph& graph, const CheckOptions& options);

// Stable fingerprint of rule + resource address + file (not line).
std::string Fingerprint(const Finding& f);

}  // namespace trustlint
