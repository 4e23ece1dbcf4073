#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "policy/evaluator.h"
#include "policy/symbolic.h"
#include "policy/token.h"

namespace trustlint {
namespace {

constexpr const char* kPool = "us-west-2:abcdefg-1234-5678-910a-0e8443553f95";
constexpr const char* kAud = "cognito-identity.amazonaws.com:aud";
constexpr const char* kAmr = "cognito-identity.amazonaws.com:amr";
constexpr const char* kSub = "cognito-identity.amazonaws.com:sub";

PolicyString Str(std::string text) {
  PolicyString s;
  s.text = text;
  s.display = std::move(text);
  return s;
}

PolicyString UnknownStr(std::string reason) {
  PolicyString s = Str("\xe2\x9f\xa8unknown:" + reason + "\xe2\x9f\xa9");
  s.unknown = true;
  s.unknown_reason = std::move(reason);
  return s;
}

Condition Cond(const std::string& op_text, const std::string& key, const std::vector<std::string>& values) {
  Condition c;
  c.op_text = op_text;
  ParseConditionOperator(op_text, &c.set, &c.op, &c.if_exists);
  c.key = key;
  for (char ch : key) c.key_lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  for (const std::string& v : values) c.values.push_back(Str(v));
  return c;
}

Statement Stmt(bool allow, std::vector<Condition> conditions) {
  Statement s;
  s.allow = allow;
  s.has_principal = true;
  s.principals.push_back({"Federated", Str("cognito-identity.amazonaws.com")});
  s.actions.push_back(Str("sts:AssumeRoleWithWebIdentity"));
  s.conditions = std::move(conditions);
  return s;
}

PolicyDocument Doc(std::vector<Statement> statements) {
  PolicyDocument doc;
  for (size_t i = 0; i < statements.size(); ++i) statements[i].index = static_cast<int>(i);
  doc.statements = std::move(statements);
  return doc;
}

// The trust policy of the first seed document.
PolicyDocument SeedTrust() {
  return Doc({Stmt(true, {Cond("StringEquals", kAud, {kPool}),
                          Cond("ForAnyValue:StringLike", kAmr, {"authenticated"})})});
}

TokenQuery Query(TokenQuery::Amr amr, std::optional<std::string> aud = kPool) {
  TokenQuery q;
  q.amr = amr;
  q.aud = std::move(aud);
  return q;
}

// The witness must be admitted by the concrete evaluator too (belt and braces).
bool EvaluatorAdmits(const PolicyDocument& doc, const Witness& w) {
  Request r;
  r.principal_type = "Federated";
  r.principal = "cognito-identity.amazonaws.com";
  r.action = "sts:AssumeRoleWithWebIdentity";
  r.context = w.context;
  r.context[kAud] = {w.aud};
  r.context[kSub] = {w.sub};
  r.context[kAmr] = w.amr;
  return Evaluate({&doc}, r).effect == Effect::kAllow;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST_CASE("symbolic: seed trust policy refuses guests of its pool (a proof)") {
  TrustSolver solver;
  const PolicyDocument doc = SeedTrust();
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
  CHECK_FALSE(a.admitted);
  CHECK_FALSE(a.depends_on_unknown);
  CHECK_FALSE(a.witness.has_value());
}

TEST_CASE("symbolic: seed trust policy admits signed-in users of its pool, with a confirmed witness") {
  TrustSolver solver;
  const PolicyDocument doc = SeedTrust();
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kSignedIn));
  REQUIRE(a.admitted);
  CHECK_FALSE(a.depends_on_unknown);
  REQUIRE(a.witness.has_value());
  CHECK(a.witness->aud == kPool);
  CHECK(a.witness->amr == std::vector<std::string>{"authenticated"});
  CHECK(a.witness->sub == "us-west-2:00000000-0000-0000-0000-000000000000");
  CHECK(a.witness->allowed_by == &doc.statements[0]);
  CHECK(a.witness->context.empty());
  CHECK(EvaluatorAdmits(doc, *a.witness));
}

TEST_CASE("symbolic: seed trust policy refuses another pool's tokens") {
  TrustSolver solver;
  const TrustAnswer a = solver.CanAssume(SeedTrust(), Query(TokenQuery::Amr::kAny, "us-east-1:other-pool"));
  CHECK_FALSE(a.admitted);
  CHECK_FALSE(a.depends_on_unknown);
}

TEST_CASE("symbolic: plain StringLike \"*authenticated\" on amr admits a guest") {
  TrustSolver solver;
  const PolicyDocument doc =
      Doc({Stmt(true, {Cond("StringEquals", kAud, {kPool}), Cond("StringLike", kAmr, {"*authenticated"})})});
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
  REQUIRE(a.admitted);
  CHECK(a.witness->amr == std::vector<std::string>{"unauthenticated"});
  CHECK(EvaluatorAdmits(doc, *a.witness));
}

// Found by the trust differential test: case-insensitive equality as a regular
// expression timed out (2 s) on a free aud, an unconfirmed answer instead of a witness.
TEST_CASE("symbolic: StringNotEqualsIgnoreCase on a free aud is decided, with a witness") {
  TrustSolver solver;
  Statement allow_all = Stmt(true, {});
  const PolicyDocument doc =
      Doc({allow_all, Stmt(false, {Cond("StringNotEqualsIgnoreCase", kAud, {"us-east-1:11111111-1111-1111-1111-111111111111"})})});
  TokenQuery query;
  query.amr = TokenQuery::Amr::kGuest;
  const TrustAnswer a = solver.CanAssume(doc, query);
  REQUIRE(a.admitted);
  CHECK_FALSE(a.depends_on_unknown);
  CHECK(EvaluatorAdmits(doc, *a.witness));
}

TEST_CASE("symbolic: kAny picks whichever token state the policy admits") {
  TrustSolver solver;
  const PolicyDocument doc =
      Doc({Stmt(true, {Cond("ForAnyValue:StringEquals", kAmr, {"unauthenticated"})})});
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kAny));
  REQUIRE(a.admitted);
  CHECK(a.witness->amr == std::vector<std::string>{"unauthenticated"});
}

TEST_CASE("symbolic: no aud condition admits a pool outside the excluded ones") {
  TrustSolver solver;
  const PolicyDocument doc = Doc({Stmt(true, {Cond("ForAnyValue:StringLike", kAmr, {"authenticated"})})});
  TokenQuery q = Query(TokenQuery::Amr::kSignedIn, std::nullopt);
  q.aud_excluded = {"us-east-1:a"};
  const TrustAnswer a = solver.CanAssume(doc, q);
  REQUIRE(a.admitted);
  CHECK(a.witness->aud != "us-east-1:a");
  CHECK(a.witness->aud == "us-east-1:11111111-1111-1111-1111-111111111111");
  CHECK(EvaluatorAdmits(doc, *a.witness));
}

TEST_CASE("symbolic: aud pinned to a fixed set admits no pool outside it") {
  TrustSolver solver;
  const std::string a_pool = "us-east-1:12345678-abcd-abcd-abcd-123456790ab";
  const std::string b_pool = "us-east-1:98765432-dcba-dcba-dcba-123456790ab";
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringEquals", kAud, {a_pool, b_pool})})});
  TokenQuery q = Query(TokenQuery::Amr::kAny, std::nullopt);
  q.aud_excluded = {a_pool, b_pool};
  const TrustAnswer refused = solver.CanAssume(doc, q);
  CHECK_FALSE(refused.admitted);
  CHECK_FALSE(refused.depends_on_unknown);
  q.aud_excluded = {a_pool};
  const TrustAnswer admitted = solver.CanAssume(doc, q);
  REQUIRE(admitted.admitted);
  CHECK(admitted.witness->aud == b_pool);
}

TEST_CASE("symbolic: a wildcard aud admits other pools") {
  TrustSolver solver;
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringLike", kAud, {"us-east-1:*"})})});
  TokenQuery q = Query(TokenQuery::Amr::kAny, std::nullopt);
  q.aud_excluded = {"us-east-1:a", "us-west-2:b"};
  const TrustAnswer a = solver.CanAssume(doc, q);
  REQUIRE(a.admitted);
  CHECK(a.witness->aud.rfind("us-east-1:", 0) == 0);
  CHECK(a.witness->aud != "us-east-1:a");
}

TEST_CASE("symbolic: ForAllValues:StringEquals amr") {
  TrustSolver solver;
  const PolicyDocument doc =
      Doc({Stmt(true, {Cond("ForAllValues:StringEquals", kAmr, {"authenticated", "graph.facebook.com"})})});
  // A guest's amr holds "unauthenticated", which is not in the list.
  CHECK_FALSE(solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest)).admitted);
  // A signed-in user whose every entry is in the list: only "authenticated" and Facebook.
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kSignedIn));
  REQUIRE(a.admitted);
  for (const std::string& v : a.witness->amr) CHECK((v == "authenticated" || v == "graph.facebook.com"));
  // Requiring another provider too makes it impossible.
  const PolicyDocument doc2 =
      Doc({Stmt(true, {Cond("ForAllValues:StringEquals", kAmr, {"authenticated", "graph.facebook.com"}),
                       Cond("ForAnyValue:StringEquals", kAmr, {"accounts.google.com"})})});
  CHECK_FALSE(solver.CanAssume(doc2, Query(TokenQuery::Amr::kSignedIn)).admitted);
}

TEST_CASE("symbolic: plain StringNotEquals amr \"unauthenticated\"") {
  TrustSolver solver;
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringNotEquals", kAmr, {"unauthenticated"})})});
  CHECK_FALSE(solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest)).admitted);
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kSignedIn));
  REQUIRE(a.admitted);
  CHECK(Contains(a.witness->amr, "authenticated"));
}

TEST_CASE("symbolic: ForAnyValue:StringNotEquals amr \"unauthenticated\" refuses guests, admits signed-in") {
  TrustSolver solver;
  const PolicyDocument doc =
      Doc({Stmt(true, {Cond("ForAnyValue:StringNotEquals", kAmr, {"unauthenticated"})})});
  CHECK_FALSE(solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest)).admitted);
  CHECK(solver.CanAssume(doc, Query(TokenQuery::Amr::kSignedIn)).admitted);
}

TEST_CASE("symbolic: an explicit Deny overrides the Allow") {
  TrustSolver solver;
  PolicyDocument doc = Doc({Stmt(true, {Cond("StringEquals", kAud, {kPool})}),
                            Stmt(false, {Cond("ForAnyValue:StringEquals", kAmr, {"unauthenticated"})})});
  CHECK_FALSE(solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest)).admitted);
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kAny));
  REQUIRE(a.admitted);
  CHECK(Contains(a.witness->amr, "authenticated"));
  CHECK(a.witness->allowed_by == &doc.statements[0]);
  // A Deny on a provider: the witness must avoid that provider.
  PolicyDocument doc2 = Doc({Stmt(true, {Cond("ForAnyValue:StringLike", kAmr, {"graph.*"})}),
                             Stmt(false, {Cond("ForAnyValue:StringEquals", kAmr, {"graph.facebook.com"})})});
  const TrustAnswer b = solver.CanAssume(doc2, Query(TokenQuery::Amr::kSignedIn));
  REQUIRE(b.admitted);
  CHECK_FALSE(Contains(b.witness->amr, "graph.facebook.com"));
  CHECK(EvaluatorAdmits(doc2, *b.witness));
}

TEST_CASE("symbolic: principal forms") {
  TrustSolver solver;
  SUBCASE("Principal \"*\" applies") {
    Statement s = Stmt(true, {Cond("StringEquals", kAud, {kPool})});
    s.principals = {{"*", Str("*")}};
    CHECK(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
  SUBCASE("Principal {AWS: *} applies") {
    Statement s = Stmt(true, {});
    s.principals = {{"AWS", Str("*")}};
    CHECK(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
  SUBCASE("another federated principal does not") {
    Statement s = Stmt(true, {});
    s.principals = {{"Federated", Str("accounts.google.com")}};
    const TrustAnswer a = solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest));
    CHECK_FALSE(a.admitted);
    CHECK_FALSE(a.depends_on_unknown);
  }
  SUBCASE("NotPrincipal of another principal applies") {
    Statement s = Stmt(true, {});
    s.not_principal = true;
    s.principals = {{"Federated", Str("accounts.google.com")}};
    CHECK(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
  SUBCASE("NotPrincipal of cognito does not") {
    Statement s = Stmt(true, {});
    s.not_principal = true;
    CHECK_FALSE(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
}

TEST_CASE("symbolic: action forms") {
  TrustSolver solver;
  Statement s = Stmt(true, {});
  SUBCASE("NotAction of another action applies") {
    s.not_action = true;
    s.actions = {Str("sts:AssumeRole")};
    CHECK(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
  SUBCASE("NotAction sts:* does not") {
    s.not_action = true;
    s.actions = {Str("sts:*")};
    CHECK_FALSE(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
  SUBCASE("action globs are case-insensitive") {
    s.actions = {Str("STS:AssumeRoleWith*")};
    CHECK(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
  SUBCASE("sts:AssumeRole alone does not") {
    s.actions = {Str("sts:AssumeRole")};
    CHECK_FALSE(solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest)).admitted);
  }
}

TEST_CASE("symbolic: IgnoreCase operators fold ASCII case") {
  TrustSolver solver;
  const PolicyDocument doc =
      Doc({Stmt(true, {Cond("ForAnyValue:StringEqualsIgnoreCase", kAmr, {"UNAUTHENTICATED"})})});
  CHECK(solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest)).admitted);
  const PolicyDocument exact = Doc({Stmt(true, {Cond("ForAnyValue:StringEquals", kAmr, {"UNAUTHENTICATED"})})});
  CHECK_FALSE(solver.CanAssume(exact, Query(TokenQuery::Amr::kGuest)).admitted);
  const PolicyDocument sub = Doc({Stmt(true, {Cond("StringEqualsIgnoreCase", kSub, {"US-EAST-1:ABC"})})});
  const TrustAnswer a = solver.CanAssume(sub, Query(TokenQuery::Amr::kGuest));
  REQUIRE(a.admitted);
  CHECK(a.witness->sub.size() == std::string("us-east-1:abc").size());
  CHECK(EvaluatorAdmits(sub, *a.witness));
}

TEST_CASE("symbolic: condition keys compare case-insensitively") {
  TrustSolver solver;
  const PolicyDocument doc =
      Doc({Stmt(true, {Cond("StringEquals", "Cognito-Identity.amazonaws.com:AUD", {kPool})})});
  CHECK(solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest)).admitted);
  CHECK_FALSE(solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest, "us-east-1:x")).admitted);
}

TEST_CASE("symbolic: a sentinel pool ID round-trips into the witness") {
  TrustSolver solver;
  const std::string sentinel = "\xe2\x9f\xa8pool:x.yaml#Pool\xe2\x9f\xa9";
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringEquals", kAud, {sentinel}),
                                              Cond("ForAnyValue:StringLike", kAmr, {"authenticated"})})});
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kSignedIn, sentinel));
  REQUIRE(a.admitted);
  CHECK(a.witness->aud == sentinel);
  // Free aud: the only admitted aud is the sentinel itself.
  const TrustAnswer free = solver.CanAssume(doc, Query(TokenQuery::Amr::kSignedIn, std::nullopt));
  REQUIRE(free.admitted);
  CHECK(free.witness->aud == sentinel);
  TokenQuery q = Query(TokenQuery::Amr::kSignedIn, std::nullopt);
  q.aud_excluded = {sentinel};
  CHECK_FALSE(solver.CanAssume(doc, q).admitted);
  // A glob "*" still matches the sentinel.
  const PolicyDocument glob = Doc({Stmt(true, {Cond("StringLike", kAud, {"*"})})});
  CHECK(solver.CanAssume(glob, Query(TokenQuery::Amr::kGuest, sentinel)).admitted);
}

TEST_CASE("symbolic: a condition on aws:SourceIp yields witness context that satisfies it") {
  TrustSolver solver;
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringEquals", kAud, {kPool}),
                                              Cond("IpAddress", "aws:SourceIp", {"203.0.113.0/24"})})});
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
  REQUIRE(a.admitted);
  REQUIRE(a.witness->context.count("aws:sourceip") == 1);
  CHECK(a.witness->context.at("aws:sourceip") == std::vector<std::string>{"203.0.113.0/24"});
  CHECK(EvaluatorAdmits(doc, *a.witness));
}

TEST_CASE("symbolic: a Deny on aws:SourceIp is avoided by leaving the key out") {
  TrustSolver solver;
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringEquals", kAud, {kPool})}),
                                  Stmt(false, {Cond("NotIpAddress", "aws:SourceIp", {"203.0.113.0/24"})})});
  // NotIpAddress on an absent key holds (negated operator): the Deny applies
  // unless the key is present and inside the range.
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
  REQUIRE(a.admitted);
  CHECK(a.witness->context.at("aws:sourceip") == std::vector<std::string>{"203.0.113.0/24"});
}

TEST_CASE("symbolic: string conditions on other keys are encoded exactly") {
  TrustSolver solver;
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringEquals", kAud, {kPool}),
                                              Cond("StringLike", "aws:PrincipalTag/team", {"blue-*"})}),
                                  Stmt(false, {Cond("StringEquals", "aws:PrincipalTag/team", {"blue-x"})})});
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
  REQUIRE(a.admitted);
  const std::vector<std::string>& tag = a.witness->context.at("aws:principaltag/team");
  REQUIRE(tag.size() == 1);
  CHECK(tag[0].rfind("blue-", 0) == 0);
  CHECK(tag[0] != "blue-x");
  CHECK(EvaluatorAdmits(doc, *a.witness));
  // Null "true" on a key the Allow needs present: impossible.
  const PolicyDocument never = Doc({Stmt(true, {Cond("StringLike", "aws:PrincipalTag/team", {"*"}),
                                                Cond("Null", "aws:PrincipalTag/team", {"true"})})});
  CHECK_FALSE(solver.CanAssume(never, Query(TokenQuery::Amr::kGuest)).admitted);
}

TEST_CASE("symbolic: token keys are always present (Null, IfExists, negated)") {
  TrustSolver solver;
  CHECK_FALSE(solver.CanAssume(Doc({Stmt(true, {Cond("Null", kSub, {"true"})})}), Query(TokenQuery::Amr::kAny))
                  .admitted);
  CHECK(solver.CanAssume(Doc({Stmt(true, {Cond("Null", kSub, {"false"})})}), Query(TokenQuery::Amr::kAny))
            .admitted);
  CHECK_FALSE(solver
                  .CanAssume(Doc({Stmt(true, {Cond("StringEqualsIfExists", kAud, {"us-east-1:x"})})}),
                             Query(TokenQuery::Amr::kAny))
                  .admitted);
}

TEST_CASE("symbolic: a sub pinned by StringLike appears in the witness") {
  TrustSolver solver;
  const PolicyDocument doc = Doc({Stmt(true, {Cond("StringLike", kSub, {"eu-west-1:abc?-*"})})});
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest, "eu-west-1:pool"));
  REQUIRE(a.admitted);
  CHECK(a.witness->sub.rfind("eu-west-1:abc", 0) == 0);
  CHECK(EvaluatorAdmits(doc, *a.witness));
}

TEST_CASE("symbolic: an undecided (conditional) statement makes the answer depend on it") {
  TrustSolver solver;
  SUBCASE("conditional Allow: possibly admitted") {
    Statement s = Stmt(true, {Cond("StringEquals", kAud, {kPool})});
    s.conditional = true;
    s.sid = "MaybeGuests";
    const PolicyDocument doc = Doc({s});
    const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
    CHECK(a.admitted);
    CHECK(a.depends_on_unknown);
    CHECK(a.unknown_reason == "statement MaybeGuests exists only in one branch of an undecided condition");
    REQUIRE(a.witness.has_value());
    CHECK(a.witness->allowed_by == &doc.statements[0]);
    CHECK(a.witness->amr == std::vector<std::string>{"unauthenticated"});
  }
  SUBCASE("conditional Deny next to an Allow: possibly refused") {
    Statement deny = Stmt(false, {});
    deny.conditional = true;
    const TrustAnswer a =
        solver.CanAssume(Doc({Stmt(true, {}), deny}), Query(TokenQuery::Amr::kGuest));
    CHECK(a.admitted);
    CHECK(a.depends_on_unknown);
    CHECK(a.unknown_reason == "statement 1 exists only in one branch of an undecided condition");
  }
  SUBCASE("a conditional statement that cannot matter: still a proof") {
    Statement s = Stmt(true, {Cond("StringEquals", kAud, {"us-east-1:other"})});
    s.conditional = true;
    const TrustAnswer a = solver.CanAssume(Doc({s}), Query(TokenQuery::Amr::kGuest));
    CHECK_FALSE(a.admitted);
    CHECK_FALSE(a.depends_on_unknown);
  }
  SUBCASE("admitted either way: proven with a witness") {
    Statement s = Stmt(true, {Cond("StringEquals", kAud, {kPool})});
    Statement maybe = Stmt(true, {});
    maybe.conditional = true;
    const PolicyDocument doc = Doc({s, maybe});
    const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
    CHECK(a.admitted);
    CHECK_FALSE(a.depends_on_unknown);
  }
}

TEST_CASE("symbolic: unknown condition values and documents") {
  TrustSolver solver;
  SUBCASE("an unknown aud value: possibly admitted, names the input") {
    Condition aud = Cond("StringEquals", kAud, {});
    aud.values.push_back(UnknownStr("parameter PoolId has no default"));
    const TrustAnswer a = solver.CanAssume(Doc({Stmt(true, {aud})}), Query(TokenQuery::Amr::kGuest));
    CHECK(a.admitted);
    CHECK(a.witness.has_value());
    CHECK(a.depends_on_unknown);
    CHECK(a.unknown_reason == "parameter PoolId has no default");
  }
  SUBCASE("an unknown aud does not save a policy that refuses guests anyway") {
    Condition aud = Cond("StringEquals", kAud, {});
    aud.values.push_back(UnknownStr("parameter PoolId has no default"));
    const PolicyDocument doc = Doc({Stmt(true, {aud, Cond("ForAnyValue:StringLike", kAmr, {"authenticated"})})});
    const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
    CHECK_FALSE(a.admitted);
    CHECK_FALSE(a.depends_on_unknown);
  }
  SUBCASE("an unknown document") {
    PolicyDocument doc;
    doc.unknown = true;
    doc.unknown_reason = "variable trust has no value";
    const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
    CHECK_FALSE(a.admitted);
    CHECK(a.depends_on_unknown);
    CHECK(a.unknown_reason == "variable trust has no value");
  }
}

TEST_CASE("symbolic: policy variables in values are free, and the re-check decides") {
  TrustSolver solver;
  // sub equal to itself via a variable: the evaluator substitutes and confirms.
  const PolicyDocument doc =
      Doc({Stmt(true, {Cond("StringEquals", kSub, {"${cognito-identity.amazonaws.com:sub}"})})});
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
  CHECK(a.admitted);
  // `${*}` is a literal star: "a${*}" does not match "ab".
  const PolicyDocument star = Doc({Stmt(true, {Cond("StringLike", kSub, {"a${*}"})})});
  const TrustAnswer b = solver.CanAssume(star, Query(TokenQuery::Amr::kGuest));
  REQUIRE(b.admitted);
  CHECK(b.witness->sub == "a*");
}

TEST_CASE("symbolic: without Version 2012-10-17 a policy variable in a value is literal text") {
  TrustSolver solver;
  PolicyDocument doc = Doc({Stmt(true, {Cond("StringEquals", kSub, {"${cognito-identity.amazonaws.com:sub}"})})});
  for (Statement& s : doc.statements) {
    s.variables = false;
    for (Condition& c : s.conditions) c.variables = false;
  }
  // Only a token whose sub is the literal text "${...}" is admitted, and the re-check agrees.
  const TrustAnswer a = solver.CanAssume(doc, Query(TokenQuery::Amr::kGuest));
  REQUIRE(a.admitted);
  CHECK(a.witness->sub == "${cognito-identity.amazonaws.com:sub}");
  CHECK_FALSE(a.depends_on_unknown);
}

TEST_CASE("symbolic: no statement for cognito: proof of refusal") {
  TrustSolver solver;
  const TrustAnswer a = solver.CanAssume(Doc({}), Query(TokenQuery::Amr::kAny));
  CHECK_FALSE(a.admitted);
  CHECK_FALSE(a.depends_on_unknown);
}

// Many queries on one solver cross its context recycling (every 512 queries) and
// must keep answering the same. Speed is measured by `make bench`.
TEST_CASE("symbolic: answers stay the same across many queries") {
  TrustSolver solver;
  const PolicyDocument doc = SeedTrust();
  int admitted = 0;
  for (int i = 0; i < 600; ++i) {
    const TokenQuery q = Query(i % 2 == 0 ? TokenQuery::Amr::kGuest : TokenQuery::Amr::kSignedIn);
    admitted += solver.CanAssume(doc, q).admitted ? 1 : 0;
  }
  CHECK(admitted == 300);
}

}  // namespace
}  // namespace trustlint
