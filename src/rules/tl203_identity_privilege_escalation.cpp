// TL203 identity-privilege-escalation: an identity-pool role allows iam:*, iam:PassRole,
// sts:AssumeRole, policy-writing IAM actions, or all actions, on `*`.
#include <algorithm>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/operators.h"
#include "policy/permissions.h"

namespace trustlint {
namespace {

// Actions that hand their caller other permissions: write IAM policies, pass or assume
// another role, or (cognito-idp:*, in AmazonCognitoPowerUser) put the caller's own user
// into a user-pool group or change the attributes that role mappings choose roles by.
bool IsEscalationAction(const ActionInfo& a) {
  const std::string name = a.FullName();
  if (a.service == "iam" && a.access == AccessLevel::kPermissionsManagement) return true;
  return name == "iam:PassRole" || name == "sts:AssumeRole" || name == "cognito-idp:AdminAddUserToGroup" ||
         name == "cognito-idp:AdminUpdateUserAttributes";
}

bool OnWildcard(const Grant& g) { return g.not_resource || g.resource.find('*') != std::string::npos; }

// iam:PassRole limited by iam:PassedToService to named AWS services (as AWS managed
// policies write it) cannot hand the caller a role.
bool LimitedPassRole(const Grant& g) {
  if (g.action->FullName() != "iam:PassRole") return false;
  for (const Condition& c : g.statement->conditions) {
    if (c.key_lower == "iam:passedtoservice" && !IsNegatedOperator(c.op)) return true;
  }
  return false;
}

bool AllActionsOnAll(const Statement& s) {
  bool star_action = false;
  for (const PolicyString& a : s.actions) star_action = star_action || a.text == "*";
  bool star_resource = false;
  for (const PolicyString& r : s.resources) star_resource = star_resource || r.text == "*";
  return s.allow && !s.not_action && star_action && !s.not_resource && star_resource;
}

class IdentityPrivilegeEscalation final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL203",
        .name = "identity-privilege-escalation",
        .severity = Severity::kError,
        .summary = "any identity-pool role allows `iam:*`, `iam:PassRole`, `sts:AssumeRole`, policy-writing IAM "
                   "actions, or all actions, on `*` (including managed `AdministratorAccess`, `IAMFullAccess`, "
                   "`AmazonCognitoPowerUser`)",
        .explanation =
            "Every app user (and, for the unauthenticated role, every visitor) receives the credentials of "
            "an identity-pool role. If that role can write IAM policies, pass or assume other roles, or "
            "administer the user pool behind the identity pool (`cognito-idp:AdminAddUserToGroup`, "
            "`cognito-idp:AdminUpdateUserAttributes`, part of `AmazonCognitoPowerUser`: join the group or "
            "set the claim that a role mapping turns into a more privileged role), an end user can turn "
            "their credentials into other permissions, up to any permission in the account. The rule looks at inline policies, attached customer managed policies and the AWS "
            "managed policies trustlint ships (`AdministratorAccess`, `IAMFullAccess`, "
            "`AmazonCognitoPowerUser`, ...), and reports grants on `*` or any wildcard resource that survive the role's Deny statements "
            "and permissions boundary for the identities the role serves (a Deny on `amr = "
            "unauthenticated` disarms a guest-only role). "
            "`iam:PassRole` limited by `iam:PassedToService` is not reported.",
        .fix =
            "Remove IAM, STS role and Cognito administration permissions from identity-pool roles; "
            "those belong to deployment roles, not app users. Attach narrow customer policies instead of "
            "`AdministratorAccess`, `IAMFullAccess` or `AmazonCognitoPowerUser`.",
        .seed =
            "The permissions that you attach to a role apply to all users who assume that role.\n\n"
            "AmazonCognitoPowerUser - Permissions for accessing and managing all aspects of your identity "
            "pools.",
        .seed_pages = {SeedPage::kIamRoles, SeedPage::kCognitoIam},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      if (ctx.IsIdentityPoolRole(role)) CheckRole(ctx, role, out);
    }
  }

 private:
  void CheckRole(AnalysisContext& ctx, int role_index, std::vector<Finding>& out) const {
    const Role& role = ctx.graph().roles[role_index];
    const RolePermissions& perms = ctx.Effective(role_index, ctx.IdentitiesOf(role_index));
    std::vector<const Grant*> escalating;
    bool all_actions = false;
    // "All actions" is judged on what survives the role's denies and boundary.
    const bool every_action = GrantsWholePattern(perms, "*");
    for (const Grant& g : perms.grants) {
      if (!OnWildcard(g)) continue;
      if (every_action && AllActionsOnAll(*g.statement)) all_actions = true;
      if (IsEscalationAction(*g.action) && !LimitedPassRole(g)) escalating.push_back(&g);
    }
    if (escalating.empty() && !all_actions) return;
    const Grant* first = nullptr;
    for (const Grant& g : perms.grants) {
      const bool counts = (all_actions && OnWildcard(g) && AllActionsOnAll(*g.statement)) ||
                          std::find(escalating.begin(), escalating.end(), &g) != escalating.end();
      if (!counts) continue;
      if (!first || GrantLocation(perms, g) < GrantLocation(perms, *first)) first = &g;
    }

    Finding f = NewFinding();
    f.resource = role.address;
    const Location at = GrantLocation(perms, *first);
    f.loc = at.Known() ? at : role.loc;
    f.logical_path = GrantPath(perms, *first).empty() ? role.path : GrantPath(perms, *first);
    const std::vector<std::string> names = ActionNames(escalating);
    f.message = "identity-pool role " + role.address + " lets its identities escalate privileges: ";
    if (all_actions) f.message += "allows all actions on \"*\"; ";
    if (!names.empty()) {
      f.message += std::to_string(names.size()) + " escalation action" + (names.size() == 1 ? "" : "s") +
                   " on a wildcard resource: " + GroupByService(names, 6);
    } else {
      f.message.resize(f.message.size() - 2);
    }
    if (!first->via.empty()) f.message += " (via " + first->via + ")";
    if (first->reduced_by) f.message += GrantOrigin(*first);
    f.AddWitness("action", (escalating.empty() ? first : escalating.front())->action->FullName());
    f.AddWitness("resource", (escalating.empty() ? first : escalating.front())->resource_display);
    if (perms.depends_on_unknown) {
      f.proven = false;
      f.possible_because = perms.unknown_reason;
    }
    for (const RoleUse& use : ctx.UsesOf(role_index)) {
      if (use.loc.Known()) f.AddRelated(use.loc, "attached by " + ctx.graph().attachments[use.attachment].address);
    }
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL203() { return std::make_unique<IdentityPrivilegeEscalation>(); }

}  // namespace trustlint
