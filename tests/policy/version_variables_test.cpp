// Policy variables by Version outside the evaluator: without Version 2012-10-17 a
// `${...}` is literal text for CanTouch and for the permission engine too.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "graph/graph.h"
#include "policy/catalogue.h"
#include "policy/containment.h"
#include "policy/permissions.h"
#include "policy/policy.h"

namespace trustlint {
namespace {

constexpr char kIdA[] = "us-east-1:11111111-1111-1111-1111-111111111111";
constexpr char kIdB[] = "us-east-1:22222222-2222-2222-2222-222222222222";

RolePermissions PermissionsOf(const std::vector<PolicyDocument>& docs) {
  static Role role;  // EffectivePermissions only reads managed_policy_arns
  static PermissionSolver solver;
  return EffectivePermissions(role, docs, Boundary{}, IdentityClass::kSignedIn, solver);
}

// Identity A signed in, with only the policy's documents.
PermissionSide SideOf(const std::vector<const PolicyDocument*>& documents) {
  PermissionSide side;
  side.layers.push_back(documents);
  side.identity = IdentityRequest(kIdA, "us-east-1:pool", false);
  side.decided_keys = {std::string(kAmrKey), std::string(kAudKey), std::string(kSubKey)};
  return side;
}

std::vector<PolicyDocument> S3Policy(const std::string& version) {
  std::vector<PolicyDocument> docs;
  docs.push_back(ParsePolicyDocument(
      Value::String("{" + version + R"("Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/*"}]})"),
      "TestRole"));
  return docs;
}

TEST_CASE("version variables: the sub variable scopes identities only under Version 2012-10-17") {
  const std::string own = std::string("arn:aws:s3:::mybucket/") + kIdA + "/photo.jpg";
  const std::string literal = "arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/photo.jpg";
  const std::vector<PolicyDocument> scoped_docs = S3Policy(R"("Version": "2012-10-17",)");
  const RolePermissions scoped = PermissionsOf(scoped_docs);
  CHECK(CanTouch(scoped.documents, kIdA, "s3:PutObject", own));
  CHECK_FALSE(CanTouch(scoped.documents, kIdA, "s3:PutObject", literal));
  for (const std::string version : {"", R"("Version": "2008-10-17",)"}) {
    CAPTURE(version);
    const std::vector<PolicyDocument> docs = S3Policy(version);
    const RolePermissions p = PermissionsOf(docs);
    CHECK_FALSE(CanTouch(p.documents, kIdA, "s3:PutObject", own));
    CHECK(CanTouch(p.documents, kIdA, "s3:PutObject", literal));
    CHECK(CanTouch(p.documents, kIdB, "s3:PutObject", literal));  // both identities share the literal path
  }
}

TEST_CASE("version variables: the permission engine substitutes the sub variable only under Version 2012-10-17") {
  PermissionSolver solver;
  const std::vector<const ActionInfo*> put = ActionCatalogue::Get().Expand("s3:PutObject");
  REQUIRE(put.size() == 1);
  // What identity A's own prefix allows: the policy under 2012-10-17 is inside it.
  const std::vector<PolicyDocument> own_prefix = {ParsePolicyDocument(
      Value::String(std::string(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "s3:PutObject", "Resource": "arn:aws:s3:::mybucket/)") + kIdA + R"(/*"}]})"),
      "OwnPrefix")};
  const PermissionSide own = SideOf({&own_prefix.front()});
  const std::vector<PolicyDocument> scoped = S3Policy(R"("Version": "2012-10-17",)");
  CHECK(solver.Excess(SideOf({&scoped.front()}), own, put).Contained());
  for (const std::string version : {"", R"("Version": "2008-10-17",)"}) {
    CAPTURE(version);
    const std::vector<PolicyDocument> literal = S3Policy(version);
    const ExcessAnswer answer = solver.Excess(SideOf({&literal.front()}), own, put);
    REQUIRE(answer.excess.size() == 1);
    CHECK(answer.excess.front().resource.rfind("arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/", 0) == 0);
  }
}

}  // namespace
}  // namespace trustlint
