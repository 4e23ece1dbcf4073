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

// One accepted finding of a baseline file (SPEC 8: readable, not only a hash).
struct BaselineEntry {
  std::string rule;
  std::string resource;
  std::string file;
  std::string message;
  std::string fingerprint;
};

struct CheckResult {
  std::vector<Finding> findings;  // sorted; suppressed ones kept, marked
  int baselined = 0;              // hidden by the baseline
  // Baseline entries that matched no finding: fixed since, or no longer the same finding.
  std::vector<BaselineEntry> stale_baseline;
};

class Rule;

// Runs `rules` (the caller chooses the set: every rule, or a test's few) over the
// graph; CheckOptions then narrows and adjusts what they found.
CheckResult RunChecks(const Graph& graph, const std::vector<const Rule*>& rules, const CheckOptions& options);

// Stable fingerprint of rule + resource address + file (not line).
std::string Fingerprint(const Finding& f);

}  // namespace trustlint
