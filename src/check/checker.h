// The checker: runs every enabled rule over the graph, applies suppressions,
// configuration and baseline, fingerprints and sorts the findings.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/severity.h"
#include "check/finding.h"
#include "graph/graph.h"

namespace trustlint {

// One accepted finding of a baseline file (SPEC 8: readable, not only a hash).
struct BaselineEntry {
  std::string rule;
  std::string resource;
  std::string file;
  std::string message;
  std::string fingerprint;
};

struct CheckOptions {
  std::set<std::string> disabled_rules;            // from .trustlint.yaml
  std::set<std::string> enabled_only;              // empty = all
  std::map<std::string, Severity> severity_overrides;
  std::vector<BaselineEntry> baseline;             // --baseline: hidden
  // A finding's file (relative to the current directory) as the fingerprint sees
  // it: relative to the repository root (SPEC 8). Unset: the file as it is.
  std::function<std::string(const std::string&)> fingerprint_file;
  // Threads for the proofs answered ahead of the rules (AnalysisContext::AnswerPoolQuestions);
  // 1: every proof asked when a rule needs it. The findings are the same.
  unsigned jobs = 1;
};

struct CheckResult {
  std::vector<Finding> findings;  // sorted; suppressed ones kept, marked
  int baselined = 0;              // hidden by the baseline: baselined_findings.size()
  // What the baseline hid, sorted: out of `findings` so that no writer can mistake
  // them for live ones; text shows them with --show-suppressed.
  std::vector<Finding> baselined_findings;
  // Baseline entries that matched no finding: fixed since, or no longer the same finding.
  std::vector<BaselineEntry> stale_baseline;
};

class Rule;
class SharedTrustAnswers;

// Runs `rules` (the caller chooses the set: every rule, or a test's few) over the
// graph; CheckOptions then narrows and adjusts what they found. `alone`: what
// AloneChecker made of the files ScanPaths left to it; their findings join the graph's.
CheckResult RunChecks(const Graph& graph, const std::vector<const Rule*>& rules, const CheckOptions& options,
                      std::vector<std::unique_ptr<FileAnalysis>> alone = {});

// ScanOptions::analyze_alone for a check: when a file's declarations stand alone
// (GraphBuilder::StandsAlone), links them on their own and runs the rules on them
// on the calling thread, so that the scan keeps its findings and an outline, not
// its values and policy documents. Findings are the same as in the whole graph:
// only node addresses wait for the whole scan (qualified when two files share
// one), written meanwhile as placeholders that RunChecks resolves.
class AloneChecker {
 public:
  // `with_drawing`: the outlines keep what a drawing of the graph shows (a writer
  // DrawsGraph); without it, a role's or attachment's edges are not drawn.
  AloneChecker(std::vector<const Rule*> rules, const CheckOptions& options, bool with_drawing = true);
  ~AloneChecker();
  AloneChecker(const AloneChecker&) = delete;
  AloneChecker& operator=(const AloneChecker&) = delete;
  // From any thread; nullptr when the file must join the graph.
  std::unique_ptr<FileAnalysis> Analyze(GraphBuilder& part);

 private:
  std::vector<const Rule*> rules_;
  const CheckOptions& options_;
  bool with_drawing_;
  std::unique_ptr<SharedTrustAnswers> answers_;  // a repository of similar templates asks Z3 each question once
};

// Stable fingerprint of rule + resource address + file (not line): 16 hex digits.
std::string Fingerprint(std::string_view rule, std::string_view resource, std::string_view file);
// Of the finding's own rule, resource and file, as they are.
std::string Fingerprint(const Finding& f);

}  // namespace trustlint
