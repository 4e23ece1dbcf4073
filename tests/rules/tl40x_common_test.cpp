// ARN shapes for TL402/TL404: symbols and policy variables as one segment each.
#include "rules/tl40x_common.h"

#include <doctest/doctest.h>

#include <string>

#include "policy/policy.h"

namespace trustlint {
namespace {

constexpr std::string_view kPoolFormat = "arn:${Partition}:cognito-identity:${Region}:${Account}:identitypool/${IdentityPoolId}";
constexpr std::string_view kDatasetFormat =
    "arn:${Partition}:cognito-sync:${Region}:${Account}:identitypool/${IdentityPoolId}/identity/${IdentityId}/"
    "dataset/${DatasetName}";

std::string Seg(std::string s) {
  for (char& c : s) {
    if (c == '#') c = tl40x::kSegment;
  }
  return s;
}

TEST_CASE("tl40x: a format's placeholders are one segment when asked, any run otherwise") {
  const std::string dataset_under_identity = Seg("arn:aws:cognito-identity:#:#:identitypool/#/identity/#/dataset/*");
  CHECK_FALSE(tl40x::CouldMatchFormat(kPoolFormat, dataset_under_identity, true));
  CHECK(tl40x::CouldMatchFormat(kPoolFormat, dataset_under_identity, false));
  CHECK(tl40x::CouldMatchFormat(kPoolFormat, Seg("arn:aws:cognito-identity:#:#:identitypool/#"), true));
  CHECK(tl40x::CouldMatchFormat(kPoolFormat, "arn:aws:cognito-identity:*:*:identitypool/*", true));
  // A segment symbol takes no '/'; a user's `*` does.
  CHECK_FALSE(tl40x::CouldMatchFormat("arn:${Partition}:s3:::${BucketName}/${ObjectName}", Seg("arn:aws:s3:::#"), false));
  CHECK(tl40x::CouldMatchFormat("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::*", false));
}

TEST_CASE("tl40x: a cognito-sync path under cognito-identity is the wrong service") {
  const auto wrong = tl40x::FindWrongCognitoService(Seg("arn:aws:cognito-identity:#:#:identitypool/#/identity/#/dataset/*"));
  REQUIRE(wrong.has_value());
  CHECK(wrong->type->arn_format == kDatasetFormat);
  CHECK(wrong->corrected == Seg("arn:aws:cognito-sync:#:#:identitypool/#/identity/#/dataset/*"));
  CHECK_FALSE(tl40x::FindWrongCognitoService(Seg("arn:aws:cognito-identity:#:#:identitypool/#")).has_value());
  CHECK_FALSE(tl40x::FindWrongCognitoService(Seg("arn:aws:s3:::#/identity/#")).has_value());
}

TEST_CASE("tl40x: policy variables are segments only under Version 2012-10-17") {
  PolicyString r;
  r.text = "arn:aws:cognito-sync:us-east-1:1:identitypool/${cognito-identity.amazonaws.com:aud}";
  CHECK(tl40x::ShapeOfResource(r, true).text == Seg("arn:aws:cognito-sync:us-east-1:1:identitypool/#"));
  CHECK(tl40x::ShapeOfResource(r, false).text == r.text);
}

}  // namespace
}  // namespace trustlint
