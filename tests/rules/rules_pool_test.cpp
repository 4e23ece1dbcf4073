// Unit tests for TL105, TL106, TL107, TL108, TL301, TL302: whole messages, and the
// branches the CloudFormation fixtures cannot reach (two literal accounts, Fn::If).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "check/context.h"
#include "frontend/scan.h"
#include "rules/registry.h"

using namespace trustlint;

namespace {

Graph FromYaml(const std::string& text) {
  GraphBuilder builder;
  LoadCloudFormationText("t.yaml", text, builder);
  return builder.Link();
}

std::vector<Finding> Run(const std::string& id, const Graph& graph) {
  const Rule* rule = FindRule(id);
  REQUIRE(rule != nullptr);
  AnalysisContext ctx(graph);
  std::vector<Finding> out;
  rule->Check(ctx, out);
  return out;
}

std::string WitnessValue(const Finding& f, const std::string& key) {
  for (const WitnessField& w : f.witness) {
    if (w.key == key) return w.values.empty() ? "" : w.values.front();
  }
  return "(none)";
}

const char* kTrust = R"(
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              ForAnyValue:StringLike: {"cognito-identity.amazonaws.com:amr": authenticated}
)";

// A pool, one role with `trust`, and an attachment whose Roles block is `roles`.
std::string Template(const std::string& pool_props, const std::string& roles, const std::string& trust = kTrust) {
  return "Resources:\n"
         "  Pool:\n"
         "    Type: AWS::Cognito::IdentityPool\n"
         "    Properties:\n" +
         pool_props +
         "  AppRole:\n"
         "    Type: AWS::IAM::Role\n"
         "    Properties:\n"
         "      RoleName: app\n" +
         trust +
         "  Attach:\n"
         "    Type: AWS::Cognito::IdentityPoolRoleAttachment\n"
         "    Properties:\n"
         "      IdentityPoolId: !Ref Pool\n"
         "      Roles:\n" +
         roles;
}

}  // namespace

TEST_CASE("TL301: guests enabled, named with the role they get; Fn::If is possible") {
  Graph g = FromYaml(Template("      AllowUnauthenticatedIdentities: true\n",
                              "        unauthenticated: !GetAtt AppRole.Arn\n"));
  std::vector<Finding> f = Run("TL301", g);
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "identity pool Pool allows unauthenticated identities (AllowUnauthenticatedIdentities is true): anyone "
        "who can reach the app can get guest credentials for its unauthenticated role (AppRole)");
  CHECK(f[0].proven);
  CHECK(f[0].loc.line == 5);
  REQUIRE(f[0].related.size() == 1);
  CHECK(f[0].related[0].message == "guests get role AppRole (unauthenticated role of Attach)");

  Graph maybe = FromYaml("Conditions:\n  Prod: !Equals [!Ref Env, prod]\nParameters:\n  Env: {Type: String}\n" +
                         Template("      AllowUnauthenticatedIdentities: !If [Prod, false, true]\n",
                                  "        authenticated: !GetAtt AppRole.Arn\n"));
  f = Run("TL301", maybe);
  REQUIRE(f.size() == 1);
  CHECK_FALSE(f[0].proven);
  CHECK_FALSE(f[0].possible_because.empty());

  Graph both_false = FromYaml("Conditions:\n  Prod: !Equals [!Ref Env, prod]\nParameters:\n  Env: {Type: String}\n" +
                              Template("      AllowUnauthenticatedIdentities: !If [Prod, false, false]\n",
                                       "        authenticated: !GetAtt AppRole.Arn\n"));
  CHECK(Run("TL301", both_false).empty());
}

TEST_CASE("TL302: classic flow on is a warning with the consequence; off or absent is silent") {
  Graph g = FromYaml(Template("      AllowClassicFlow: \"true\"\n", "        authenticated: !GetAtt AppRole.Arn\n"));
  std::vector<Finding> f = Run("TL302", g);
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kWarning);
  CHECK(f[0].message ==
        "identity pool Pool enables the basic (classic) flow (AllowClassicFlow is true): its identities can "
        "call AssumeRoleWithWebIdentity themselves on any role, in any account, whose trust policy admits the "
        "pool's token, bypassing role mappings and the guest scope-down policy");
  CHECK(Run("TL302", FromYaml(Template("      AllowClassicFlow: false\n",
                                       "        authenticated: !GetAtt AppRole.Arn\n")))
            .empty());
}

TEST_CASE("TL105: one role for guests and signed-in users") {
  Graph g = FromYaml(Template("      AllowUnauthenticatedIdentities: true\n",
                              "        authenticated: !GetAtt AppRole.Arn\n"
                              "        unauthenticated: !GetAtt AppRole.Arn\n"));
  std::vector<Finding> f = Run("TL105", g);
  REQUIRE(f.size() == 1);
  CHECK(f[0].resource == "AppRole");
  CHECK(f[0].message ==
        "role AppRole is both the authenticated and the unauthenticated role of pool Pool: guests (amr "
        "[\"unauthenticated\"]) get every permission meant for signed-in users");
  REQUIRE(f[0].related.size() == 2);
  CHECK(f[0].related[0].message == "attached as authenticated role by Attach");
  CHECK(f[0].related[1].message == "attached as unauthenticated role by Attach");
  CHECK(f[0].proven);

  SUBCASE("an undecided Fn::If makes it possible") {
    Graph maybe = FromYaml("Conditions:\n  Prod: !Equals [!Ref Env, prod]\nParameters:\n  Env: {Type: String}\n" +
                           Template("      AllowUnauthenticatedIdentities: true\n",
                                    "        authenticated: !GetAtt AppRole.Arn\n"
                                    "        unauthenticated: !If [Prod, !Ref AWS::NoValue, !GetAtt AppRole.Arn]\n"));
    for (const Finding& x : Run("TL105", maybe)) CHECK_FALSE(x.proven);
  }
  SUBCASE("different roles are fine") {
    Graph ok = FromYaml(Template("      AllowUnauthenticatedIdentities: true\n",
                                 "        authenticated: !GetAtt AppRole.Arn\n"
                                 "        unauthenticated: arn:aws:iam::111122223333:role/guest\n"));
    CHECK(Run("TL105", ok).empty());
  }
}

TEST_CASE("TL106: whole messages per branch") {
  auto trust_with = [](const std::string& effect, const std::string& condition) {
    return "      AssumeRolePolicyDocument:\n"
           "        Statement:\n"
           "          - Effect: " +
           effect +
           "\n"
           "            Principal: {Federated: cognito-identity.amazonaws.com}\n"
           "            Action: sts:AssumeRoleWithWebIdentity\n"
           "            Condition:\n"
           "              " +
           condition + "\n";
  };
  auto run = [&](const std::string& effect, const std::string& condition) {
    return Run("TL106", FromYaml(Template("      AllowUnauthenticatedIdentities: false\n",
                                          "        authenticated: !GetAtt AppRole.Arn\n",
                                          trust_with(effect, condition))));
  };

  std::vector<Finding> f = run("Allow", R"(StringLike: {"cognito-identity.amazonaws.com:amr": "*authenticated"})");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "Allow statement 0: condition StringLike \"*authenticated\" on cognito-identity.amazonaws.com:amr tests "
        "the multivalued amr key without ForAnyValue:; IAM reads it as \"some amr value matches\", and "
        "\"*authenticated\" also matches \"unauthenticated\", so a guest token with amr [\"unauthenticated\"] "
        "passes it");
  CHECK(WitnessValue(f[0], "amr") == "unauthenticated");

  f = run("Allow", R"(StringEquals: {"cognito-identity.amazonaws.com:amr": authenticated})");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "Allow statement 0: condition StringEquals \"authenticated\" on cognito-identity.amazonaws.com:amr "
        "tests the multivalued amr key without ForAnyValue:; IAM reads it as \"some amr value matches\", which "
        "the policy does not say; write ForAnyValue:StringEquals to say it");

  f = run("Deny", R"(StringNotEquals: {"cognito-identity.amazonaws.com:amr": authenticated})");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "Deny statement 0: condition StringNotEquals \"authenticated\" on cognito-identity.amazonaws.com:amr "
        "tests the multivalued amr key without ForAnyValue:; IAM reads a plain negated operator on a "
        "multivalued key as \"no amr value matches\", which the policy does not say; write "
        "ForAllValues:StringNotEquals to say it");

  f = run("Allow", R"(ForAllValues:StringNotLike: {"cognito-identity.amazonaws.com:amr": unauthenticated})");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("ForAllValues: is true when amr is absent or empty") != std::string::npos);
  CHECK(f[0].message.find("test the amr values to admit with ForAnyValue:StringLike instead") != std::string::npos);

  f = run("Allow", R"(ForAnyValue:StringEquals: {"cognito-identity.amazonaws.com:sub": "us-east-1:x"})");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "Allow statement 0: condition ForAnyValue:StringEquals \"us-east-1:x\" on "
        "cognito-identity.amazonaws.com:sub uses a set prefix on the single-valued sub key: it matches only "
        "while the key is present and hides which values are meant; use plain StringEquals");

  CHECK(run("Allow", R"(ForAnyValue:StringLike: {"cognito-identity.amazonaws.com:amr": authenticated})").empty());
  CHECK(run("Allow", R"("Null": {"cognito-identity.amazonaws.com:amr": "false"})").empty());
  CHECK(run("Deny", R"(ForAllValues:StringNotLike: {"cognito-identity.amazonaws.com:amr": "*"})").empty());
  CHECK(run("Allow", R"(StringEquals: {"cognito-identity.amazonaws.com:aud": us-east-1:x})").empty());
}

TEST_CASE("TL106: a managed policy attached to two roles is reported once, on the policy") {
  Graph g = FromYaml(R"(Resources:
  RoleA:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      ManagedPolicyArns: [!Ref Shared]
  RoleB:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      ManagedPolicyArns: [!Ref Shared]
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: "*"
            Condition:
              StringLike: {"cognito-identity.amazonaws.com:amr": authenticated}
)");
  std::vector<Finding> f = Run("TL106", g);
  REQUIRE(f.size() == 1);
  CHECK(f[0].resource == "Shared");
}

TEST_CASE("TL108: literal accounts decide; a literal against AWS::AccountId is possible") {
  const std::string roles = "        authenticated: arn:aws:iam::111122223333:role/partner\n";
  Graph g = FromYaml(Template("      AllowUnauthenticatedIdentities: false\n", roles));
  std::vector<Finding> f = Run("TL108", g);
  REQUIRE(f.size() == 1);
  CHECK(f[0].resource == "Attach");
  CHECK_FALSE(f[0].proven);
  CHECK(f[0].possible_because == "the pool's account ⟨AWS::AccountId⟩ is known only at deploy time (the role's is "
                                 "111122223333)");

  g.pools[0].account = Value::String("444455556666");
  f = Run("TL108", g);
  REQUIRE(f.size() == 1);
  CHECK(f[0].proven);
  CHECK(f[0].message ==
        "attachment Attach gives pool Pool (account 444455556666) the authenticated role "
        "\"arn:aws:iam::111122223333:role/partner\" of account 111122223333: the enhanced flow "
        "(GetCredentialsForIdentity) only hands out roles of the pool's own account, so these users get no "
        "credentials");
  CHECK(WitnessValue(f[0], "role_account") == "111122223333");

  g.pools[0].account = Value::String("111122223333");
  CHECK(Run("TL108", g).empty());

  SUBCASE("a role of the scan in another account, attached with GetAtt") {
    Graph linked = FromYaml(Template("      AllowUnauthenticatedIdentities: false\n",
                                     "        authenticated: !GetAtt AppRole.Arn\n"));
    CHECK(Run("TL108", linked).empty());  // same stack, same account
    linked.roles[0].account = Value::String("111122223333");
    linked.pools[0].account = Value::String("444455556666");
    f = Run("TL108", linked);
    REQUIRE(f.size() == 1);
    CHECK(f[0].proven);
    CHECK(f[0].message.find("the authenticated role AppRole of account 111122223333") != std::string::npos);
  }
}

TEST_CASE("TL107: cross-account role without aud; with aud it is fine") {
  Graph g = FromYaml(Template("      AllowUnauthenticatedIdentities: false\n",
                              "        authenticated: !GetAtt AppRole.Arn\n"));
  CHECK(Run("TL107", g).empty());  // same account
  g.roles[0].account = Value::String("111122223333");
  g.pools[0].account = Value::String("444455556666");
  std::vector<Finding> f = Run("TL107", g);
  REQUIRE(f.size() == 1);
  CHECK(f[0].resource == "AppRole");
  CHECK(f[0].proven);
  CHECK(f[0].message ==
        "role AppRole (account 111122223333) is attached by pool Pool of account 444455556666 and its trust "
        "policy has no cognito-identity.amazonaws.com:aud condition: STS refuses cross-account "
        "AssumeRoleWithWebIdentity from an identity pool to a role without one, so these users cannot assume "
        "it, and the trust does not say which pools it accepts");
  REQUIRE(f[0].related.size() == 2);
  CHECK(f[0].related[0].message == "attached as authenticated role by Attach");

  const std::string with_aud = R"(
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {"cognito-identity.amazonaws.com:aud": us-east-1:12345678-abcd-abcd-abcd-123456790ab}
)";
  Graph ok = FromYaml(Template("      AllowUnauthenticatedIdentities: false\n",
                               "        authenticated: !GetAtt AppRole.Arn\n", with_aud));
  ok.roles[0].account = Value::String("111122223333");
  ok.pools[0].account = Value::String("444455556666");
  CHECK(Run("TL107", ok).empty());
}
