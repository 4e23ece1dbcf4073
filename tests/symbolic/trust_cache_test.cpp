// The trust solver's cache (policy/trust_cache.h): questions that differ only in the
// names of the scan's constants and condition paths are asked once, and each caller
// gets its answer in its own names, exactly as the solver would have answered it.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "policy/symbolic.h"
#include "policy/token.h"

namespace trustlint {
namespace {

std::string PoolOf(int stack) { return "\xe2\x9f\xa8pool:stack" + std::to_string(stack) + ".yaml#Pool\xe2\x9f\xa9"; }
std::string ParamOf(int stack) {
  return "\xe2\x9f\xa8unknown:parameter PoolId has no default\x1fstack" + std::to_string(stack) + ".yaml\xe2\x9f\xa9";
}

PolicyString Str(const std::string& text) {
  PolicyString s;
  s.text = text;
  s.display = text;
  return s;
}

Condition Cond(const std::string& op_text, std::string_view key, const std::vector<std::string>& values,
               const std::string& path) {
  Condition c;
  c.op_text = op_text;
  ParseConditionOperator(op_text, &c.set, &c.op, &c.if_exists);
  c.key = std::string(key);
  c.key_lower = c.key;
  c.path = path;
  for (const std::string& v : values) c.values.push_back(Str(v));
  return c;
}

// A template's role trusting `aud` for signed-in tokens, at its own paths.
PolicyDocument Trust(const std::string& aud, int stack, const std::string& amr = "authenticated") {
  const std::string at = "stack" + std::to_string(stack) + ".Role.Condition.";
  Statement s;
  s.has_principal = true;
  s.principals.push_back({"Federated", Str(std::string(cognito::kFederatedPrincipal))});
  s.actions.push_back(Str(std::string(cognito::kAssumeAction)));
  s.conditions = {Cond("StringEquals", cognito::kAudKey, {aud}, at + "aud"),
                  Cond("ForAnyValue:StringLike", cognito::kAmrKey, {amr}, at + "amr")};
  PolicyDocument doc;
  doc.statements.push_back(std::move(s));
  return doc;
}

TokenQuery Query(TokenQuery::Amr amr, std::optional<std::string> aud, std::vector<std::string> excluded = {}) {
  TokenQuery q;
  q.amr = amr;
  q.aud = std::move(aud);
  q.aud_excluded = std::move(excluded);
  return q;
}

std::map<std::string, ConstantShape> ScanPools(int stacks) {
  std::map<std::string, ConstantShape> shapes;
  for (int i = 0; i < stacks; ++i) {
    ConstantShape& shape = shapes[PoolOf(i)];
    shape.kind = ConstantShape::Kind::kPoolId;
    shape.region = i % 2 == 0 ? "us-east-1" : "eu-west-1";
    shape.scan_pool = true;
    shape.reason = "the ID of pool stack" + std::to_string(i) + ".yaml:Pool is generated at deploy time";
  }
  return shapes;
}

void CheckSame(const TrustAnswer& cached, const TrustAnswer& direct, const PolicyDocument& trust) {
  CHECK(cached.admitted == direct.admitted);
  CHECK(cached.depends_on_unknown == direct.depends_on_unknown);
  CHECK(cached.unknown_reason == direct.unknown_reason);
  REQUIRE(cached.witness.has_value() == direct.witness.has_value());
  if (!cached.witness) return;
  CHECK(cached.witness->aud == direct.witness->aud);
  CHECK(cached.witness->sub == direct.witness->sub);
  CHECK(cached.witness->amr == direct.witness->amr);
  CHECK(cached.witness->context == direct.witness->context);
  CHECK(cached.witness->allowed_by == direct.witness->allowed_by);
  CHECK(cached.witness->allowed_by == &trust.statements.front());
}

}  // namespace

TEST_CASE("trust cache: a thousand templates trusting their own pool cost one solver call") {
  constexpr int kStacks = 1000;
  TrustSolver solver;
  solver.SetShapes(ScanPools(kStacks));
  solver.SetFastPath(false);  // the solver's path: the fast path would settle them all
  std::vector<PolicyDocument> trusts;
  for (int i = 0; i < kStacks; ++i) trusts.push_back(Trust(PoolOf(i), i));
  for (int i = 0; i < kStacks; i += 2) {  // one region: the shapes differ by region
    const TrustAnswer answer = solver.CanAssume(trusts[i], Query(TokenQuery::Amr::kSignedIn, PoolOf(i)));
    REQUIRE(answer.admitted);
    CHECK_FALSE(answer.depends_on_unknown);
    REQUIRE(answer.witness);
    CHECK(answer.witness->aud == PoolOf(i));  // in this template's own name
    CHECK(answer.witness->allowed_by == &trusts[i].statements.front());
  }
  CHECK(solver.SolverCalls() == 1);
}

TEST_CASE("trust cache: answers in each caller's names equal the solver's own answers") {
  constexpr int kStacks = 4;
  const std::vector<std::pair<PolicyDocument, TokenQuery>> questions = [] {
    std::vector<std::pair<PolicyDocument, TokenQuery>> out;
    for (int i = 0; i < kStacks; ++i) {
      // proven, refused, possible (a parameter that may or may not be the pool), other pools
      out.emplace_back(Trust(PoolOf(i), i), Query(TokenQuery::Amr::kSignedIn, PoolOf(i)));
      out.emplace_back(Trust(PoolOf(i), i), Query(TokenQuery::Amr::kGuest, PoolOf(i)));
      out.emplace_back(Trust(ParamOf(i), i), Query(TokenQuery::Amr::kSignedIn, PoolOf(i)));
      // (Not kAny with amr "*": which kind of token the solver's witness takes then
      // depends on what its context saw before, cached or not.)
      out.emplace_back(Trust(ParamOf(i), i, "*"), Query(TokenQuery::Amr::kSignedIn, std::nullopt, {PoolOf(i)}));
      out.emplace_back(Trust("us-east-1:*", i), Query(TokenQuery::Amr::kSignedIn, PoolOf(i)));
    }
    return out;
  }();
  TrustSolver cached;
  cached.SetShapes(ScanPools(kStacks));
  cached.SetFastPath(false);
  TrustSolver direct;
  direct.SetShapes(ScanPools(kStacks));
  direct.SetCaching(false);
  direct.SetFastPath(false);
  for (const auto& question : questions) {
    // Named, not a structured binding: CAPTURE's lambda cannot capture a binding in clang 14.
    const auto& trust = question.first;
    const auto& query = question.second;
    CAPTURE(query.aud.value_or("free"));
    CheckSame(cached.CanAssume(trust, query), direct.CanAssume(trust, query), trust);
  }
  CHECK(direct.SolverCalls() == static_cast<long>(questions.size()));
  // Two regions, each question shape asked once per region (the parameter's has none).
  CHECK(cached.SolverCalls() < direct.SolverCalls());
}

TEST_CASE("trust cache: a question whose renaming could change its reason goes to the solver as asked") {
  // One reason holds the other: the solver joins them differently than placeholders.
  const std::string a = "\xe2\x9f\xa8unknown:parameter P has no default\xe2\x9f\xa9";
  const std::string b = "\xe2\x9f\xa8unknown:parameter P has no default in prod\xe2\x9f\xa9";
  PolicyDocument trust = Trust(a, 0);
  trust.statements.front().conditions.front().values.push_back(Str(b));
  TrustSolver solver;
  solver.SetFastPath(false);
  TrustSolver direct;
  direct.SetCaching(false);
  direct.SetFastPath(false);
  const TokenQuery query = Query(TokenQuery::Amr::kSignedIn, PoolOf(0));
  solver.CanAssume(trust, query);
  const TrustAnswer again = solver.CanAssume(trust, query);
  CHECK(solver.SolverCalls() == 2);  // not cached
  CheckSame(again, direct.CanAssume(trust, query), trust);
}


TEST_CASE("trust cache: solvers sharing their answers ask a question once, each answer in its own names") {
  SharedTrustAnswers shared;
  TrustSolver first;
  TrustSolver second;
  TrustSolver direct;
  for (TrustSolver* solver : {&first, &second, &direct}) {
    solver->SetShapes(ScanPools(3));
    solver->SetFastPath(false);
  }
  first.ShareAnswers(&shared);
  second.ShareAnswers(&shared);
  direct.SetCaching(false);
  const PolicyDocument zero = Trust(PoolOf(0), 0);
  const PolicyDocument two = Trust(PoolOf(2), 2);  // the same region: the same question
  const TrustAnswer one_answer = first.CanAssume(zero, Query(TokenQuery::Amr::kSignedIn, PoolOf(0)));
  const TrustAnswer two_answer = second.CanAssume(two, Query(TokenQuery::Amr::kSignedIn, PoolOf(2)));
  CHECK(first.SolverCalls() == 1);
  CHECK(second.SolverCalls() == 0);  // answered from what the first solver found
  CheckSame(one_answer, direct.CanAssume(zero, Query(TokenQuery::Amr::kSignedIn, PoolOf(0))), zero);
  CheckSame(two_answer, direct.CanAssume(two, Query(TokenQuery::Amr::kSignedIn, PoolOf(2))), two);
}

}  // namespace trustlint
