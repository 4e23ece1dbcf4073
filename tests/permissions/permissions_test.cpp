// The permission algebra: scope-down data, shipped managed policies, effective
// permissions with denies, containment witnesses, and per-identity isolation through
// the `${cognito-identity.amazonaws.com:sub}` variable (the first seed's examples).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "policy/permissions.h"

using namespace trustlint;

namespace {

constexpr char kIdA[] = "us-east-1:11111111-1111-1111-1111-111111111111";
constexpr char kIdB[] = "us-east-1:22222222-2222-2222-2222-222222222222";

PolicyDocument Doc(const std::string& json) { return ParsePolicyDocument(Value::String(json), "TestRole"); }

PermissionSolver& Solver() {
  static PermissionSolver solver;
  return solver;
}

RolePermissions PermissionsOf(const std::vector<PolicyDocument>& docs, std::vector<std::string> managed = {},
                              IdentityClass identities = IdentityClass::kAny) {
  static Role role;  // EffectivePermissions only reads managed_policy_arns
  role.managed_policy_arns.clear();
  for (const std::string& arn : managed) role.managed_policy_arns.push_back(Value::String(arn));
  return EffectivePermissions(role, docs, Boundary{}, identities, Solver());
}

std::vector<std::string> GrantedActions(const RolePermissions& p) {
  std::vector<std::string> out;
  for (const Grant& g : p.grants) out.push_back(g.action->FullName() + " " + g.resource);
  return out;
}

// The seed's "identity specific paths in Amazon S3" policy.
constexpr char kSeedS3[] = R"({"Version": "2012-10-17", "Statement": [
  {"Action": ["s3:ListBucket"], "Effect": "Allow", "Resource": ["arn:aws:s3:::mybucket"],
   "Condition": {"StringLike": {"s3:prefix": ["${cognito-identity.amazonaws.com:sub}/*"]}}},
  {"Action": ["s3:GetObject", "s3:PutObject"], "Effect": "Allow",
   "Resource": ["arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/*"]}]})";

// The seed's DynamoDB fine-grained access policy.
constexpr char kSeedDynamo[] = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
             "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
  "Resource": ["arn:aws:dynamodb:us-west-2:123456789012:table/MyTable"],
  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}]})";

constexpr char kTable[] = "arn:aws:dynamodb:us-west-2:123456789012:table/MyTable";

}  // namespace

TEST_CASE("scope-down data: SPEC 6 lists, region classes, managed session policy") {
  const ScopeDownData& d = GuestScopeDown();
  CHECK(d.inline_default.size() == 38);
  CHECK(d.inline_opt_in.size() == 32);
  CHECK(d.managed.size() == 10);
  CHECK(d.date == "2026-11-23");
  CHECK(d.source.find("000_69bf4bf59012b70d") != std::string::npos);

  CHECK(ScopeDownAllows("s3:GetObject", RegionClass::kDefault));
  CHECK(ScopeDownAllows("S3:getobject", RegionClass::kOptIn));
  CHECK_FALSE(ScopeDownAllows("ec2:RunInstances", RegionClass::kDefault));
  CHECK_FALSE(ScopeDownAllows("iam:PassRole", RegionClass::kUnknown));
  CHECK(ScopeDownAllows("kms:ReEncryptFrom", RegionClass::kDefault));
  CHECK_FALSE(ScopeDownAllows("kms:CreateKey", RegionClass::kDefault));
  CHECK(ScopeDownAllows("sdb:Select", RegionClass::kDefault));
  CHECK(ScopeDownAllows("sdb:Select", RegionClass::kUnknown));
  CHECK_FALSE(ScopeDownAllows("sdb:Select", RegionClass::kOptIn));
  CHECK_FALSE(ScopeDownAllows("textract:AnalyzeExpense", RegionClass::kDefault));
  // Only the managed session policy names rum:PutRumEvents: usable in every region.
  CHECK(ScopeDownAllows("rum:PutRumEvents", RegionClass::kOptIn));
  CHECK_FALSE(ScopeDownAllows("rum:CreateAppMonitor", RegionClass::kDefault));

  CHECK(ClassifyRegion(Value::String("us-west-2")) == RegionClass::kDefault);
  CHECK(ClassifyRegion(Value::String("ap-east-1")) == RegionClass::kOptIn);
  CHECK(ClassifyRegion(Value::SymbolString({Symbol::Kind::kPseudo, "AWS::Region"})) == RegionClass::kUnknown);
  CHECK(ClassifyRegion(Value::Null()) == RegionClass::kUnknown);
}

TEST_CASE("the eight AWS managed policies are shipped and found by ARN") {
  CHECK(ShippedAwsManagedPolicies() ==
        std::vector<std::string>{"AdministratorAccess", "AmazonCognitoDeveloperAuthenticatedIdentities",
                                 "AmazonCognitoPowerUser", "AmazonCognitoReadOnly", "AmazonDynamoDBFullAccess",
                                 "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "IAMFullAccess"});
  CHECK(AwsManagedPolicyName("arn:aws:iam::aws:policy/AdministratorAccess") == "AdministratorAccess");
  CHECK(AwsManagedPolicyName("arn:⟨pseudo:AWS::Partition⟩:iam::aws:policy/IAMFullAccess") == "IAMFullAccess");
  CHECK(AwsManagedPolicyName("arn:aws:iam::aws:policy/service-role/AWSLambdaRole") == "AWSLambdaRole");
  CHECK_FALSE(AwsManagedPolicyName("arn:aws:iam::123456789012:policy/Mine"));
  for (const std::string& name : ShippedAwsManagedPolicies()) {
    INFO(name);
    const PolicyDocument* doc = AwsManagedPolicy(name);
    REQUIRE(doc != nullptr);
    CHECK(doc->issues.empty());
    CHECK_FALSE(doc->statements.empty());
  }
  CHECK(AwsManagedPolicy("AWSLambdaRole") == nullptr);

  std::vector<PolicyDocument> none;
  const RolePermissions admin = PermissionsOf(none, {"arn:aws:iam::aws:policy/AdministratorAccess",
                                                     "arn:aws:iam::aws:policy/AWSLambdaRole"});
  CHECK(admin.unknown_managed == std::vector<std::string>{"arn:aws:iam::aws:policy/AWSLambdaRole"});
  REQUIRE(admin.managed.size() == 1);
  // Every action is granted; the Cognito identity-pool and Sync ones are dead for identities.
  CHECK(admin.grants.size() + admin.dead_grants.size() == ActionCatalogue::Get().ActionCount());
  CHECK_FALSE(admin.dead_grants.empty());
  const RolePermissions s3_read = PermissionsOf(none, {"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"});
  Request get;
  get.action = "s3:GetObject";
  get.resource = "arn:aws:s3:::any/key";
  CHECK(Allows(s3_read.documents, get));
  get.action = "s3:PutObject";
  CHECK_FALSE(Allows(s3_read.documents, get));
}

TEST_CASE("effective permissions: expansion through the catalogue minus unconditional denies") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*Object", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})"));
  const RolePermissions p = PermissionsOf(docs);
  const std::vector<std::string> granted = GrantedActions(p);
  CHECK(std::find(granted.begin(), granted.end(), "s3:GetObject arn:aws:s3:::b/*") != granted.end());
  // A conditional deny leaves the grant: it is still usable under other conditions.
  CHECK(std::find(granted.begin(), granted.end(), "s3:PutObject arn:aws:s3:::b/*") != granted.end());
  CHECK(std::find(granted.begin(), granted.end(), "s3:DeleteObject arn:aws:s3:::b/*") == granted.end());
  CHECK_FALSE(p.depends_on_unknown);
}

TEST_CASE("guest scope-down keeps only session-policy actions") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "ec2:DescribeInstances", "sdb:Select"], "Resource": "*"}]})"));
  const RolePermissions p = PermissionsOf(docs);
  auto names = [](const std::vector<const Grant*>& grants) {
    std::vector<std::string> out;
    for (const Grant* g : grants) out.push_back(g->action->FullName());
    return out;
  };
  CHECK(names(GuestUsable(p, RegionClass::kDefault)) == std::vector<std::string>{"s3:GetObject", "sdb:Select"});
  CHECK(names(GuestUsable(p, RegionClass::kOptIn)) == std::vector<std::string>{"s3:GetObject"});
}

TEST_CASE("containment: guest role broader than the signed-in role, with a re-checked witness") {
  std::vector<PolicyDocument> guest_docs;
  guest_docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::public/*"}]})"));
  std::vector<PolicyDocument> auth_docs;
  auth_docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public/*"}]})"));
  const RolePermissions guest = PermissionsOf(guest_docs);
  const RolePermissions auth = PermissionsOf(auth_docs);
  const Request guest_request = IdentityRequest(kIdA, "us-east-1:pool", true);
  const Request auth_request = IdentityRequest(kIdA, "us-east-1:pool", false);
  const ContainmentAnswer excess = FindExcess(Solver(), guest, guest_request, auth, auth_request);
  REQUIRE(excess.witness);
  CHECK(excess.witness->action == "s3:PutObject");
  CHECK(excess.witness->resource == "arn:aws:s3:::public/example");
  CHECK(excess.excess_actions == 1);
  // And the other way round everything is contained.
  const ContainmentAnswer back = FindExcess(Solver(), auth, auth_request, guest, guest_request);
  CHECK_FALSE(back.witness);
  CHECK(back.unsettled.empty());
}

TEST_CASE("per-identity isolation: the seed's S3 policy keeps identity A out of B's prefix") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(kSeedS3));
  const RolePermissions p = PermissionsOf(docs);
  const std::string a_object = std::string("arn:aws:s3:::mybucket/") + kIdA + "/photo.jpg";
  const std::string b_object = std::string("arn:aws:s3:::mybucket/") + kIdB + "/photo.jpg";
  CHECK(CanTouch(p.documents, kIdA, "s3:GetObject", a_object));
  CHECK(CanTouch(p.documents, kIdA, "s3:PutObject", a_object));
  CHECK_FALSE(CanTouch(p.documents, kIdA, "s3:GetObject", b_object));
  CHECK_FALSE(CanTouch(p.documents, kIdA, "s3:PutObject", b_object));
  CHECK(CanTouch(p.documents, kIdB, "s3:GetObject", b_object));

  Request list = IdentityRequest(kIdA, "us-east-1:pool", false);
  list.action = "s3:ListBucket";
  list.resource = "arn:aws:s3:::mybucket";
  list.context["s3:prefix"] = {std::string(kIdA) + "/"};
  CHECK(Allows(p.documents, list));
  list.context["s3:prefix"] = {std::string(kIdB) + "/"};
  CHECK_FALSE(Allows(p.documents, list));
}

TEST_CASE("per-identity isolation: a broken S3 variant lets A touch B's objects, and the witness shows it") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [
    {"Action": ["s3:GetObject", "s3:PutObject"], "Effect": "Allow", "Resource": ["arn:aws:s3:::mybucket/*"]}]})"));
  const RolePermissions p = PermissionsOf(docs);
  const std::string b_object = std::string("arn:aws:s3:::mybucket/") + kIdB + "/photo.jpg";
  CHECK(CanTouch(p.documents, kIdA, "s3:PutObject", b_object));
}

TEST_CASE("per-identity isolation: the seed's DynamoDB policy keeps A out of B's items") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(kSeedDynamo));
  const RolePermissions p = PermissionsOf(docs);
  CHECK(CanTouch(p.documents, kIdA, "dynamodb:GetItem", kTable, {kIdA}));
  CHECK(CanTouch(p.documents, kIdA, "dynamodb:PutItem", kTable, {kIdA}));
  CHECK_FALSE(CanTouch(p.documents, kIdA, "dynamodb:GetItem", kTable, {kIdB}));
  CHECK_FALSE(CanTouch(p.documents, kIdA, "dynamodb:BatchWriteItem", kTable, {kIdA, kIdB}));
  // Scan carries no leading keys; the seed's policy does not grant it.
  CHECK_FALSE(CanTouch(p.documents, kIdA, "dynamodb:Scan", kTable));
}

TEST_CASE("per-identity isolation: dynamodb:* with LeadingKeys lets A Scan B's items (ForAllValues on no keys)") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*",
    "Resource": "arn:aws:dynamodb:us-west-2:123456789012:table/MyTable",
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}}]})"));
  const RolePermissions p = PermissionsOf(docs);
  CHECK_FALSE(CanTouch(p.documents, kIdA, "dynamodb:GetItem", kTable, {kIdB}));
  CHECK(CanTouch(p.documents, kIdA, "dynamodb:Scan", kTable));
}

TEST_CASE("per-identity isolation: the seed's Cognito Sync policy scopes by aud and sub") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cognito-sync:*",
    "Resource": ["arn:aws:cognito-sync:us-east-1:123456789012:identitypool/${cognito-identity.amazonaws.com:aud}/identity/${cognito-identity.amazonaws.com:sub}/*"]}]})"));
  const RolePermissions p = PermissionsOf(docs);
  const std::string prefix = "arn:aws:cognito-sync:us-east-1:123456789012:identitypool/"
                             "us-east-1:00000000-0000-0000-0000-000000000000/identity/";
  CHECK(CanTouch(p.documents, kIdA, "cognito-sync:ListRecords", prefix + kIdA + "/dataset/Profile"));
  CHECK_FALSE(CanTouch(p.documents, kIdA, "cognito-sync:ListRecords", prefix + kIdB + "/dataset/Profile"));
}

TEST_CASE("messages group actions by service with counts; the sub variable in any case") {
  CHECK(GroupByService({"s3:GetObject", "ec2:RunInstances", "s3:PutObject", "ec2:StopInstances", "iam:PassRole"}, 1) ==
        "ec2 (2): RunInstances, …; iam (1): PassRole; s3 (2): GetObject, …");
  CHECK(HasSubVariable("arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*"));
  CHECK(HasSubVariable("${Cognito-Identity.amazonaws.com:SUB}"));
  CHECK_FALSE(HasSubVariable("arn:aws:s3:::b/&{cognito-identity.amazonaws.com:sub}/*"));
  CHECK_FALSE(HasSubVariable("arn:aws:s3:::b/${cognito-identity.amazonaws.com:aud}/*"));
}

TEST_CASE("SummarizePermissions: access levels and guest usability per region") {
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "sdb:PutAttributes", "iam:PassRole"], "Resource": "*"}]})"));
  const RolePermissions p = PermissionsOf(docs);
  auto render = [](const std::vector<EffectiveEntry>& entries) {
    std::string out;
    for (const EffectiveEntry& e : entries) {
      out += e.action + " " + std::string(e.access) + " " + e.resource + (e.guest_usable ? " guest" : "") + "\n";
    }
    return out;
  };
  CHECK(render(SummarizePermissions(p, RegionClass::kDefault)) ==
        "iam:PassRole Write *\n"
        "s3:GetObject Read * guest\n"
        "sdb:PutAttributes Write * guest\n");
  CHECK(render(SummarizePermissions(p, RegionClass::kOptIn)) ==
        "iam:PassRole Write *\n"
        "s3:GetObject Read * guest\n"
        "sdb:PutAttributes Write *\n");
}
