#include "check/checker.h"

#include <algorithm>
#include <iterator>
#include <set>

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

// The address a fingerprint hashes for each qualified address (SPEC 8: without
// the `<template path>#` that only disambiguates this scan's output).
std::map<std::string, std::string> UnqualifiedAddresses(const Graph& graph) {
  std::map<std::string, std::string> out;
  auto add = [&out](const auto& nodes) {
    for (const Node& n : nodes) {
      if (!n.unqualified_address.empty()) out[n.address] = n.unqualified_address;
    }
  };
  add(graph.pools), add(graph.attachments), add(graph.roles), add(graph.policies);
  return out;
}

void FillFingerprint(Finding& f, const std::map<std::string, std::string>& unqualified, const CheckOptions& options) {
  const auto it = unqualified.find(f.resource);
  f.fingerprint_resource = it == unqualified.end() ? f.resource : it->second;
  f.fingerprint_file = options.fingerprint_file ? options.fingerprint_file(f.loc.file) : f.loc.file;
  f.fingerprint = Fingerprint(f.rule, f.fingerprint_resource, f.fingerprint_file);
}

}  // namespace

CheckResult RunChecks(const Graph& graph, const std::vector<const Rule*>& rules, const CheckOptions& options) {
  AnalysisContext ctx(graph);
  ctx.AnswerPoolQuestions(options.jobs);
  const Suppressions suppressions(graph);
  const auto unqualified = UnqualifiedAddresses(graph);
  std::vector<Finding> found;
  std::set<std::string> ran;
  for (const Rule* rule : rules) {
    if (!RuleEnabled(rule->Info().id, options)) continue;
    ran.insert(rule->Info().id);
    rule->Check(ctx, found);
  }
  // Rules that judge the others' findings (TL003) run once those are all in.
  std::vector<Finding> reviewed;
  const FindingsReview review{graph, found, ran};
  for (const Rule* rule : rules) {
    if (ran.count(rule->Info().id)) rule->Review(review, reviewed);
  }
  const size_t checked = found.size();
  found.insert(found.end(), std::make_move_iterator(reviewed.begin()), std::make_move_iterator(reviewed.end()));
  CheckResult result;
  for (size_t i = 0; i < found.size(); ++i) {
    Finding& f = found[i];
    if (auto it = options.severity_overrides.find(f.rule); it != options.severity_overrides.end()) {
      f.severity = it->second;
    }
    FillFingerprint(f, unqualified, options);
    if (i < checked) suppressions.Apply(f);
    result.findings.push_back(std::move(f));
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), FindingLess);
  ApplyBaseline(options.baseline, &result);
  return result;
}

}  // namespace trustlint
