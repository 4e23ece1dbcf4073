// TL302 classic-flow-enabled: a pool enables the basic (classic) authentication flow.
#include <optional>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "rules/pool_settings.h"

namespace trustlint {
namespace {

class ClassicFlowEnabled final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL302",
        .name = "classic-flow-enabled",
        .severity = Severity::kWarning,
        .summary = "a pool enables the basic (classic) flow",
        .explanation =
            "In the enhanced flow (`GetCredentialsForIdentity`) Cognito picks the role: the pool's "
            "authenticated or unauthenticated role, or the one a role mapping chooses, always in the "
            "pool's own account, and guests get the scope-down session policies.\n\n"
            "`AllowClassicFlow: true` (Terraform: `allow_classic_flow = true`) also turns on the basic "
            "flow: the client gets an OpenID token from `GetOpenIdToken` and calls "
            "`sts:AssumeRoleWithWebIdentity` itself, naming *any* role in *any* account. Only the "
            "role's trust policy stands between the token and the role, role mappings are bypassed, "
            "and no scope-down is applied, so guests get every permission of any role that admits "
            "them. A trust policy that is slightly too broad (a missing `amr` condition, `amr` tested "
            "without `ForAnyValue:`) becomes directly exploitable.",
        .fix =
            "Turn the basic flow off (`AllowClassicFlow: false`, or remove the property: the default "
            "is false) and have clients use `GetCredentialsForIdentity`. If a client still needs it, "
            "make sure every role that trusts `cognito-identity.amazonaws.com` tests "
            "`cognito-identity.amazonaws.com:aud` for your pool and "
            "`ForAnyValue:StringLike` on `cognito-identity.amazonaws.com:amr`, and suppress this "
            "warning with the reason.",
        .seed =
            "In basic, or classic, authentication with an identity pool, you can assume any IAM role "
            "with AWS STS if it has the right trust policy.\n\n"
            "Enhanced-flow authentication requires that the IAM role be in the same AWS account as the "
            "identity pool, but this isn't the case in basic authentication.\n\n"
            "In the basic (classic) flow, you make your own AssumeRoleWithWebIdentity API request, and "
            "can apply these restrictions to the request. As a best security practice, don't assign "
            "any permissions above this scope-down policy to unauthenticated users.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    for (const IdentityPool& pool : ctx.graph().pools) {
      if (pool.external) continue;  // its settings are not in the scan: nothing to report on them
      const Setting setting = ReadSetting(pool.allow_classic_flow);
      if (setting.state == Setting::State::kOff) continue;
      out.push_back(MakeFinding(pool, setting));
    }
  }

 private:
  Finding MakeFinding(const IdentityPool& pool, const Setting& setting) const {
    const std::string property = IsCloudFormation(pool) ? "AllowClassicFlow" : "allow_classic_flow";
    Finding f = NewFinding();
    f.resource = pool.address;
    f.loc = pool.allow_classic_flow.loc.Known() ? pool.allow_classic_flow.loc : pool.loc;
    f.logical_path = pool.allow_classic_flow.path.empty() ? pool.path : pool.allow_classic_flow.path;
    const std::string consequence =
        "its identities can call AssumeRoleWithWebIdentity themselves on any role, in any account, whose "
        "trust policy admits the pool's token, bypassing role mappings and the guest scope-down policy";
    if (setting.state == Setting::State::kOn) {
      f.message = "identity pool " + pool.address + " enables the basic (classic) flow (" + property +
                  " is true): " + consequence;
    } else {
      f.proven = false;
      f.possible_because = setting.why;
      f.message = "identity pool " + pool.address + " may enable the basic (classic) flow (" + property +
                  " is not known: " + setting.why + "); if it does, " + consequence;
    }
    return f;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL302() { return std::make_unique<ClassicFlowEnabled>(); }

}  // namespace trustlint
