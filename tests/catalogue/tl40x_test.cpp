// The helpers behind TL401–TL404 and the exact messages of their findings.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "check/checker.h"
#include "rules/registry.h"
#include "frontend/scan.h"
#include "rules/tl40x_common.h"

namespace trustlint {
namespace {

std::vector<std::string> Messages(const std::string& rule, const std::string& fixture) {
  std::filesystem::current_path(TRUSTLINT_SOURCE_DIR);
  ScanOptions scan;
  scan.paths = {fixture};
  std::vector<std::string> out;
  for (const Finding& f : RunChecks(ScanPaths(scan), RuleSet(), CheckOptions{}).findings) {
    if (f.rule == rule) out.push_back(f.message);
  }
  return out;
}

TEST_CASE("tl40x: format matching decides whether a Resource can match an ARN format") {
  constexpr std::string_view kObject = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  CHECK(tl40x::CouldMatchFormat(kObject, "arn:aws:s3:::b/*", false));
  CHECK_FALSE(tl40x::CouldMatchFormat(kObject, "arn:aws:s3:::b", false));
  CHECK(tl40x::CouldMatchFormat(kObject, "arn:aws:s3:::b*", false));  // the Resource's own star can supply '/'
  CHECK(tl40x::CouldMatchFormat("${Anything}", "", false));
  CHECK(tl40x::CouldMatchFormat("a${X}c", "*b*", true));
  CHECK(tl40x::CouldMatchFormat("a${X}c", "a?c", true));
  CHECK_FALSE(tl40x::CouldMatchFormat("a${X}c", "abcd", true));
  CHECK_FALSE(tl40x::CouldMatchFormat("a${X}c", "a/c", true));  // a one-segment placeholder takes no '/'
}

TEST_CASE("tl40x: messages list the offending actions and ARNs") {
  CHECK(Messages("TL401", "fixtures/rules/TL401/cloudformation/bad/deny_unsigned_api.yaml") ==
        std::vector<std::string>{
            "Deny statement 0 names the unsigned Cognito APIs cognito-idp:SignUp and cognito-idp:ConfirmSignUp: "
            "they are called without AWS credentials, so IAM never evaluates this policy for them and the Deny "
            "blocks nothing there",
            "Deny statement 0 names the unsigned Cognito API cognito-idp:SignUp: it is called without AWS "
            "credentials, so IAM never evaluates this policy for it and the Deny blocks nothing there",
            "Allow statement 0 names the unsigned Cognito API cognito-identity:GetId: it is called without AWS "
            "credentials, so IAM never evaluates this policy for it and the Allow grants nothing there",
        });
  const auto tl402 = Messages("TL402", "fixtures/rules/TL402/cloudformation/bad/malformed_cognito_arns.yaml");
  REQUIRE(tl402.size() == 5);
  CHECK(tl402[0] ==
        "Allow statement 0: resource arn:aws:cognito-identity:us-east-1:123456789012:userpool/us-east-1_Ab12Cd can "
        "never match: wrong service: a userpool ARN is a cognito-idp ARN "
        "(arn:${Partition}:cognito-idp:${Region}:${Account}:userpool/${UserPoolId}), not cognito-identity");
  CHECK(tl402[2] ==
        "Allow statement 0: resource arn:aws:cognito-idp:eu-west-1:123456789012:userpool/us-east-1_Ab12Cd can never "
        "match: the ARN's region eu-west-1 differs from the pool ID's region us-east-1");
  CHECK(Messages("TL403", "fixtures/rules/TL403/cloudformation/bad/unknown_actions.yaml") ==
        std::vector<std::string>{
            "Allow statement 0 Action entries match no AWS action: s3:GetObjects (no such action) and "
            "cognito-identities:GetId (unknown service cognito-identities)",
            "Deny statement 0 NotAction entry matches no AWS action: cognito-idp:Admin*Pool (matches no action)",
        });
  CHECK(Messages("TL404", "fixtures/rules/TL404/cloudformation/bad/object_action_on_bucket.yaml") ==
        std::vector<std::string>{
            "Allow statement 0 grants s3:GetObject and s3:PutObject on arn:aws:s3:::app-bucket, which matches none "
            "of their resource types: the grant does nothing for them",
            "Allow statement 1 grants cognito-identity:ListIdentityPools on "
            "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/*, which matches none of its resource "
            "types: the grant does nothing for it",
        });
}

}  // namespace
}  // namespace trustlint
