// Policy variables by Version outside the evaluator: without Version 2012-10-17 a
// `${...}` is literal text for CanTouch and WitnessResource too.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "graph/graph.h"
#include "policy/permissions.h"
#include "policy/policy.h"

namespace trustlint {
namespace {

constexpr char kIdA[] = "us-east-1:11111111-1111-1111-1111-111111111111";
constexpr char kIdB[] = "us-east-1:22222222-2222-2222-2222-222222222222";

RolePermissions PermissionsOf(const std::vector<PolicyDocument>& docs) {
  static Role role;  // EffectivePermissions only reads managed_policy_arns
  return EffectivePermissions(role, docs);
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
    REQUIRE_FALSE(p.grants.empty());
    const Request request = IdentityRequest(kIdA, "us-east-1:pool", false);
    CHECK(WitnessResource(p.grants.front(), request) ==
          "arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/example");
  }
  REQUIRE_FALSE(scoped.grants.empty());
  CHECK(WitnessResource(scoped.grants.front(), IdentityRequest(kIdA, "us-east-1:pool", false)) ==
        std::string("arn:aws:s3:::mybucket/") + kIdA + "/example");
}

}  // namespace
}  // namespace trustlint
