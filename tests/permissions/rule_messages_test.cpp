// Whole messages and witnesses of the permission rules on their fixtures.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "check/checker.h"
#include "rules/registry.h"
#include "frontend/scan.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

std::vector<Finding> FindingsOf(const std::string& rule, const std::string& fixture) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  ScanOptions scan;
  scan.paths = {"fixtures/rules/" + fixture};
  const Graph graph = ScanPaths(scan);
  std::vector<Finding> out;
  for (Finding& f : RunChecks(graph, RuleSet(), CheckOptions{}).findings) {
    if (f.rule == rule) out.push_back(std::move(f));
  }
  return out;
}

std::string Witness(const Finding& f) {
  std::string out;
  for (const WitnessField& w : f.witness) {
    out += w.key + "=";
    for (const std::string& v : w.values) out += v + ",";
    out += " ";
  }
  return out;
}

}  // namespace

TEST_CASE("TL201 lists the excess actions grouped by service with a count, and says what the flow does") {
  const std::vector<Finding> f = FindingsOf("TL201", "TL201/cloudformation/bad/guest_outside_scope_down.yaml");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "unauthenticated role BadGuestRoleEc2 of pool IdentityPool allows 2 actions outside the guest scope-down "
        "(region unknown, read as a default region): ec2 (2): DescribeImages, DescribeInstances; dead in the "
        "enhanced flow; guests would get them if the basic flow were turned on");
  CHECK(Witness(f[0]) == "action=ec2:DescribeImages, resource=*, ");
}

TEST_CASE("TL201 in an opt-in region and with the basic flow on") {
  const std::vector<Finding> f = FindingsOf("TL201", "TL201/terraform/bad/opt_in_region");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("(opt-in region ap-east-1): codewhisperer (1): GenerateRecommendations; sdb (1): Select;") !=
        std::string::npos);
  const std::vector<Finding> classic = FindingsOf("TL201", "TL201/cloudformation/bad/classic_flow_error.yaml");
  REQUIRE(classic.size() == 1);
  CHECK(classic[0].severity == Severity::kError);
  CHECK(classic[0].message.find("basic flow is on, so guests get them") != std::string::npos);
}

TEST_CASE("TL204 names a witness action and resource that the signed-in role lacks") {
  const std::vector<Finding> f = FindingsOf("TL204", "TL204/cloudformation/bad/guest_can_write.yaml");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "unauthenticated role BadGuestRoleBroader of pool IdentityPool allows 1 action that authenticated role "
        "SignedInRole does not, e.g. s3:PutObject on \"arn:aws:s3:::public-assets/example\"");
  CHECK(Witness(f[0]) == "action=s3:PutObject, resource=arn:aws:s3:::public-assets/example, ");
  // An action without resource-level permissions: the witness resource is "*".
  const std::vector<Finding> ec2 = FindingsOf("TL204", "TL201/cloudformation/bad/guest_outside_scope_down.yaml");
  REQUIRE(ec2.size() == 1);
  CHECK(Witness(ec2[0]) == "action=ec2:DescribeImages, resource=*, ");
}

TEST_CASE("TL203 names the managed policy it comes through") {
  const std::vector<Finding> f = FindingsOf("TL203", "TL203/cloudformation/bad/cognito_power_user.yaml");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "identity-pool role BadSignedInRolePowerUser lets its identities escalate privileges: 2 escalation actions "
        "on a wildcard resource: cognito-idp (2): AdminAddUserToGroup, AdminUpdateUserAttributes (via managed "
        "policy AmazonCognitoPowerUser)");
}

TEST_CASE("TL207 explains why Scan bypasses the LeadingKeys isolation") {
  const std::vector<Finding> f = FindingsOf("TL207", "TL207/cloudformation/bad/scan_allowed.yaml");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message ==
        "role BadSignedInRoleScan statement 0 does not isolate identities by partition key: it also allows "
        "\"dynamodb:Scan\", whose requests carry no leading keys, so ForAllValues holds and every item is reachable");
}

TEST_CASE("TL202 names the statement that grants and the Deny that takes part of it away") {
  for (const char* fixture : {"TL202/cloudformation/bad/partly_denied.yaml", "TL202/terraform/bad/partly_denied"}) {
    INFO(fixture);
    const std::vector<Finding> found = FindingsOf("TL202", fixture);
    REQUIRE(found.size() == 1);
    const bool cfn = std::string(fixture).find("cloudformation") != std::string::npos;
    const std::string role = cfn ? "GuestRole" : "aws_iam_role.GuestRole";
    CHECK(found[0].message.find("whole services \"s3:*\" (Statement[0] of " + role + ") less what Statement[1] of " +
                                role + " denies") != std::string::npos);
  }
}

TEST_CASE("TL204 witnesses a resource of the guest's pattern that the signed-in pattern misses") {
  for (const char* fixture : {"TL204/cloudformation/bad/guest_bucket_prefix.yaml", "TL204/terraform/bad/guest_bucket_prefix"}) {
    INFO(fixture);
    const std::vector<Finding> found = FindingsOf("TL204", fixture);
    REQUIRE(found.size() == 1);
    CHECK(Witness(found[0]) == "action=s3:GetObject, resource=arn:aws:s3:::bucket/x, ");
  }
}
