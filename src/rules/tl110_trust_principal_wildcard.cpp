// TL110 trust-principal-wildcard: a trust statement allows principal `*` (any form)
// with no condition that limits who.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "check/context.h"
#include "check/rule.h"

namespace trustlint {
namespace {

// Values a condition key could carry in some request. A condition that holds for
// all of them and for the key being absent does not limit who can assume the role
// (e.g. `StringLikeIfExists: {aws:PrincipalArn: "*"}`). A probe is not a proof, which
// is why only conditions that hold for every probe are treated as no condition.
constexpr std::array<std::string_view, 13> kProbeValues = {
    "",
    "*",
    "trustlint-probe",
    "111122223333",
    "arn:aws:iam::111122223333:root",
    "arn:aws:sts::111122223333:assumed-role/probe/session",
    "o-trustlintprobe",
    "true",
    "false",
    "0",
    "1",
    "2026-01-01T00:00:00Z",
    "203.0.113.7",
};

// The wildcard principal of the statement, as written, or "" when it has none.
std::string WildcardPrincipal(const Statement& statement) {
  if (statement.not_principal) return "NotPrincipal";  // Allow + NotPrincipal: all but a few
  for (const Principal& p : statement.principals) {
    if (p.type == "*") return "Principal \"*\"";
    if (!p.value.unknown && p.value.text == "*") return "Principal {\"" + p.type + "\": \"*\"}";
  }
  return "";
}

bool ConditionAlwaysTrue(const Condition& condition) {
  for (const PolicyString& v : condition.values) {
    if (v.unknown) return false;  // an unresolved value may well limit who
  }
  Request request;
  request.principal_type = "AWS";
  request.principal = "arn:aws:iam::111122223333:root";
  request.action = "sts:AssumeRole";
  if (!ConditionHolds(condition, request)) return false;  // key absent
  for (std::string_view probe : kProbeValues) {
    request.context[condition.key_lower] = {std::string(probe)};
    if (!ConditionHolds(condition, request)) return false;
  }
  return true;
}

std::string JoinActions(const Statement& statement) {
  std::string out;
  for (const PolicyString& a : statement.actions) {
    if (!out.empty()) out += ", ";
    out += a.display;
  }
  if (statement.not_action) out = "every action except " + out;
  return out.empty() ? "(no action)" : out;
}

class TrustPrincipalWildcard final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL110",
        .name = "trust-principal-wildcard",
        .severity = Severity::kError,
        .summary = "a trust statement allows principal `*` (any form) with no condition that limits who",
        .explanation =
            "A role's trust policy decides who may obtain its credentials. A statement that allows "
            "`Principal: \"*\"`, `{\"AWS\": \"*\"}`, `{\"Federated\": \"*\"}` (or any other type with `*`), "
            "or that allows everyone through `NotPrincipal`, lets any principal of any AWS account, "
            "and for `Federated` any web identity, assume the role, unless a condition narrows it "
            "down. A condition that every request satisfies (for example "
            "`StringLikeIfExists: {aws:PrincipalArn: \"*\"}`) narrows nothing.\n\n"
            "This rule applies to every role, not only to identity-pool roles: a role that trusts "
            "everyone hands its permissions to the whole internet.",
        .fix =
            "Name the principals that should assume the role (an account, a role ARN, or "
            "`Federated: cognito-identity.amazonaws.com`), or keep `*` and add a condition that "
            "limits who, such as `aws:PrincipalOrgID`, `aws:PrincipalAccount`, or for identity pools "
            "`cognito-identity.amazonaws.com:aud` equal to your pool ID.",
        .seed =
            "In basic, or classic, authentication with an identity pool, you can assume any IAM role "
            "with AWS STS if it has the right trust policy. IAM roles for Amazon Cognito identity "
            "pools trust the service principal cognito-identity.amazonaws.com to assume the role. "
            "This configuration is not sufficient to secure your IAM roles against unintended access "
            "to resources. Roles of this type must apply an additional condition to the role trust "
            "policy.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const Role& role = graph.roles[i];
      const PolicyDocument& trust = ctx.Trust(static_cast<int>(i));
      for (const Statement& statement : trust.statements) {
        if (!statement.allow) continue;
        const std::string principal = WildcardPrincipal(statement);
        if (principal.empty()) continue;
        if (!AllConditionsAlwaysTrue(statement)) continue;
        out.push_back(MakeFinding(role, statement, principal));
      }
    }
  }

 private:
  static bool AllConditionsAlwaysTrue(const Statement& statement) {
    for (const Condition& c : statement.conditions) {
      if (!ConditionAlwaysTrue(c)) return false;
    }
    return true;
  }

  Finding MakeFinding(const Role& role, const Statement& statement, const std::string& principal) const {
    Finding f = NewFinding();
    f.resource = role.address;
    f.loc = statement.loc.Known() ? statement.loc : role.loc;
    f.logical_path = statement.path;
    const std::string why = statement.conditions.empty()
                                ? "with no condition"
                                : "with conditions that hold for every request (they limit no one)";
    f.message = "role " + role.address + " trust statement " + std::to_string(statement.index) + " allows " +
                principal + " to call " + JoinActions(statement) + " " + why +
                ": any principal of any account can assume it";
    f.AddWitness("principal", principal);
    if (statement.conditional) {
      f.proven = false;
      f.possible_because = "the statement is present only in one branch of an undecided Fn::If";
    }
    return f;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL110() { return std::make_unique<TrustPrincipalWildcard>(); }

}  // namespace trustlint
