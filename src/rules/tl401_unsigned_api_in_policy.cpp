// TL401 unsigned-api-in-policy: an identity-based policy or permissions boundary names a
// Cognito API that is called without AWS credentials, so IAM never evaluates it there.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/catalogue.h"
#include "rules/tl40x_common.h"

namespace trustlint {
namespace {

// The second seed's list of unsigned APIs, verbatim.
constexpr std::array<std::string_view, 25> kUnsignedApis = {
    "cognito-identity:GetId",
    "cognito-identity:GetOpenIdToken",
    "cognito-identity:GetCredentialsForIdentity",
    "cognito-identity:UnlinkIdentity",
    "cognito-idp:ChangePassword",
    "cognito-idp:ConfirmDevice",
    "cognito-idp:ConfirmForgotPassword",
    "cognito-idp:ConfirmSignUp",
    "cognito-idp:DeleteUser",
    "cognito-idp:DeleteUserAttributes",
    "cognito-idp:ForgetDevice",
    "cognito-idp:ForgotPassword",
    "cognito-idp:GetDevice",
    "cognito-idp:GetUser",
    "cognito-idp:GetUserAttributeVerificationCode",
    "cognito-idp:GlobalSignOut",
    "cognito-idp:InitiateAuth",
    "cognito-idp:ListDevices",
    "cognito-idp:ResendConfirmationCode",
    "cognito-idp:RespondToAuthChallenge",
    "cognito-idp:SetUserSettings",
    "cognito-idp:SignUp",
    "cognito-idp:UpdateDeviceStatus",
    "cognito-idp:UpdateUserAttributes",
    "cognito-idp:VerifyUserAttribute",
};

// The unsigned APIs one Action/NotAction entry names. An exact name always counts. A glob
// counts only in an Action of a Deny and only with a literal Cognito service prefix: an
// Allow of `cognito-idp:*` is meant for the signed APIs and is fine, while a Deny of it
// looks like it blocks SignUp and does not; `*` is not about Cognito at all.
std::vector<std::string> UnsignedNamed(const Statement& s, const PolicyString& action) {
  std::vector<std::string> named;
  const std::string_view text = action.text;
  const bool glob = HasIamWildcard(text);
  if (glob) {
    const std::size_t colon = text.find(':');
    if (!s.allow && !s.not_action && colon != std::string_view::npos && !HasIamWildcard(text.substr(0, colon))) {
      for (std::string_view api : kUnsignedApis) {
        if (IamGlobMatch(text, api, true)) named.emplace_back(api);
      }
    }
    return named;
  }
  for (std::string_view api : kUnsignedApis) {
    if (IamGlobMatch(text, api, true)) named.emplace_back(api);
  }
  return named;
}

class UnsignedApiInPolicy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL401",
        .name = "unsigned-api-in-policy",
        .severity = Severity::kWarning,
        .summary = "an identity-based policy or permissions boundary names an unsigned Cognito API; IAM "
                   "cannot restrict it there, so the statement has no effect for it",
        .explanation =
            "Some Cognito APIs are called without AWS credentials: `cognito-identity:GetId`, "
            "`GetOpenIdToken`, `GetCredentialsForIdentity`, `UnlinkIdentity`, and the user-pool APIs a "
            "signed-out or token-holding user calls (`cognito-idp:SignUp`, `InitiateAuth`, "
            "`ForgotPassword`, `GetUser`, ...). No IAM principal makes those requests, so no "
            "identity-based policy or permissions boundary is ever evaluated for them. An Allow of "
            "them grants nothing; a Deny of them blocks nothing. A template that denies "
            "`cognito-idp:SignUp` to stop self-registration leaves self-registration open.\n\n"
            "trustlint reports:\n\n"
            "- every exact unsigned API name in `Action` or `NotAction` of any statement;\n"
            "- a glob with a literal Cognito service prefix (`cognito-idp:*`, `cognito-idp:Sign*`) "
            "only in the `Action` of a **Deny**: the author of such a Deny usually believes it covers "
            "the unsigned APIs it matches. An Allow of `cognito-idp:*` is written for the signed APIs "
            "and does what it says for them, so it is not reported; `*` and globs over the service "
            "name are not about Cognito and are not reported either.\n\n"
            "Resource control policies (`AWS::Organizations::Policy` or `aws_organizations_policy` of "
            "type `RESOURCE_CONTROL_POLICY`) apply to the resource and can deny unsigned APIs: they "
            "are exempt. Trust policies are not permissions policies and are not checked.",
        .fix =
            "Remove the unsigned APIs from identity-based policies. Control them where they are "
            "enforced: user-pool settings (disable self-registration with "
            "`AdminCreateUserConfig.AllowAdminCreateUserOnly`, app-client auth flows), a Lambda "
            "trigger (pre sign-up, pre authentication), AWS WAF on the user pool, identity-pool "
            "settings (`AllowUnauthenticatedIdentities`, `AllowClassicFlow`), or a resource control "
            "policy.",
        .seed =
            "APIs that are signed with AWS credentials are capable of being restricted via an IAM "
            "policy. The following Cognito APIs are unsigned, and therefore cannot be restricted via an "
            "IAM policy: ... GetId, GetOpenIdToken, GetCredentialsForIdentity, UnlinkIdentity ... "
            "ChangePassword, ConfirmDevice, ConfirmForgotPassword, ConfirmSignUp, DeleteUser, "
            "DeleteUserAttributes, ForgetDevice, ForgotPassword, GetDevice, GetUser, "
            "GetUserAttributeVerificationCode, GlobalSignOut, InitiateAuth, ListDevices, "
            "ResendConfirmationCode, RespondToAuthChallenge, SetUserSettings, SignUp, "
            "UpdateDeviceStatus, UpdateUserAttributes, VerifyUserAttribute",
        .seed_pages = {SeedPage::kCognitoIam},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    tl40x::ForEachPermissionsStatement(ctx, [&](const tl40x::StatementSite& site) {
      if (site.resource_control_policy) return;
      const Statement& s = site.statement;
      std::vector<std::string> named;
      const PolicyString* first = nullptr;
      for (const PolicyString& action : s.actions) {
        if (action.unknown) continue;
        for (std::string& api : UnsignedNamed(s, action)) {
          if (first == nullptr) first = &action;
          if (std::find(named.begin(), named.end(), api) == named.end()) named.push_back(std::move(api));
        }
      }
      if (first == nullptr) return;
      Finding f = NewFinding();
      f.resource = site.owner;
      f.loc = first->loc.Known() ? first->loc : s.loc;
      f.logical_path = s.path;
      f.message = tl40x::StatementLabel(s) + (s.not_action ? " excludes" : " names") + " the unsigned Cognito API" +
                  (named.size() > 1 ? "s " : " ") + tl40x::JoinList(named) + (named.size() > 1 ? ": they are" : ": it is") +
                  " called without AWS credentials, so IAM never evaluates this policy for " +
                  (named.size() > 1 ? "them" : "it") + " and the " + (s.allow ? "Allow grants" : "Deny blocks") +
                  " nothing there";
      f.AddWitnessList("actions", named);
      tl40x::MarkConditional(s, f);
      out.push_back(std::move(f));
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL401() { return std::make_unique<UnsignedApiInPolicy>(); }

}  // namespace trustlint
