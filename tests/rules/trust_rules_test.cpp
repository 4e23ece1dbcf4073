// The trust rules (TL001, TL101-TL104, TL110) over hand-built graphs: no front end,
// so each test states exactly the graph it means. Trust policies are JSON text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "check/context.h"
#include "rules/registry.h"

namespace trustlint {
namespace {

constexpr char kFile[] = "t.yaml";

// The pool's ID as the front ends spell it: the pool's symbol stands for the whole
// generated "<region>:<uuid>".
Value PoolId(const std::string& key) { return Value::SymbolString(Symbol{Symbol::Kind::kPoolId, key}); }

// The same ID, rendered, for writing into JSON trust policies.
std::string PoolAudText(const std::string& key) { return RenderForMatching(PoolId(key).parts); }

class GraphFixture {
 public:
  int AddPool(const std::string& name, bool allow_unauthenticated, bool classic) {
    IdentityPool pool;
    pool.key = std::string(kFile) + "#" + name;
    pool.address = name;
    pool.type = "AWS::Cognito::IdentityPool";
    pool.loc = {kFile, 2, 3};
    pool.allow_unauthenticated = Value::Bool(allow_unauthenticated);
    pool.allow_classic_flow = Value::Bool(classic);
    pool.id = PoolId(pool.key);
    graph.pools.push_back(pool);
    return static_cast<int>(graph.pools.size()) - 1;
  }

  int AddRole(const std::string& name, const std::string& trust_json, int line = 10) {
    Role role;
    role.key = std::string(kFile) + "#" + name;
    role.address = name;
    role.type = "AWS::IAM::Role";
    role.loc = {kFile, line, 3};
    role.trust_policy = Value::String(trust_json, Location{kFile, line + 3, 9});
    graph.roles.push_back(role);
    return static_cast<int>(graph.roles.size()) - 1;
  }

  void Attach(int pool, int authenticated, int unauthenticated) {
    RoleAttachment a;
    a.key = std::string(kFile) + "#RoleAttachment";
    a.address = "RoleAttachment";
    a.type = "AWS::Cognito::IdentityPoolRoleAttachment";
    a.loc = {kFile, 40, 3};
    a.pool_id = pool;
    a.authenticated_role = authenticated;
    a.unauthenticated_role = unauthenticated;
    a.authenticated.loc = {kFile, 44, 24};
    a.unauthenticated.loc = {kFile, 45, 26};
    graph.attachments.push_back(a);
  }

  std::vector<Finding> Run(const std::string& rule_id) const {
    const Rule* rule = FindRule(rule_id);
    REQUIRE(rule != nullptr);
    AnalysisContext ctx(graph);
    std::vector<Finding> out;
    rule->Check(ctx, out);
    return out;
  }

  Graph graph;
};

std::string CognitoTrust(const std::string& condition_json) {
  std::string out =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
      R"("Principal": {"Federated": "cognito-identity.amazonaws.com"}, )"
      R"("Action": "sts:AssumeRoleWithWebIdentity")";
  if (!condition_json.empty()) out += R"(, "Condition": )" + condition_json;
  return out + "}]}";
}

std::string AudAndAmr(const std::string& aud, const std::string& amr_op, const std::string& amr) {
  return R"({"StringEquals": {"cognito-identity.amazonaws.com:aud": ")" + aud + R"("}, ")" + amr_op +
         R"(": {"cognito-identity.amazonaws.com:amr": ")" + amr + R"("}})";
}

const WitnessField* FindWitness(const Finding& f, const std::string& key) {
  for (const WitnessField& w : f.witness) {
    if (w.key == key) return &w;
  }
  return nullptr;
}

TEST_CASE("rules.TL001: files that do not parse, not policies") {
  GraphFixture g;
  g.graph.parse_errors.push_back({{kFile, 3, 7}, "mapping values are not allowed here"});
  g.AddRole("BadTrustStatementScalar", R"({"Version": "2012-10-17", "Statement": "Allow everyone"})");
  const std::vector<Finding> findings = g.Run("TL001");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].resource == kFile);
  CHECK(findings[0].loc.line == 3);
  CHECK(findings[0].message == "mapping values are not allowed here");
}

TEST_CASE("rules.TL004: invalid, absent and non-JSON policies, each once; the role is assumable by nobody") {
  GraphFixture g;
  const int pool = g.AddPool("Pool", false, false);
  const int scalar =
      g.AddRole("BadTrustStatementScalar", R"({"Version": "2012-10-17", "Statement": "Allow everyone"})");
  const int absent = g.AddRole("BadTrustAbsent", "", 20);
  g.graph.roles[absent].trust_policy = Value::Null(Location{kFile, 20, 3});
  g.AddRole("BadTrustNotJson", R"({"Version": "2012-10-17" "Statement": []})", 30);
  g.AddRole("GoodTrust",
            CognitoTrust(AudAndAmr(PoolAudText(g.graph.pools[pool].key), "ForAnyValue:StringLike", "authenticated")),
            40);
  g.Attach(pool, scalar, -1);
  const std::vector<Finding> findings = g.Run("TL004");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].resource == "BadTrustStatementScalar");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(findings[0].proven);
  CHECK(findings[0].message ==
        "trust policy of role BadTrustStatementScalar is invalid: Statement must be a mapping or a list of mappings, "
        "got a string; IAM rejects it, so trustlint reads the role as assumable by nobody");
  CHECK(findings[1].resource == "BadTrustAbsent");
  CHECK(findings[1].loc.line == 20);
  CHECK(findings[1].message ==
        "role BadTrustAbsent has no trust policy: IAM refuses to create a role without one, so trustlint reads it as "
        "assumable by nobody");
  CHECK(findings[2].resource == "BadTrustNotJson");
  CHECK(
      findings[2].message.starts_with("trust policy of role BadTrustNotJson is invalid: Policy document is not "
                                      "valid JSON: "));
  // Read as admitting nobody: no TL001, and the pool that attaches the invalid role gets TL103.
  CHECK(g.Run("TL001").empty());
  const std::vector<Finding> unassumable = g.Run("TL103");
  REQUIRE(unassumable.size() == 1);
  CHECK(unassumable[0].resource == "RoleAttachment");
  CHECK(unassumable[0].message.find("names role BadTrustStatementScalar") != std::string::npos);
  CHECK(unassumable[0].message.find("(it trusts no principal: its trust policy is invalid, TL004)") !=
        std::string::npos);
  CHECK(unassumable[0].proven);
}

TEST_CASE("rules.TL004: a trust policy missing from a file that does not parse is that file's TL001") {
  GraphFixture g;
  const int skipped = g.AddRole("SkippedByParser", "", 5);
  g.graph.roles[skipped].trust_policy = Value::Null(Location{"broken.tf", 1, 1});
  g.graph.parse_errors.push_back({{"broken.tf", 3, 3}, "syntax error near \"= {{{\""});
  g.AddRole("BadVersion", R"({"Version": "blah", "Statement": []})", 20);
  const std::vector<Finding> findings = g.Run("TL004");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].resource == "BadVersion");
}

TEST_CASE("rules.TL101: cognito trust without aud, amr or sub") {
  GraphFixture g;
  g.AddRole("BadNoCondition", CognitoTrust(""));
  g.AddRole("BadSourceIpOnly", CognitoTrust(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  g.AddRole("GoodAmrMixedCase", CognitoTrust(R"({"ForAnyValue:StringLike": {"Cognito-Identity.Amazonaws.com:AMR": "authenticated"}})"));
  g.AddRole("GoodLambda", R"({"Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}})");
  const std::vector<Finding> findings = g.Run("TL101");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].resource == "BadNoCondition");
  CHECK(findings[0].message ==
        "role BadNoCondition trust statement 0 allows federated cognito-identity.amazonaws.com to call "
        "sts:AssumeRoleWithWebIdentity but has no condition, none of aud, amr, sub: IAM refuses to save the role, "
        "and identities of any pool in any account could assume it");
  CHECK(findings[0].proven);
  CHECK(findings[1].resource == "BadSourceIpOnly");
  CHECK(findings[1].message.find("but tests only aws:SourceIp,") != std::string::npos);
}

TEST_CASE("rules.TL110: wildcard principals without a limiting condition") {
  GraphFixture g;
  g.AddRole("BadStar", R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}})");
  g.AddRole("BadAwsStarTrivial",
            R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",)"
            R"( "Condition": {"StringLikeIfExists": {"aws:PrincipalArn": "*"}}}})");
  g.AddRole("GoodStarOrg",
            R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",)"
            R"( "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}})");
  g.AddRole("GoodDenyStar", R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}})");
  const std::vector<Finding> findings = g.Run("TL110");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].resource == "BadStar");
  CHECK(findings[0].message ==
        "role BadStar trust statement 0 allows Principal \"*\" to call sts:AssumeRole with no condition: any "
        "principal of any account can assume it");
  CHECK(findings[1].resource == "BadAwsStarTrivial");
  CHECK(findings[1].message.find("Principal {\"AWS\": \"*\"}") != std::string::npos);
}

TEST_CASE("rules.TL104: authenticated role admitting guests; severity and exposure") {
  GraphFixture g;
  const int pool = g.AddPool("IdentityPool", true, false);
  const std::string aud = PoolAudText(g.graph.pools[pool].key);
  const int bad = g.AddRole("BadAuthRoleAmrWildcard", CognitoTrust(AudAndAmr(aud, "ForAnyValue:StringLike", "*authenticated")));
  const int good = g.AddRole("GoodUnauthRole", CognitoTrust(AudAndAmr(aud, "ForAnyValue:StringLike", "unauthenticated")));
  g.Attach(pool, bad, good);
  std::vector<Finding> findings = g.Run("TL104");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].resource == "BadAuthRoleAmrWildcard");
  CHECK(findings[0].severity == Severity::kError);
  CHECK(findings[0].proven);
  CHECK(findings[0].message ==
        "role BadAuthRoleAmrWildcard admits guests of pool IdentityPool: amr condition \"*authenticated\" "
        "(ForAnyValue:StringLike) also matches \"unauthenticated\"; a guest token with amr [\"unauthenticated\"] "
        "can assume it; latent (basic flow off: one console toggle away)");
  const WitnessField* amr = FindWitness(findings[0], "amr");
  REQUIRE(amr != nullptr);
  CHECK(amr->values == std::vector<std::string>{"unauthenticated"});

  g.graph.pools[pool].allow_unauthenticated = Value::Bool(false);
  g.graph.pools[pool].allow_classic_flow = Value::Bool(true);
  findings = g.Run("TL104");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(findings[0].message.ends_with(
      "; exploitable now (basic flow on: a guest can call AssumeRoleWithWebIdentity on it itself)"));

  g.graph.pools[pool].allow_unauthenticated = Value::Unknown("parameter AllowGuests has no default");
  findings = g.Run("TL104");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::kError);
}

TEST_CASE("rules.TL104: a scoped authenticated role is not reported") {
  GraphFixture g;
  const int pool = g.AddPool("IdentityPool", true, true);
  const std::string aud = PoolAudText(g.graph.pools[pool].key);
  const int role = g.AddRole("GoodAuthRole", CognitoTrust(AudAndAmr(aud, "ForAnyValue:StringLike", "authenticated")));
  g.Attach(pool, role, -1);
  CHECK(g.Run("TL104").empty());
}

TEST_CASE("rules.TL103: wrong amr, wrong principal, stale literal pool ID") {
  GraphFixture g;
  const int pool = g.AddPool("IdentityPool", true, false);
  const std::string aud = PoolAudText(g.graph.pools[pool].key);
  const int auth = g.AddRole("BadAuthOnlyGuests", CognitoTrust(AudAndAmr(aud, "ForAnyValue:StringLike", "unauthenticated")));
  const int unauth = g.AddRole(
      "LambdaRole", R"({"Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}})");
  g.Attach(pool, auth, unauth);
  std::vector<Finding> findings = g.Run("TL103");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].resource == "BadAuthOnlyGuests");
  CHECK(findings[0].proven);
  CHECK(findings[0].message.find("but its trust admits no signed-in token") != std::string::npos);
  CHECK(findings[1].resource == "RoleAttachment");
  CHECK(findings[1].loc.line == 45);
  CHECK(findings[1].message ==
        "attachment RoleAttachment names role LambdaRole as the unauthenticated role of pool IdentityPool, but its "
        "trust does not allow federated cognito-identity.amazonaws.com to call sts:AssumeRoleWithWebIdentity (it "
        "trusts Service lambda.amazonaws.com); the pool's credentials calls for guests will fail");

  GraphFixture stale;
  const int p2 = stale.AddPool("IdentityPool", false, false);
  const int r2 = stale.AddRole(
      "BadHardCodedPoolId",
      CognitoTrust(AudAndAmr("us-east-1:12345678-abcd-abcd-abcd-123456790ab", "ForAnyValue:StringLike", "authenticated")));
  stale.Attach(p2, r2, -1);
  findings = stale.Run("TL103");
  REQUIRE(findings.size() == 1);
  CHECK_FALSE(findings[0].proven);
  CHECK(findings[0].possible_because ==
        "aud is the literal \"us-east-1:12345678-abcd-abcd-abcd-123456790ab\"; it matches only if that is the "
        "deployed ID of pool IdentityPool");
}

TEST_CASE("rules.TL102: attached role trusting another pool; unattached wildcard; never with TL101") {
  GraphFixture g;
  const int pool = g.AddPool("IdentityPool", false, false);
  const std::string aud = PoolAudText(g.graph.pools[pool].key);
  const int bad = g.AddRole(
      "BadTrustsOtherPool",
      CognitoTrust(R"({"StringEquals": {"cognito-identity.amazonaws.com:aud": [")" + aud +
                   R"(", "us-east-1:98765432-dcba-dcba-dcba-123456790ab"]}})"));
  g.Attach(pool, bad, -1);
  g.AddRole("BadAudWildcard", CognitoTrust(R"({"StringLike": {"cognito-identity.amazonaws.com:aud": "us-east-1:*"}})"));
  g.AddRole("GoodFixedSet", CognitoTrust(R"({"StringEquals": {"cognito-identity.amazonaws.com:aud": ["us-east-1:a", "us-east-1:b"]}})"));
  g.AddRole("LeftToTl101", CognitoTrust(""));
  const std::vector<Finding> findings = g.Run("TL102");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].resource == "BadTrustsOtherPool");
  const WitnessField* witness_aud = FindWitness(findings[0], "aud");
  REQUIRE(witness_aud != nullptr);
  CHECK(witness_aud->values == std::vector<std::string>{"us-east-1:98765432-dcba-dcba-dcba-123456790ab"});
  CHECK(findings[1].resource == "BadAudWildcard");
  CHECK(findings[1].message.starts_with(
      "role BadAudWildcard trusts identity-pool tokens but admits more than a fixed set of pools (aud condition "
      "StringLike [\"us-east-1:*\"]); a token with aud \"us-east-1:"));
}

}  // namespace
}  // namespace trustlint
