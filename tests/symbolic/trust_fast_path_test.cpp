// The trust fast path (policy/trust_fast_path.h) against the solver: over a family of
// trust shapes (every combination of aud operator and value, amr operator and
// value, one or two statements) and token questions (fixed literal aud, the query's
// own pool, a free aud with and without exclusions; guest, signed in, either), the
// answer with the fast path must equal the solver's, witness included.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include <filesystem>

#include "check/context.h"
#include "frontend/scan.h"
#include "policy/symbolic.h"
#include "policy/token.h"
#include "policy/trust_fast_path.h"

namespace trustlint {
namespace {

const std::string kPoolEast = "us-east-1:11111111-1111-1111-1111-111111111111";  // the readable aud itself
const std::string kPoolWest = "eu-west-1:22222222-2222-2222-2222-222222222222";
const std::string kOwnPool = "\xe2\x9f\xa8pool:app.yaml#Pool\xe2\x9f\xa9";
const std::string kOtherPool = "\xe2\x9f\xa8pool:other.yaml#Pool\xe2\x9f\xa9";

PolicyString Str(const std::string& text) {
  PolicyString s;
  s.text = text;
  s.display = text;
  return s;
}

struct ClauseShape {
  std::string op;  // "" : no clause
  std::vector<std::string> values;
};

Condition Cond(const std::string& op_text, std::string_view key, const std::vector<std::string>& values) {
  Condition c;
  c.op_text = op_text;
  ParseConditionOperator(op_text, &c.set, &c.op, &c.if_exists);
  c.key = std::string(key);
  c.key_lower = c.key;
  c.path = std::string(key) + "." + op_text;
  for (const std::string& v : values) c.values.push_back(Str(v));
  return c;
}

Statement Allow(const ClauseShape& aud, const ClauseShape& amr) {
  Statement s;
  s.has_principal = true;
  s.principals.push_back({"Federated", Str(std::string(cognito::kFederatedPrincipal))});
  s.actions.push_back(Str(std::string(cognito::kAssumeAction)));
  if (!aud.op.empty()) s.conditions.push_back(Cond(aud.op, cognito::kAudKey, aud.values));
  if (!amr.op.empty()) s.conditions.push_back(Cond(amr.op, cognito::kAmrKey, amr.values));
  return s;
}

PolicyDocument Doc(std::vector<Statement> statements) {
  PolicyDocument doc;
  for (size_t i = 0; i < statements.size(); ++i) statements[i].index = static_cast<int>(i);
  doc.statements = std::move(statements);
  return doc;
}

std::vector<ClauseShape> AudShapes() {
  std::vector<ClauseShape> out = {{}};
  const std::vector<std::vector<std::string>> values = {
      {kPoolEast}, {"us-east-1:*"}, {"*"}, {kOwnPool}, {kPoolEast, kPoolWest}};
  for (const char* op : {"StringEquals", "StringLike"}) {
    for (const auto& v : values) out.push_back({op, v});
  }
  return out;
}

std::vector<ClauseShape> AmrShapes() {
  std::vector<ClauseShape> out = {{}};
  const std::vector<std::vector<std::string>> values = {
      {"authenticated"}, {"unauthenticated"}, {"*"}, {"graph.facebook.com"}};
  for (const char* op : {"ForAnyValue:StringEquals", "ForAnyValue:StringLike"}) {
    for (const auto& v : values) out.push_back({op, v});
  }
  return out;
}

std::vector<PolicyDocument> TrustFamily() {
  std::vector<PolicyDocument> out;
  for (const ClauseShape& aud : AudShapes()) {
    for (const ClauseShape& amr : AmrShapes()) out.push_back(Doc({Allow(aud, amr)}));
  }
  // Two statements: a role for both kinds of token, or two pools.
  const ClauseShape guest{"ForAnyValue:StringLike", {"unauthenticated"}};
  const ClauseShape signed_in{"ForAnyValue:StringLike", {"authenticated"}};
  for (const std::string& pool : {kPoolEast, kOwnPool}) {
    out.push_back(Doc({Allow({"StringEquals", {pool}}, guest), Allow({"StringEquals", {pool}}, signed_in)}));
    out.push_back(Doc({Allow({"StringEquals", {pool}}, signed_in), Allow({"StringEquals", {kPoolWest}}, signed_in)}));
  }
  return out;
}

std::vector<TokenQuery> Questions() {
  std::vector<TokenQuery> out;
  const std::vector<std::pair<std::optional<std::string>, std::vector<std::string>>> auds = {
      {kPoolEast, {}}, {kOwnPool, {}}, {std::nullopt, {kPoolEast}}, {std::nullopt, {kOwnPool, kOtherPool}}};
  for (const auto& [aud, excluded] : auds) {
    for (TokenQuery::Amr amr : {TokenQuery::Amr::kGuest, TokenQuery::Amr::kSignedIn, TokenQuery::Amr::kAny}) {
      TokenQuery q;
      q.amr = amr;
      q.aud = aud;
      q.aud_excluded = excluded;
      out.push_back(q);
    }
  }
  return out;
}

std::map<std::string, ConstantShape> ScanShapes() {
  std::map<std::string, ConstantShape> shapes;
  for (const std::string& pool : {kOwnPool, kOtherPool}) {
    ConstantShape& shape = shapes[pool];
    shape.kind = ConstantShape::Kind::kPoolId;
    shape.region = "us-east-1";
    shape.scan_pool = true;
    shape.reason = "the ID of pool " + pool.substr(8, pool.size() - 11) + " is generated at deploy time";
  }
  return shapes;
}

int IndexOf(const TrustAnswer& answer) {
  return answer.witness && answer.witness->allowed_by ? answer.witness->allowed_by->index : -1;
}

void CheckSame(const TrustAnswer& a, const TrustAnswer& b) {
  REQUIRE(a.admitted == b.admitted);
  CHECK(a.depends_on_unknown == b.depends_on_unknown);
  CHECK(a.unknown_reason == b.unknown_reason);
  REQUIRE(a.witness.has_value() == b.witness.has_value());
  if (!a.witness) return;
  CHECK(a.witness->aud == b.witness->aud);
  CHECK(a.witness->sub == b.witness->sub);
  CHECK(a.witness->amr == b.witness->amr);
  CHECK(a.witness->context == b.witness->context);
  CHECK(IndexOf(a) == IndexOf(b));
}

// The questions the rules ask of a role: each pool of the scan as aud, any other pool.
std::vector<TokenQuery> RuleQuestions(const AnalysisContext& ctx) {
  std::vector<TokenQuery> out;
  std::vector<std::string> pools;
  for (size_t p = 0; p < ctx.graph().pools.size(); ++p) pools.push_back(ctx.PoolAud(static_cast<int>(p)));
  for (TokenQuery::Amr amr : {TokenQuery::Amr::kGuest, TokenQuery::Amr::kSignedIn, TokenQuery::Amr::kAny}) {
    for (const std::string& pool : pools) {
      TokenQuery q;
      q.amr = amr;
      q.aud = pool;
      out.push_back(q);
    }
  }
  TokenQuery others;
  others.aud_excluded = pools;
  out.push_back(others);
  out.push_back(TokenQuery{});
  return out;
}

}  // namespace

TEST_CASE("trust fast path: the same answers and witnesses as the solver over a family of trust shapes") {
  long fast_answers = 0;
  TrustSolver solver;
  solver.SetShapes(ScanShapes());
  solver.SetCaching(false);
  solver.SetFastPath(false);
  long questions = 0;
  for (const PolicyDocument& trust : TrustFamily()) {
    for (const TokenQuery& query : Questions()) {
      ++questions;
      CAPTURE(questions);
      CAPTURE(query.aud.value_or("free"));
      CAPTURE(static_cast<int>(query.amr));
      // Left to the solver (nullopt): nothing to compare.
      const std::optional<TrustAnswer> a = FastTrustAnswer(trust, query, solver.Shapes());
      if (!a) continue;
      ++fast_answers;
      CheckSame(*a, solver.CanAssume(trust, query));
    }
  }
  MESSAGE("fast path settled " << fast_answers << " of " << questions << " questions");
  CHECK(fast_answers * 3 > questions);  // the common shapes do take the fast path
  CHECK(solver.FastAnswers() == 0);
  CHECK(solver.SolverCalls() == fast_answers);
}

TEST_CASE("trust fast path: the same answers as the solver on the trusts of the rule fixtures") {
  long questions = 0;
  long fast_answers = 0;
  const std::filesystem::path root = std::filesystem::path(TRUSTLINT_SOURCE_DIR) / "fixtures" / "rules";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    // The trust rules' fixtures (TL1xx): the others' trusts repeat these shapes.
    const std::string rule = std::filesystem::relative(entry.path(), root).begin()->string();
    if (!entry.is_regular_file() || rule.rfind("TL1", 0) != 0) continue;
    ScanOptions options;
    options.paths = {entry.path().string()};
    const Graph graph = ScanPaths(options);
    AnalysisContext ctx(graph);
    TrustSolver solver;
    solver.SetShapes(ctx.solver().Shapes());
    solver.SetCaching(false);
    solver.SetFastPath(false);
    const std::vector<TokenQuery> queries = RuleQuestions(ctx);
    for (size_t role = 0; role < graph.roles.size(); ++role) {
      const PolicyDocument& trust = ctx.Trust(static_cast<int>(role));
      for (const TokenQuery& query : queries) {
        ++questions;
        CAPTURE(entry.path().string());
        CAPTURE(graph.roles[role].address);
        CAPTURE(query.aud.value_or("free"));
        CAPTURE(static_cast<int>(query.amr));
        const std::optional<TrustAnswer> a = FastTrustAnswer(trust, query, solver.Shapes());
        if (!a) continue;  // left to the solver
        ++fast_answers;
        CheckSame(*a, solver.CanAssume(trust, query));
      }
    }
  }
  MESSAGE("fast path settled " << fast_answers << " of " << questions << " fixture questions");
  CHECK(fast_answers > 0);
}

}  // namespace trustlint
