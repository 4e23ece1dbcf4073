#include <doctest/doctest.h>

#include <string>

#include "policy/z3_strings.h"

namespace trustlint {
namespace {

// Solves `var == literal` (or a regex constraint) and reads the model back.
std::optional<std::string> SolveFor(z3::context& ctx, const z3::expr& var, const z3::expr& constraint) {
  z3::solver solver(ctx);
  solver.add(constraint);
  solver.add(InByteRange(var));
  if (solver.check() != z3::sat) return std::nullopt;
  return ModelBytes(solver.get_model().eval(var, true));
}

TEST_CASE("z3 strings: UTF-8 sentinel round-trips byte for byte") {
  z3::context ctx;
  z3::expr x = ctx.string_const("x");
  const std::string sentinel = "\xe2\x9f\xa8pool:x.yaml#Pool\xe2\x9f\xa9";
  CHECK(SolveFor(ctx, x, x == ByteString(ctx, sentinel)) == sentinel);
}

TEST_CASE("z3 strings: backslashes and escape-like text stay literal") {
  z3::context ctx;
  z3::expr x = ctx.string_const("x");
  const std::string text = "a\\u{41}\\\\b\"\n\x01";
  CHECK(SolveFor(ctx, x, x == ByteString(ctx, text)) == text);
  CHECK(ByteString(ctx, text).length().simplify().get_numeral_int() == static_cast<int>(text.size()));
}

TEST_CASE("z3 strings: glob regex follows IAM wildcards over bytes") {
  z3::context ctx;
  z3::expr x = ctx.string_const("x");
  auto pattern = ParsePattern("*authenticated", true);
  REQUIRE(pattern.has_value());
  z3::expr re = GlobRegex(ctx, *pattern);
  CHECK(SolveFor(ctx, x, z3::in_re(x, re) && x == ctx.string_val("unauthenticated")).has_value());
  CHECK_FALSE(SolveFor(ctx, x, z3::in_re(x, re) && x == ctx.string_val("authenticatedX")).has_value());
  // `?` is exactly one character; `${*}` is a literal star, not a wildcard.
  auto question = ParsePattern("a?c${*}", true);
  REQUIRE(question.has_value());
  z3::expr re2 = GlobRegex(ctx, *question);
  CHECK(SolveFor(ctx, x, z3::in_re(x, re2) && x == ctx.string_val("abc*")).has_value());
  CHECK_FALSE(SolveFor(ctx, x, z3::in_re(x, re2) && x == ctx.string_val("abcd")).has_value());
  CHECK_FALSE(SolveFor(ctx, x, z3::in_re(x, re2) && x == ctx.string_val("ac*")).has_value());
}

TEST_CASE("z3 strings: `?` consumes one UTF-8 code point, as the evaluator's GlobMatch") {
  z3::context ctx;
  z3::expr x = ctx.string_const("x");
  auto pattern = ParsePattern("?pool:*", true);
  REQUIRE(pattern.has_value());
  z3::expr re = GlobRegex(ctx, *pattern);
  CHECK(SolveFor(ctx, x, z3::in_re(x, re) && x == ByteString(ctx, "\xe2\x9f\xa8pool:x\xe2\x9f\xa9")).has_value());
  CHECK_FALSE(SolveFor(ctx, x, z3::in_re(x, re) && x == ByteString(ctx, "\xe2\x9f\xa8\xe2\x9f\xa8pool:")).has_value());
}

TEST_CASE("z3 strings: policy variables other than ${*} ${?} ${$} are not patterns") {
  CHECK_FALSE(ParsePattern("us-east-1:${cognito-identity.amazonaws.com:sub}", true).has_value());
  auto literal = ParsePattern("a*${$}", false);
  REQUIRE(literal.has_value());
  CHECK(PatternBytes(*literal) == "a*$");
}

TEST_CASE("z3 strings: without Version 2012-10-17 a policy variable is literal text") {
  auto literal = ParsePattern("us-east-1:${cognito-identity.amazonaws.com:sub}", true, false);
  REQUIRE(literal.has_value());
  CHECK(PatternBytes(*literal) == "us-east-1:${cognito-identity.amazonaws.com:sub}");
  auto escape = ParsePattern("a${*}", true, false);  // not an escape either: `*` stays a wildcard
  REQUIRE(escape.has_value());
  CHECK(escape->back().kind == PatternChar::Kind::kByte);
  CHECK((*escape)[3].kind == PatternChar::Kind::kStar);
}

TEST_CASE("z3 strings: case-folded regex matches either case of ASCII letters only") {
  z3::context ctx;
  z3::expr x = ctx.string_const("x");
  z3::expr re = CaseFoldedRegex(ctx, "Auth-1\xc3\xa9");
  CHECK(SolveFor(ctx, x, z3::in_re(x, re) && x == ByteString(ctx, "aUTH-1\xc3\xa9")).has_value());
  CHECK_FALSE(SolveFor(ctx, x, z3::in_re(x, re) && x == ByteString(ctx, "aUTH-1\xc3\x89")).has_value());
}

}  // namespace
}  // namespace trustlint
