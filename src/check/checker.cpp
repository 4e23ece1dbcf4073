#include "check/checker.h"

#include <algorithm>

#include "base/ascii.h"

#include "check/baseline.h"
#include "check/context.h"
#include "check/suppression.h"
#include "check/rule.h"

namespace trustlint {
namespace {

bool RuleEnabled(const std::string& id, const CheckOptions& options) {
  if (options.disabled_rules.count(id)) return false;
  return options.enabled_only.empty() || options.enabled_only.count(id) > 0;
}

// Suppressions by node address, gathered once from every node of the graph.
class Suppressions {
 public:
  explicit Suppressions(const Graph& graph) {
    Add(graph.pools);
    Add(graph.attachments);
    Add(graph.roles);
    Add(graph.policies);
  }

  // Marks `f` suppressed when its resource carries a reasoned suppression of its
  // rule. A reasonless one does not count: TL002 reports it instead.
  void Apply(Finding& f) const {
    auto it = by_address_.find(f.resource);
    if (it == by_address_.end()) return;
    for (const Suppression* s : it->second) {
      if (EqualsIgnoreCaseAscii(s->rule, f.rule) && HasReason(*s)) {
        f.suppressed = true;
        f.suppression_reason = s->reason;
        return;
      }
    }
  }

 private:
  template <typename T>
  void Add(const std::vector<T>& nodes) {
    for (const T& n : nodes) {
      for (const Suppression& s : n.suppressions) by_address_[n.address].push_back(&s);
    }
  }

  std::map<std::string, std::vector<const Suppression*>> by_address_;
};

}  // namespace

CheckResult RunChecks(const Graph& graph, const std::vector<const Rule*>& rules, const CheckOptions& options) {
  AnalysisContext ctx(graph);
  const Suppressions suppressions(graph);
  CheckResult result;
  for (const Rule* rule : rules) {
    if (!RuleEnabled(rule->Info().id, options)) continue;
    std::vector<Finding> found;
    rule->Check(ctx, found);
    for (Finding& f : found) {
      if (auto it = options.severity_overrides.find(f.rule); it != options.severity_overrides.end()) {
        f.severity = it->second;
      }
      f.fingerprint = Fingerprint(f);
      suppressions.Apply(f);
      result.findings.push_back(std::move(f));
    }
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), FindingLess);
  ApplyBaseline(options.baseline_fingerprints, &result);
  return result;
}

}  // namespace trustlint
