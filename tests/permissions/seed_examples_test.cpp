// The first seed's six access-policy examples: each is a good fixture that gives no
// TL2xx/TL4xx finding, and each has a broken variant that gives its rule.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "check/checker.h"
#include "rules/registry.h"
#include "frontend/scan.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

struct SeedCase {
  const char* good;    // fixture holding the seed's policy as written
  const char* broken;  // its deliberately broken variant
  const char* rule;    // the rule the broken variant must raise
};

constexpr SeedCase kSeedCases[] = {
    {"TL205/cloudformation/good/seed_s3_single_object.yaml",
     "TL205/cloudformation/bad/seed_s3_single_object_broken.yaml", "TL205"},
    {"TL205/cloudformation/good/seed_s3_identity_paths.yaml",
     "TL205/cloudformation/bad/seed_s3_identity_paths_broken.yaml", "TL205"},
    {"TL207/cloudformation/good/seed_dynamodb.yaml", "TL207/cloudformation/bad/seed_dynamodb_broken.yaml", "TL207"},
    {"TL203/cloudformation/good/seed_lambda.yaml", "TL203/cloudformation/bad/seed_lambda_broken.yaml", "TL203"},
    {"TL202/cloudformation/good/seed_kinesis.yaml", "TL202/cloudformation/bad/seed_kinesis_broken.yaml", "TL202"},
    {"TL206/cloudformation/good/seed_cognito_sync.yaml",
     "TL206/cloudformation/bad/seed_cognito_sync_for_guests.yaml", "TL206"},
};

std::vector<std::string> RulesFound(const std::string& fixture) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  ScanOptions scan;
  scan.paths = {"fixtures/rules/" + fixture};
  const Graph graph = ScanPaths(scan);
  const CheckResult result = RunChecks(graph, RuleSet(), CheckOptions{});
  std::vector<std::string> rules;
  for (const Finding& f : result.findings) rules.push_back(f.rule);
  return rules;
}

}  // namespace

TEST_CASE("the seed's access-policy examples give no TL2xx/TL4xx finding; their broken variants do") {
  for (const SeedCase& c : kSeedCases) {
    INFO("seed example ", c.good);
    std::string permission_findings;
    for (const std::string& rule : RulesFound(c.good)) {
      if (rule.rfind("TL2", 0) == 0 || rule.rfind("TL4", 0) == 0) permission_findings += rule + " ";
    }
    CHECK(permission_findings == "");
    const std::vector<std::string> broken = RulesFound(c.broken);
    CHECK(std::find(broken.begin(), broken.end(), c.rule) != broken.end());
  }
}
