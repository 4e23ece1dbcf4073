// The concrete evaluator against the IAM User Guide's own worked examples.
// Policies are written as JSON text (the parser's JSON-string path), which
// also exercises ParsePolicyDocument end to end.
#include "policy/evaluator.h"

#include <doctest/doctest.h>

#include <string>

#include "policy/policy.h"
#include "policy/token.h"

namespace trustlint {
namespace {

PolicyDocument Doc(const std::string& json) {
  PolicyDocument doc = ParsePolicyDocument(Value::String(json, Location{"p.json", 1, 1}), "Resources/Role");
  REQUIRE(doc.issues.empty());
  REQUIRE_FALSE(doc.unknown);
  return doc;
}

// One condition clause `{"<op>": {"<key>": <values>}}` as a Condition.
Condition Cond(const std::string& op, const std::string& key, const std::string& values_json) {
  const PolicyDocument doc = Doc(R"({"Statement": {"Effect": "Allow", "Action": "*", "Condition": {")" + op +
                                 R"(": {")" + key + R"(": )" + values_json + "}}}}");
  REQUIRE(doc.statements.size() == 1);
  REQUIRE(doc.statements[0].conditions.size() == 1);
  return doc.statements[0].conditions[0];
}

Request With(std::map<std::string, std::vector<std::string>> context) {
  Request request;
  request.action = "s3:GetObject";
  request.context = std::move(context);
  return request;
}

bool Holds(const std::string& op, const std::string& key, const std::string& values,
           std::map<std::string, std::vector<std::string>> context) {
  return ConditionHolds(Cond(op, key, values), With(std::move(context)));
}

TEST_CASE("policy.glob: star, question mark, case and UTF-8") {
  CHECK(GlobMatch("*", "", false));
  CHECK(GlobMatch("s3:Get*", "s3:GetObject", false));
  CHECK_FALSE(GlobMatch("s3:Get*", "s3:getobject", false));
  CHECK(GlobMatch("s3:Get*", "S3:GETOBJECT", true));  // actions are case-insensitive
  CHECK(GlobMatch("a?c", "abc", false));
  CHECK_FALSE(GlobMatch("a?c", "ac", false));
  CHECK(GlobMatch("a?c", "a\u00e9c", false));      // ? is one code point, not one byte
  CHECK_FALSE(GlobMatch("*??", "\u20ac", false));  // one 3-byte character is not two
  CHECK(GlobMatch("*authenticated", "unauthenticated", false));
  CHECK(GlobMatch("*a*b*c*", "xxaxxbxxcxx", false));
  CHECK_FALSE(GlobMatch("*a*b*c*", "xxcxxbxxaxx", false));
  // No exponential backtracking: this would take ages with naive recursion.
  const std::string text(5000, 'a');
  CHECK_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*a*a*b", text, false));
}

TEST_CASE("policy.variables: substitution, defaults, special characters") {
  const Request r = With({{"aws:username", {"alice"}}, {"aws:tagkeys", {"a", "b"}}});
  CHECK(SubstituteVariables("home/${aws:username}/*", r) == "home/alice/*");
  CHECK(SubstituteVariables("home/${AWS:UserName}", r) == "home/alice");  // keys are case-insensitive
  CHECK(SubstituteVariables("${aws:missing, 'none'}", r) == "none");
  CHECK(SubstituteVariables("${aws:username, 'none'}", r) == "alice");
  CHECK(SubstituteVariables("${*}${?}${$}", r) == "*?$");
  CHECK(SubstituteVariables("${aws:missing}", r) == std::nullopt);
  CHECK(SubstituteVariables("${aws:tagkeys}", r) == std::nullopt);  // multivalued
  CHECK(SubstituteVariables("no variables ${ here", r) == "no variables ${ here");
}

// IAM User Guide, "Condition operators" and "Multivalued context keys".
TEST_CASE("policy.condition: ForAllValues, ForAnyValue and absent keys") {
  // ForAllValues returns true when the key is absent or empty.
  CHECK(Holds("ForAllValues:StringEquals", "aws:TagKeys", R"(["Environment","CostCenter"])", {}));
  CHECK(Holds("ForAllValues:StringEquals", "aws:TagKeys", R"(["Environment","CostCenter"])",
              {{"aws:tagkeys", {"Environment", "CostCenter"}}}));
  CHECK(Holds("ForAllValues:StringEquals", "aws:TagKeys", R"(["Environment","CostCenter"])",
              {{"aws:tagkeys", {"Environment"}}}));
  // The guide's point: values compare case-sensitively under StringEquals.
  CHECK_FALSE(Holds("ForAllValues:StringEquals", "aws:TagKeys", R"(["Environment","CostCenter"])",
                    {{"aws:tagkeys", {"environment", "costcenter"}}}));
  CHECK(Holds("ForAllValues:StringEqualsIgnoreCase", "aws:TagKeys", R"(["Environment","CostCenter"])",
              {{"aws:tagkeys", {"environment", "costcenter"}}}));
  CHECK_FALSE(Holds("ForAllValues:StringEquals", "aws:TagKeys", R"(["Environment","CostCenter"])",
                    {{"aws:tagkeys", {"Environment", "Owner"}}}));
  // ForAnyValue: some request value must match; absent is false.
  CHECK(Holds("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Environment","CostCenter"])",
              {{"aws:tagkeys", {"Owner", "CostCenter"}}}));
  CHECK_FALSE(Holds("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Environment","CostCenter"])",
                    {{"aws:tagkeys", {"Owner"}}}));
  CHECK_FALSE(Holds("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Environment"])", {}));
  CHECK_FALSE(Holds("ForAnyValue:StringNotEquals", "aws:TagKeys", R"(["Environment"])", {}));
  // ForAllValues with a negated operator: no request value may be listed.
  CHECK(Holds("ForAllValues:StringNotLike", "aws:TagKeys", R"(["Secret*"])", {{"aws:tagkeys", {"a", "b"}}}));
  CHECK_FALSE(
      Holds("ForAllValues:StringNotLike", "aws:TagKeys", R"(["Secret*"])", {{"aws:tagkeys", {"a", "SecretX"}}}));
}

TEST_CASE("policy.condition: plain operators on absent and multivalued keys") {
  // Absent key: positive operators fail, negated operators hold.
  CHECK_FALSE(Holds("StringEquals", "aws:PrincipalTag/dept", R"("eng")", {}));
  CHECK(Holds("StringNotEquals", "aws:PrincipalTag/dept", R"("eng")", {}));
  CHECK(Holds("StringNotLike", "aws:PrincipalTag/dept", R"("eng")", {}));
  CHECK(Holds("ArnNotLike", "aws:SourceArn", R"("arn:aws:s3:::x")", {}));
  CHECK(Holds("NotIpAddress", "aws:SourceIp", R"("10.0.0.0/8")", {}));
  CHECK(Holds("NumericNotEquals", "s3:max-keys", R"("10")", {}));
  CHECK(Holds("DateNotEquals", "aws:CurrentTime", R"("2020-01-01")", {}));
  CHECK(Holds("StringNotEqualsIgnoreCase", "aws:PrincipalTag/dept", R"("eng")", {}));
  // Multivalued key, no set prefix: positive holds if some value matches...
  CHECK(Holds("StringLike", "cognito-identity.amazonaws.com:amr", R"("authenticated")",
              {{"cognito-identity.amazonaws.com:amr", {"authenticated", "graph.facebook.com"}}}));
  // ...negated holds only if no value matches any condition value.
  CHECK_FALSE(Holds("StringNotEquals", "cognito-identity.amazonaws.com:amr", R"("unauthenticated")",
                    {{"cognito-identity.amazonaws.com:amr", {"authenticated", "unauthenticated"}}}));
  CHECK(Holds("StringNotEquals", "cognito-identity.amazonaws.com:amr", R"("unauthenticated")",
              {{"cognito-identity.amazonaws.com:amr", {"authenticated", "graph.facebook.com"}}}));
  // Condition keys are case-insensitive.
  CHECK(Holds("StringEquals", "AWS:PrincipalTag/Dept", R"("eng")", {{"aws:principaltag/dept", {"eng"}}}));
}

TEST_CASE("policy.condition: IfExists and Null") {
  CHECK(Holds("StringEqualsIfExists", "ec2:InstanceType", R"(["t2.micro"])", {}));
  CHECK(Holds("StringEqualsIfExists", "ec2:InstanceType", R"(["t2.micro"])", {{"ec2:instancetype", {"t2.micro"}}}));
  CHECK_FALSE(
      Holds("StringEqualsIfExists", "ec2:InstanceType", R"(["t2.micro"])", {{"ec2:instancetype", {"m5.large"}}}));
  // {"Null": {"aws:TokenIssueTime": "true"}}: holds when the key is absent.
  CHECK(Holds("Null", "aws:TokenIssueTime", R"("true")", {}));
  CHECK_FALSE(Holds("Null", "aws:TokenIssueTime", R"("true")", {{"aws:tokenissuetime", {"2020-01-01T00:00:00Z"}}}));
  CHECK(Holds("Null", "aws:TokenIssueTime", R"(false)", {{"aws:tokenissuetime", {"2020-01-01T00:00:00Z"}}}));
  CHECK_FALSE(Holds("Null", "aws:TokenIssueTime", R"(false)", {}));
}

TEST_CASE("policy.condition: numeric, date and bool") {
  // IAM guide: {"NumericLessThanEquals": {"s3:max-keys": "10"}}.
  CHECK(Holds("NumericLessThanEquals", "s3:max-keys", R"("10")", {{"s3:max-keys", {"10"}}}));
  CHECK(Holds("NumericLessThan", "s3:max-keys", R"("10")", {{"s3:max-keys", {"9.5"}}}));
  CHECK_FALSE(Holds("NumericLessThan", "s3:max-keys", R"("10")", {{"s3:max-keys", {"10"}}}));
  CHECK_FALSE(Holds("NumericLessThan", "s3:max-keys", R"("10")", {{"s3:max-keys", {"ten"}}}));
  CHECK_FALSE(Holds("NumericLessThan", "s3:max-keys", R"("10")", {{"s3:max-keys", {"0x5"}}}));
  CHECK_FALSE(Holds("NumericLessThan", "s3:max-keys", R"("10")", {{"s3:max-keys", {"-inf"}}}));
  CHECK(Holds("NumericLessThan", "s3:max-keys", R"("1e3")", {{"s3:max-keys", {"-2.5"}}}));
  CHECK(Holds("NumericGreaterThanEquals", "s3:max-keys", "10", {{"s3:max-keys", {"10"}}}));
  CHECK(Holds("NumericNotEquals", "s3:max-keys", R"("10")", {{"s3:max-keys", {"11"}}}));
  // IAM guide: {"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}}.
  CHECK(Holds("DateGreaterThan", "aws:TokenIssueTime", R"("2020-01-01T00:00:01Z")",
              {{"aws:tokenissuetime", {"2020-01-01T00:00:02Z"}}}));
  CHECK_FALSE(Holds("DateGreaterThan", "aws:TokenIssueTime", R"("2020-01-01T00:00:01Z")",
                    {{"aws:tokenissuetime", {"2020-01-01T00:00:01Z"}}}));
  CHECK(Holds("DateGreaterThan", "aws:CurrentTime", R"("2019-12-31")", {{"aws:currenttime", {"1577836800"}}}));
  CHECK(Holds("DateEquals", "aws:CurrentTime", R"("2020-01-01T00:00:00Z")", {{"aws:currenttime", {"1577836800"}}}));
  CHECK(Holds("DateEquals", "aws:CurrentTime", R"("2020-01-01T02:00:00+02:00")",
              {{"aws:currenttime", {"2020-01-01T00:00:00Z"}}}));
  CHECK(Holds("DateLessThan", "aws:CurrentTime", R"("2020-01-01T00:00:00.500Z")",
              {{"aws:currenttime", {"2020-01-01T00:00:00Z"}}}));
  // {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
  CHECK(Holds("Bool", "aws:MultiFactorAuthPresent", R"("true")", {{"aws:multifactorauthpresent", {"true"}}}));
  CHECK(Holds("Bool", "aws:MultiFactorAuthPresent", "true", {{"aws:multifactorauthpresent", {"TRUE"}}}));
  CHECK_FALSE(Holds("Bool", "aws:MultiFactorAuthPresent", R"("true")", {{"aws:multifactorauthpresent", {"false"}}}));
  CHECK_FALSE(Holds("Bool", "aws:MultiFactorAuthPresent", R"("true")", {}));
  CHECK(Holds("BoolIfExists", "aws:MultiFactorAuthPresent", R"("true")", {}));
}

TEST_CASE("policy.condition: binary, IP addresses and ARNs") {
  // "QmluYXJ5VmFsdWVJbkJhc2U2NA==" is the guide's BinaryEquals example ("BinaryValueInBase64").
  CHECK(Holds("BinaryEquals", "key", R"("QmluYXJ5VmFsdWVJbkJhc2U2NA==")", {{"key", {"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}}));
  CHECK(Holds("BinaryEquals", "key", R"("QmluYXJ5VmFsdWVJbkJhc2U2NA==")", {{"key", {"QmluYXJ5VmFsdWVJbkJhc2U2NA"}}}));
  CHECK_FALSE(Holds("BinaryEquals", "key", R"("QmluYXJ5VmFsdWVJbkJhc2U2NA==")", {{"key", {"QmluYXJ5"}}}));
  // {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}} and the IPv6 form.
  CHECK(Holds("IpAddress", "aws:SourceIp", R"("203.0.113.0/24")", {{"aws:sourceip", {"203.0.113.77"}}}));
  CHECK_FALSE(Holds("IpAddress", "aws:SourceIp", R"("203.0.113.0/24")", {{"aws:sourceip", {"203.0.114.1"}}}));
  CHECK(Holds("IpAddress", "aws:SourceIp", R"(["203.0.113.0/24", "2001:DB8:1234:5678::/64"])",
              {{"aws:sourceip", {"2001:db8:1234:5678::1"}}}));
  CHECK_FALSE(Holds("IpAddress", "aws:SourceIp", R"("2001:DB8:1234:5678::/64")",
                    {{"aws:sourceip", {"2001:db8:1234:5679::1"}}}));
  CHECK(Holds("IpAddress", "aws:SourceIp", R"("192.0.2.1")", {{"aws:sourceip", {"192.0.2.1"}}}));
  CHECK(Holds("NotIpAddress", "aws:SourceIp", R"("10.0.0.0/8")", {{"aws:sourceip", {"203.0.113.1"}}}));
  // {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}}
  const std::string sns = R"("arn:aws:sns:*:123456789012:*")";
  CHECK(Holds("ArnLike", "aws:SourceArn", sns, {{"aws:sourcearn", {"arn:aws:sns:us-east-1:123456789012:topic"}}}));
  CHECK_FALSE(Holds("ArnLike", "aws:SourceArn", sns, {{"aws:sourcearn", {"arn:aws:sns:us-east-1:999999999999:t"}}}));
  // A `*` stays inside its field: the account field cannot swallow colons.
  CHECK_FALSE(Holds("ArnLike", "aws:SourceArn", R"("arn:aws:s3:::*")",
                    {{"aws:sourcearn", {"arn:aws:sns:us-east-1:123456789012:topic"}}}));
  // The resource field keeps its colons.
  CHECK(Holds("ArnEquals", "aws:SourceArn", R"("arn:aws:lambda:us-east-1:123456789012:function:f")",
              {{"aws:sourcearn", {"arn:aws:lambda:us-east-1:123456789012:function:f"}}}));
  CHECK(Holds("ArnNotLike", "aws:SourceArn", sns, {{"aws:sourcearn", {"arn:aws:sqs:us-east-1:123456789012:q"}}}));
}

TEST_CASE("policy.condition: unknown operators never hold") {
  CHECK_FALSE(Holds("StringEqualz", "k", R"("v")", {{"k", {"v"}}}));
  CHECK_FALSE(IsKnownConditionOperator("StringEqualz"));
  CHECK(IsKnownConditionOperator("ForAnyValue:StringLikeIfExists"));
  CHECK(IsKnownConditionOperator("Null"));
  CHECK_FALSE(IsKnownConditionOperator("NullIfExists"));
}

// Seed 000 ("IAM roles - Amazon Cognito"): the identity-specific S3 prefix
// policy, with ${cognito-identity.amazonaws.com:sub}.
TEST_CASE("policy.evaluate: the seed's per-identity S3 policy") {
  const PolicyDocument doc = Doc(R"({ "Version": "2012-10-17", "Statement": [
    { "Action": ["s3:ListBucket"], "Effect": "Allow", "Resource": ["arn:aws:s3:::mybucket"],
      "Condition": {"StringLike": {"s3:prefix": ["${cognito-identity.amazonaws.com:sub}/*"]}} },
    { "Action": [ "s3:GetObject", "s3:PutObject" ], "Effect": "Allow",
      "Resource": ["arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/*"] } ] })");
  const std::string sub = "us-east-1:12345678-1234-1234-1234-123456790ab";
  Request request;
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::mybucket/" + sub + "/photo.jpg";
  request.context[std::string(cognito::kSubKey)] = {sub};
  Decision decision = Evaluate({&doc}, request);
  CHECK(decision.effect == Effect::kAllow);
  REQUIRE(decision.statement != nullptr);
  CHECK(decision.statement->index == 1);

  request.resource = "arn:aws:s3:::mybucket/us-east-1:other/photo.jpg";
  CHECK(Evaluate({&doc}, request).effect == Effect::kImplicitDeny);

  request.action = "s3:ListBucket";
  request.resource = "arn:aws:s3:::mybucket";
  request.context["s3:prefix"] = {sub + "/docs"};
  CHECK(Evaluate({&doc}, request).effect == Effect::kAllow);
  request.context["s3:prefix"] = {"someone-else/docs"};
  CHECK(Evaluate({&doc}, request).effect == Effect::kImplicitDeny);

  // Without a sub (no variable value) the element matches nothing.
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::mybucket/" + sub + "/photo.jpg";
  request.context.clear();
  CHECK(Evaluate({&doc}, request).effect == Effect::kImplicitDeny);
}

TEST_CASE("policy.evaluate: ${*} is a literal asterisk, not a wildcard") {
  const PolicyDocument doc = Doc(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${*}"}})");
  Request request;
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::b/*";
  CHECK(Evaluate({&doc}, request).effect == Effect::kAllow);
  request.resource = "arn:aws:s3:::b/anything";
  CHECK(Evaluate({&doc}, request).effect == Effect::kImplicitDeny);
}

// IAM: "If you use policy variables ... you must include the Version element
// set to 2012-10-17"; otherwise "${...}" is literal text.
TEST_CASE("policy.evaluate: variables are literal text without Version 2012-10-17") {
  for (const std::string version : {"", R"("Version": "2008-10-17",)"}) {
    const PolicyDocument doc = Doc("{" + version + R"( "Statement": {"Effect": "Allow", "Action": "s3:*",
        "Resource": "arn:aws:s3:::b/${aws:username}/*",
        "Condition": {"StringEquals": {"s3:prefix": "${aws:username}"}}}})");
    Request request;
    request.action = "s3:GetObject";
    request.resource = "arn:aws:s3:::b/alice/x";
    request.context = {{"aws:username", {"alice"}}, {"s3:prefix", {"alice"}}};
    CHECK(Evaluate({&doc}, request).effect == Effect::kImplicitDeny);
    request.resource = "arn:aws:s3:::b/${aws:username}/x";
    request.context["s3:prefix"] = {"${aws:username}"};
    CHECK(Evaluate({&doc}, request).effect == Effect::kAllow);
  }
}

// Seed 000's trust policy example: aud plus ForAnyValue:StringLike amr "authenticated".
constexpr const char* kSeedTrustPolicy = R"({ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow",
  "Principal": { "Federated": "cognito-identity.amazonaws.com" }, "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": { "StringEquals": { "cognito-identity.amazonaws.com:aud": "us-west-2:abcdefg-1234-5678-910a-0e8443553f95" },
  "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } } } ] })";

Request TokenRequest(std::vector<std::string> amr) {
  Request request;
  request.principal_type = "Federated";
  request.principal = std::string(cognito::kFederatedPrincipal);
  request.action = std::string(cognito::kAssumeAction);
  request.context[std::string(cognito::kAudKey)] = {"us-west-2:abcdefg-1234-5678-910a-0e8443553f95"};
  request.context[std::string(cognito::kAmrKey)] = std::move(amr);
  return request;
}

TEST_CASE("policy.evaluate: the seed's trust policy admits signed-in users, not guests") {
  const PolicyDocument doc = Doc(kSeedTrustPolicy);
  CHECK(Evaluate({&doc}, TokenRequest({"unauthenticated"})).effect == Effect::kImplicitDeny);
  const Decision signed_in =
      Evaluate({&doc}, TokenRequest({"authenticated", "cognito-idp.us-west-2.amazonaws.com/us-west-2_123456789",
                                     "cognito-idp.us-west-2.amazonaws.com/us-west-2_123456789:CognitoSignIn:abcd"}));
  CHECK(signed_in.effect == Effect::kAllow);
  CHECK(signed_in.statement == &doc.statements[0]);

  Request other_pool = TokenRequest({"authenticated"});
  other_pool.context[std::string(cognito::kAudKey)] = {"us-west-2:another-pool"};
  CHECK(Evaluate({&doc}, other_pool).effect == Effect::kImplicitDeny);

  Request wrong_principal = TokenRequest({"authenticated"});
  wrong_principal.principal = "accounts.google.com";
  CHECK(Evaluate({&doc}, wrong_principal).effect == Effect::kImplicitDeny);
  wrong_principal.principal = "COGNITO-IDENTITY.amazonaws.com";  // case-insensitive
  CHECK(Evaluate({&doc}, wrong_principal).effect == Effect::kAllow);

  Request wrong_action = TokenRequest({"authenticated"});
  wrong_action.action = "sts:AssumeRole";
  CHECK(Evaluate({&doc}, wrong_action).effect == Effect::kImplicitDeny);
}

TEST_CASE("policy.evaluate: explicit deny beats allow, and the first deciding statement is reported") {
  const PolicyDocument allow = Doc(R"({"Statement": [
      {"Sid": "A1", "Effect": "Allow", "Principal": "*", "Action": "sts:*"},
      {"Sid": "A2", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRoleWithWebIdentity"}]})");
  const PolicyDocument deny = Doc(R"({"Statement": [
      {"Sid": "D0", "Effect": "Deny", "Principal": "*", "Action": "s3:*"},
      {"Sid": "D1", "Effect": "Deny", "Principal": "*", "Action": "sts:*",
       "Condition": {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}}},
      {"Sid": "D2", "Effect": "Deny", "Principal": "*", "NotAction": "s3:*"}]})");
  Decision decision = Evaluate({&allow}, TokenRequest({"authenticated"}));
  CHECK(decision.effect == Effect::kAllow);
  REQUIRE(decision.statement != nullptr);
  CHECK(decision.statement->sid == "A1");

  decision = Evaluate({&allow, &deny}, TokenRequest({"unauthenticated"}));
  CHECK(decision.effect == Effect::kExplicitDeny);
  REQUIRE(decision.statement != nullptr);
  CHECK(decision.statement->sid == "D1");

  decision = Evaluate({&allow, &deny}, TokenRequest({"authenticated"}));
  CHECK(decision.effect == Effect::kExplicitDeny);
  CHECK(decision.statement->sid == "D2");  // NotAction s3:* covers sts:*
}

TEST_CASE("policy.evaluate: NotPrincipal and principal types") {
  const PolicyDocument doc = Doc(R"({"Statement": [
      {"Effect": "Allow", "NotPrincipal": {"Federated": "accounts.google.com"}, "Action": "sts:*"}]})");
  CHECK(Evaluate({&doc}, TokenRequest({"authenticated"})).effect == Effect::kAllow);
  Request google = TokenRequest({"authenticated"});
  google.principal = "accounts.google.com";
  CHECK(Evaluate({&doc}, google).effect == Effect::kImplicitDeny);

  const PolicyDocument service = Doc(R"({"Statement": [
      {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": "sts:*"}]})");
  CHECK(Evaluate({&service}, TokenRequest({"authenticated"})).effect == Effect::kImplicitDeny);
  // A request that does not check principals (identity policies) ignores them.
  Request unchecked = TokenRequest({"authenticated"});
  unchecked.principal_type.clear();
  CHECK(Evaluate({&service}, unchecked).effect == Effect::kAllow);
}

}  // namespace
}  // namespace trustlint
