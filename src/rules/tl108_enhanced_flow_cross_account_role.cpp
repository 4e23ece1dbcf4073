// TL108 enhanced-flow-cross-account-role: a pool attaches a role of another account; the
// enhanced flow only hands out roles of the pool's own account.
#include <optional>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "rules/accounts.h"

namespace trustlint {
namespace {

std::string RoleDisplay(const Graph& graph, const RoleRef& ref) {
  if (ref.role >= 0) return graph.roles[ref.role].address;
  if (ref.value->IsString()) return "\"" + RenderForDisplay(ref.value->parts) + "\"";
  return "(unresolved role)";
}

class EnhancedFlowCrossAccountRole final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL108",
        .name = "enhanced-flow-cross-account-role",
        .severity = Severity::kError,
        .summary = "a pool attaches a role of another account (enhanced flow requires the same account)",
        .explanation =
            "In the enhanced flow (`GetCredentialsForIdentity`, what the AWS SDKs and Amplify use) "
            "Cognito assumes the role for the user, and only a role in the identity pool's own "
            "account works. A role attachment that names a role of another account (by its ARN, or a "
            "role resource deployed to another account) fails at sign-in: these users get no "
            "credentials.\n\n"
            "The only way such a role can be used is the basic (classic) flow, where the client calls "
            "`AssumeRoleWithWebIdentity` itself; that needs `AllowClassicFlow` (TL302) and an `aud` "
            "condition in the role's trust policy (TL107).\n\n"
            "When the role ARN names a literal account and the pool's account is only known at deploy "
            "time (`AWS::AccountId`), the finding is *possible*: it holds unless the stack is deployed "
            "to that very account.",
        .fix =
            "Attach a role from the pool's own account: create it in the same stack and use "
            "`!GetAtt Role.Arn`, or build the ARN from `${AWS::AccountId}`. To grant access to "
            "another account's resources, give the same-account role permissions on them (resource "
            "policies), or have the app call `sts:AssumeRole` into the other account.",
        .seed =
            "Enhanced-flow authentication requires that the IAM role be in the same AWS account as the "
            "identity pool, but this isn't the case in basic authentication.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (const RoleAttachment& a : graph.attachments) {
      // An attachment lives in its pool's account; it stands in when the pool is not in the scan.
      const Value& pool_account = a.pool_id >= 0 ? graph.pools[a.pool_id].account : a.account;
      for (const RoleRef& ref : RefsOf(a)) {
        const Value role_account = RoleAccount(graph, ref);
        const AccountMatch match = CompareAccounts(role_account, pool_account);
        if (match.is != AccountMatch::Is::kDifferent && match.is != AccountMatch::Is::kUnknown) continue;
        Finding f = MakeFinding(graph, a, ref, role_account, pool_account, match);
        f.MarkPossible(AnalysisContext::ConditionalReason(a));
        out.push_back(std::move(f));
      }
    }
  }

 private:
  Finding MakeFinding(const Graph& graph, const RoleAttachment& a, const RoleRef& ref, const Value& role_account,
                      const Value& pool_account, const AccountMatch& match) const {
    const std::string pool = a.pool_id >= 0 ? "pool " + graph.pools[a.pool_id].address : "its pool";
    const std::string role = ref.as + " role " + RoleDisplay(graph, ref);
    const std::string consequence =
        ": the enhanced flow (GetCredentialsForIdentity) only hands out roles of the pool's own account, so "
        "these users get no credentials";
    Finding f = NewFinding();
    f.resource = a.address;
    f.loc = ref.value->loc.Known() ? ref.value->loc : a.loc;
    f.logical_path = ref.value->path.empty() ? a.path : ref.value->path;
    if (match.is == AccountMatch::Is::kDifferent) {
      f.message = "attachment " + a.address + " gives " + pool + " (account " + DisplayAccount(pool_account) +
                  ") the " + role + " of account " + DisplayAccount(role_account) + consequence;
    } else {
      f.proven = false;
      f.possible_because = match.why;
      f.message = "attachment " + a.address + " gives " + pool + " the " + role + " of account " +
                  DisplayAccount(role_account) + ", which may not be the pool's account " +
                  DisplayAccount(pool_account) + consequence;
    }
    f.AddWitness("role_account", DisplayAccount(role_account));
    f.AddWitness("pool_account", DisplayAccount(pool_account));
    if (a.pool_id >= 0) f.AddRelated(graph.pools[a.pool_id].loc, "identity pool " + graph.pools[a.pool_id].address);
    if (ref.role >= 0) f.AddRelated(graph.roles[ref.role].loc, "role " + graph.roles[ref.role].address);
    return f;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL108() { return std::make_unique<EnhancedFlowCrossAccountRole>(); }

}  // namespace trustlint
