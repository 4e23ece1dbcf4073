// SPEC 4: an unknown is one fixed value. Each symbol of a trust or a question is one
// constant shared by every use, bounded by its shape; an answer is proven when it
// holds for every value of the constants and possible when it holds for some only.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "policy/symbolic.h"
#include "policy/token.h"

namespace trustlint {
namespace {

const std::string kPoolParam = "\xe2\x9f\xa8unknown:parameter PoolId has no default\x1froles.yaml\xe2\x9f\xa9";
const std::string kOtherParam = "\xe2\x9f\xa8unknown:parameter OtherPoolId has no default\x1froles.yaml\xe2\x9f\xa9";
const std::string kScanPool = "\xe2\x9f\xa8pool:app.yaml#IdentityPool\xe2\x9f\xa9";
const std::string kRegion = "\xe2\x9f\xa8pseudo:AWS::Region\xe2\x9f\xa9";

PolicyString Str(const std::string& text) {
  PolicyString s;
  s.text = text;
  s.display = text;
  return s;
}

Condition Cond(const std::string& op_text, const std::string& key, const std::vector<std::string>& values) {
  Condition c;
  c.op_text = op_text;
  ParseConditionOperator(op_text, &c.set, &c.op, &c.if_exists);
  c.key = key;
  c.key_lower = key;
  for (const std::string& v : values) c.values.push_back(Str(v));
  return c;
}

// One Allow for identity-pool tokens with these conditions.
PolicyDocument Trust(std::vector<Condition> conditions) {
  Statement s;
  s.has_principal = true;
  s.principals.push_back({"Federated", Str(std::string(cognito::kFederatedPrincipal))});
  s.actions.push_back(Str(std::string(cognito::kAssumeAction)));
  s.conditions = std::move(conditions);
  PolicyDocument doc;
  doc.statements.push_back(std::move(s));
  return doc;
}

Condition Aud(const std::string& op, std::vector<std::string> values) {
  return Cond(op, std::string(cognito::kAudKey), std::move(values));
}
Condition SignedInAmr() { return Cond("ForAnyValue:StringLike", std::string(cognito::kAmrKey), {"authenticated"}); }

TokenQuery SignedIn(std::optional<std::string> aud) {
  TokenQuery q;
  q.amr = TokenQuery::Amr::kSignedIn;
  q.aud = std::move(aud);
  return q;
}

}  // namespace

TEST_CASE("constants: one unknown pool ID is the same value in the attachment and in the trust") {
  TrustSolver solver;
  const PolicyDocument trust = Trust({Aud("StringEquals", {kPoolParam}), SignedInAmr()});
  const TrustAnswer own = solver.CanAssume(trust, SignedIn(kPoolParam));
  CHECK(own.admitted);
  CHECK_FALSE(own.depends_on_unknown);  // proven: whatever the parameter's value
  REQUIRE(own.witness);
  CHECK(own.witness->aud == kPoolParam);  // the witness names the constant, not a made-up value

  TokenQuery others = SignedIn(std::nullopt);
  others.aud_excluded = {kPoolParam};
  const TrustAnswer other = solver.CanAssume(trust, others);
  CHECK_FALSE(other.admitted);  // exactly one pool admitted: a proof, not "any value at each use"
  CHECK_FALSE(other.depends_on_unknown);
}

TEST_CASE("constants: two different inputs may or may not be the same pool: possible") {
  TrustSolver solver;
  const PolicyDocument trust = Trust({Aud("StringEquals", {kOtherParam}), SignedInAmr()});
  const TrustAnswer a = solver.CanAssume(trust, SignedIn(kPoolParam));
  CHECK(a.admitted);
  CHECK(a.depends_on_unknown);
  CHECK(a.unknown_reason.find("parameter") != std::string::npos);
}

TEST_CASE("constants: a pool ID starts with its known region") {
  TrustSolver solver;
  ConstantShape east;
  east.kind = ConstantShape::Kind::kPoolId;
  east.region = "us-east-1";
  solver.SetShapes({{kScanPool, east}});
  const PolicyDocument us_east = Trust({Aud("StringLike", {"us-east-1:*"}), SignedInAmr()});
  const TrustAnswer in_region = solver.CanAssume(us_east, SignedIn(kScanPool));
  CHECK(in_region.admitted);
  CHECK_FALSE(in_region.depends_on_unknown);
  const PolicyDocument eu_west = Trust({Aud("StringLike", {"eu-west-1:*"}), SignedInAmr()});
  const TrustAnswer other_region = solver.CanAssume(eu_west, SignedIn(kScanPool));
  CHECK_FALSE(other_region.admitted);
  CHECK_FALSE(other_region.depends_on_unknown);  // a proof: this pool is never in eu-west-1

  TrustSolver unshaped;  // region unknown: it depends on where the stack is deployed
  const TrustAnswer unknown_region = unshaped.CanAssume(us_east, SignedIn(kScanPool));
  CHECK(unknown_region.admitted);
  CHECK(unknown_region.depends_on_unknown);
}

TEST_CASE("constants: a value built from parts keeps them (region prefix plus an unknown UUID)") {
  TrustSolver solver;
  const std::string built = "us-east-1:" + kPoolParam;
  const PolicyDocument trust = Trust({Aud("StringEquals", {built}), SignedInAmr()});
  TokenQuery others = SignedIn(std::nullopt);
  others.aud_excluded = {built};
  CHECK_FALSE(solver.CanAssume(trust, others).admitted);
  const TrustAnswer own = solver.CanAssume(trust, SignedIn(built));
  CHECK(own.admitted);
  CHECK_FALSE(own.depends_on_unknown);
  // `${AWS::Region}:${PoolId}`: the same pool as "us-east-1:${PoolId}" only if the region is us-east-1.
  const std::string from_region = kRegion + ":" + kPoolParam;
  const PolicyDocument region = Trust({Aud("StringEquals", {from_region}), SignedInAmr()});
  const TrustAnswer maybe = solver.CanAssume(region, SignedIn(built));
  CHECK(maybe.admitted);
  CHECK(maybe.depends_on_unknown);
  CHECK(maybe.unknown_reason == "AWS::Region is not configured");
  TokenQuery not_itself = SignedIn(std::nullopt);
  not_itself.aud_excluded = {from_region};
  const TrustAnswer none = solver.CanAssume(region, not_itself);
  CHECK_FALSE(none.admitted);
  CHECK_FALSE(none.depends_on_unknown);
}

TEST_CASE("constants: allowed values and patterns bound an input") {
  const PolicyDocument trust =
      Trust({Aud("StringEquals", {"us-east-1:11111111-1111-1111-1111-111111111111",
                                  "us-east-1:22222222-2222-2222-2222-222222222222"}),
             SignedInAmr()});
  {
    TrustSolver free;  // any value: only some readings are one of the two
    const TrustAnswer a = free.CanAssume(trust, SignedIn(kPoolParam));
    CHECK(a.admitted);
    CHECK(a.depends_on_unknown);
  }
  {
    TrustSolver bounded;
    ConstantShape shape;
    shape.allowed_values = {"us-east-1:11111111-1111-1111-1111-111111111111",
                            "us-east-1:22222222-2222-2222-2222-222222222222"};
    bounded.SetShapes({{kPoolParam, shape}});
    const TrustAnswer a = bounded.CanAssume(trust, SignedIn(kPoolParam));
    CHECK(a.admitted);
    CHECK_FALSE(a.depends_on_unknown);  // every allowed value is trusted
  }
  {
    TrustSolver patterned;
    ConstantShape shape;
    shape.allowed_pattern = "^eu-west-1:[0-9a-f-]+$";
    patterned.SetShapes({{kPoolParam, shape}});
    const TrustAnswer a = patterned.CanAssume(trust, SignedIn(kPoolParam));
    CHECK_FALSE(a.admitted);  // no value the pattern allows is trusted
    CHECK_FALSE(a.depends_on_unknown);
  }
}

TEST_CASE("constants: an unknown StringLike pattern is exact when its shape has no wildcard") {
  const PolicyDocument trust = Trust({Aud("StringLike", {kPoolParam}), SignedInAmr()});
  TokenQuery others = SignedIn(std::nullopt);
  others.aud_excluded = {kPoolParam};
  TrustSolver free;  // could hold a `*`: admitting other pools is possible
  const TrustAnswer open = free.CanAssume(trust, others);
  CHECK(open.depends_on_unknown);
  TrustSolver pool_shaped;
  ConstantShape shape;
  shape.kind = ConstantShape::Kind::kPoolId;
  pool_shaped.SetShapes({{kPoolParam, shape}});
  const TrustAnswer exact = pool_shaped.CanAssume(trust, others);
  CHECK_FALSE(exact.admitted);
  CHECK_FALSE(exact.depends_on_unknown);
}

}  // namespace trustlint

namespace trustlint {

TEST_CASE("constants: a condition value over 1 KiB is not handed to the solver; the answer says so") {
  TrustSolver solver;
  const std::string huge = "us-east-1:" + std::string(30000, 'a');
  const PolicyDocument trust = Trust({Aud("StringEquals", {huge}), SignedInAmr()});
  const TrustAnswer own = solver.CanAssume(trust, SignedIn(kPoolParam));
  CHECK(own.depends_on_unknown);
  CHECK(own.unknown_reason.find("longer than the 1024 bytes the solver models") != std::string::npos);
  TokenQuery guest;
  guest.amr = TokenQuery::Amr::kGuest;
  guest.aud = kPoolParam;
  CHECK_FALSE(solver.CanAssume(trust, guest).admitted);  // the amr condition still decides: a proof
}

}  // namespace trustlint

namespace trustlint {

TEST_CASE("constants: an over-long pool ID in the question is a constant too") {
  TrustSolver solver;
  const std::string huge = "us-east-1:" + std::string(30000, 'b');
  const PolicyDocument trust = Trust({Aud("StringEquals", {huge}), SignedInAmr()});
  const TrustAnswer a = solver.CanAssume(trust, SignedIn(huge));
  CHECK(a.depends_on_unknown);  // neither side is modelled byte by byte: possibly the same value
}

}  // namespace trustlint
