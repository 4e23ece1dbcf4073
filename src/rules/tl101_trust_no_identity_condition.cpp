// TL101 trust-no-identity-condition: an Allow for cognito-identity tokens constrains none of aud, amr, sub.
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/token.h"

namespace trustlint {
namespace {

// Would the statement admit an identity-pool token if it had no conditions at all?
// Asked of the concrete evaluator so principal and action globs, NotPrincipal and
// NotAction are read exactly as IAM reads them.
bool AppliesToCognitoTokens(const Statement& statement) {
  Statement unconditioned = statement;
  unconditioned.conditions.clear();
  Request request;
  request.principal_type = "Federated";
  request.principal = std::string(cognito::kFederatedPrincipal);
  request.action = std::string(cognito::kAssumeAction);
  return StatementApplies(unconditioned, request);
}

bool IsIdentityKey(const std::string& key_lower) {
  return key_lower == cognito::kAudKey || key_lower == cognito::kAmrKey || key_lower == cognito::kSubKey;
}

bool TestsIdentityKey(const Statement& statement) {
  for (const Condition& c : statement.conditions) {
    if (IsIdentityKey(c.key_lower)) return true;
  }
  return false;
}

std::string ConditionKeys(const Statement& statement) {
  std::string out;
  for (const Condition& c : statement.conditions) {
    if (!out.empty()) out += ", ";
    out += c.key;
  }
  return out;
}

class TrustNoIdentityCondition final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL101",
        .name = "trust-no-identity-condition",
        .severity = Severity::kError,
        .summary = "an Allow for cognito-identity tokens constrains none of aud, amr, sub (IAM refuses the "
                   "role; any pool's identities could use it)",
        .explanation =
            "Every identity pool in every AWS account issues tokens for the same federated principal, "
            "`cognito-identity.amazonaws.com`. A trust statement that allows that principal to call "
            "`sts:AssumeRoleWithWebIdentity` without testing `cognito-identity.amazonaws.com:aud` "
            "(which pool), `cognito-identity.amazonaws.com:amr` (signed in or guest) or "
            "`cognito-identity.amazonaws.com:sub` (which identity) does not say whose identities may "
            "assume the role. IAM refuses to create or update such a role, so the deployment fails; "
            "and were it accepted, a guest of any pool, in any account, could obtain the role's "
            "credentials through the basic flow.\n\n"
            "Conditions on other keys (`aws:SourceIp`, `sts:ExternalId`, ...) do not count: they do not "
            "limit which pool or identity the token comes from. Condition keys are compared "
            "case-insensitively, as IAM does.",
        .fix =
            "Add a `StringEquals` condition on `cognito-identity.amazonaws.com:aud` naming your pool "
            "(`!Ref IdentityPool`), and a `ForAnyValue:StringLike` condition on "
            "`cognito-identity.amazonaws.com:amr` with `authenticated` or `unauthenticated` to match "
            "how the pool uses the role.",
        .seed =
            "You must apply at least one condition that limits trust policies for roles that you use "
            "with identity pools. When you create or update role trust policies for identity pools, "
            "IAM returns an error if you try to save your changes without at least one condition key "
            "that limits source identities. AWS STS doesn't permit cross-account "
            "AssumeRoleWithWebIdentity operations from identity pools to IAM roles that lack a "
            "condition of this type.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const Role& role = graph.roles[i];
      for (const Statement& statement : ctx.Trust(static_cast<int>(i)).statements) {
        if (!statement.allow || TestsIdentityKey(statement) || !AppliesToCognitoTokens(statement)) continue;
        out.push_back(MakeFinding(role, statement));
      }
    }
  }

 private:
  Finding MakeFinding(const Role& role, const Statement& statement) const {
    Finding f = NewFinding();
    f.resource = role.address;
    f.loc = statement.loc.Known() ? statement.loc : role.loc;
    f.logical_path = statement.path;
    const std::string tested = statement.conditions.empty()
                                   ? "has no condition"
                                   : "tests only " + ConditionKeys(statement);
    f.message = "role " + role.address + " trust statement " + std::to_string(statement.index) +
                " allows federated " + std::string(cognito::kFederatedPrincipal) + " to call " +
                std::string(cognito::kAssumeAction) + " but " + tested +
                ", none of aud, amr, sub: IAM refuses to save the role, and identities of any pool in any "
                "account could assume it";
    if (statement.conditional) {
      f.proven = false;
      f.possible_because = "the statement is present only in one branch of an undecided Fn::If";
    }
    return f;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL101() { return std::make_unique<TrustNoIdentityCondition>(); }

}  // namespace trustlint
