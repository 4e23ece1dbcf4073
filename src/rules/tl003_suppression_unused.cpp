// TL003: a suppression that names no rule trustlint has, or that matches no
// finding of its rule on its resource. Such a suppression hides nothing today
// and, being stale or mistyped, says nothing either: this rule makes it visible.
// It judges the other rules' findings, so its work is in Review, after them all.
#include <memory>
#include <string>

#include "base/ascii.h"
#include "check/rule.h"
#include "check/suppression.h"
#include "graph/graph.h"
#include "rules/registry.h"

namespace trustlint {
namespace {

const RuleInfo kInfo{
    .id = "TL003",
    .name = "suppression-unused",
    .severity = Severity::kWarning,
    .summary = "a trustlint suppression names an unknown rule, or matches no finding of its rule on its resource",
    .explanation =
        "A suppression is meant to hide one accepted finding. When it names a rule that does not exist "
        "(`TL999`, or a rule's name such as `auth-role-guest-assumable` where its ID `TL104` belongs), or a "
        "rule that does not fire on that resource, it hides nothing, and nobody notices: the typo looks like "
        "an accepted risk to a reviewer, and a stale suppression left after a fix would silently hide the "
        "fault if it came back.\n\n"
        "A suppression of a rule that the configuration disables (`disable`, `enable`, `--disable`, "
        "`--enable`) is not reported: that rule did not run, so trustlint cannot tell whether the suppression "
        "is still needed. A suppression without a reason that matches no finding is left to TL002, which already "
        "reports that line; once it has a reason, TL003 judges it. TL003's own findings cannot be suppressed by a "
        "suppression (that would let a stale "
        "suppression hide the report about itself); disable TL003 in `.trustlint.yaml` if you must.",
    .fix =
        "Correct the rule ID (`trustlint rules` lists them), move the suppression to the resource the finding "
        "names, or delete it when the finding it accepted has been fixed.",
    .seed =
        "A suppression that names an unknown rule, or that matches no finding, is finding TL003 "
        "`suppression-unused` (warning), so stale and mistyped suppressions surface.\n"
        "(trustlint specification, section 8: Suppressions, baseline, configuration)",
};

class SuppressionUnused : public Rule {
 public:
  const RuleInfo& Info() const override { return kInfo; }

  void Check(AnalysisContext&, std::vector<Finding>&) const override {}

  void Review(const FindingsReview& review, std::vector<Finding>& out) const override {
    const Graph& g = review.graph;
    ReviewNodes(g.pools, review, out);
    ReviewNodes(g.attachments, review, out);
    ReviewNodes(g.roles, review, out);
    ReviewNodes(g.policies, review, out);
  }

 private:
  template <typename T>
  void ReviewNodes(const std::vector<T>& nodes, const FindingsReview& review, std::vector<Finding>& out) const {
    for (const Node& node : nodes) {
      for (const Suppression& s : node.suppressions) {
        const std::string problem = Problem(node, s, review);
        if (problem.empty()) continue;
        Finding f = NewFinding();
        f.resource = node.address;
        f.loc = s.loc.file.empty() ? node.loc : s.loc;
        f.logical_path = node.path;
        f.message = "suppression of " + s.rule + " on " + node.address + " " + problem;
        f.AddWitness("suppressed_rule", s.rule);
        out.push_back(std::move(f));
      }
    }
  }

  // Why `s` on `node` is unused, or "" when it is used (or cannot be judged).
  static std::string Problem(const Node& node, const Suppression& s, const FindingsReview& review) {
    const std::string id = UpperAscii(s.rule);
    if (const auto unknown = UnknownRuleProblem(id.rfind("TL", 0) == 0 ? id : s.rule)) {
      return "hides nothing: " + *unknown;
    }
    if (id == kInfo.id) {
      return "hides nothing: TL003 cannot be suppressed; disable it in .trustlint.yaml instead";
    }
    if (!review.ran.count(id)) return "";  // disabled by configuration: cannot tell
    // Without a reason it hides nothing anyway, and TL002 already points at that
    // line: one finding per fault.
    if (!HasReason(s)) return "";
    for (const Finding& f : review.findings) {
      if (f.rule == id && f.resource == node.address) return "";
    }
    return "matches no finding: " + id + " does not fire on " + node.address +
           " (fixed, or the suppression is on the wrong resource): remove it";
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL003() { return std::make_unique<SuppressionUnused>(); }

}  // namespace trustlint
