// TL002: a suppression that gives no reason. It does not hide its finding, and
// this rule says so, so that every accepted risk in a repository is explained.
#include <memory>

#include "check/context.h"
#include "check/rule.h"
#include "check/suppression.h"

namespace trustlint {
namespace {

const RuleInfo kInfo{
    .id = "TL002",
    .name = "suppression-without-reason",
    .severity = Severity::kWarning,
    .summary = "a trustlint suppression (comment or Metadata) gives no reason, so it suppresses nothing",
    .explanation =
        "A suppression records an accepted risk. Without a reason, the next reader cannot tell a deliberate "
        "exception from a silenced alarm, and an auditor cannot review it. trustlint therefore ignores a "
        "suppression that has no reason: the finding it names stays visible and fails the run as before, and "
        "this rule points at the suppression.",
    .fix =
        "Say why the finding is acceptable after `--` in the comment form, "
        "`# trustlint:ignore TL104 -- guests never reach this role: the pool's basic flow is off`, or in "
        "the `reason` field of the CloudFormation Metadata form. If there is no good reason, remove the "
        "suppression and fix the finding.",
    .seed =
        "A suppression without a reason is itself reported. Suppressed findings stay in JSON and SARIF, "
        "marked.\n(trustlint specification, section 8: Suppressions, baseline, configuration)",
};

class SuppressionWithoutReason : public Rule {
 public:
  const RuleInfo& Info() const override { return kInfo; }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& g = ctx.graph();
    CheckNodes(g.pools, out);
    CheckNodes(g.attachments, out);
    CheckNodes(g.roles, out);
    CheckNodes(g.policies, out);
  }

 private:
  template <typename T>
  void CheckNodes(const std::vector<T>& nodes, std::vector<Finding>& out) const {
    for (const Node& node : nodes) {
      for (const Suppression& s : node.suppressions) {
        if (HasReason(s)) continue;
        Finding f = NewFinding();
        f.resource = node.address;
        f.loc = s.loc.file.empty() ? node.loc : s.loc;
        f.logical_path = node.path;
        f.message = "suppression of " + s.rule + " on " + node.address + " has no reason: write \"# trustlint:ignore " +
                    s.rule + " -- why\" or Metadata reason; the finding stays unsuppressed";
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL002() { return std::make_unique<SuppressionWithoutReason>(); }

}  // namespace trustlint
