// CloudFormation and Terraform are two spellings of one graph: every rule fixture
// that exists in both (fixtures/rules/<ID>/{cloudformation,terraform}/<bad|good>/
// <case>) must give the same findings, compared as (rule, resource name, severity,
// certainty) where the name is the CloudFormation logical ID or the last part of
// the Terraform address (`aws_iam_role.X` -> X).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "check/checker.h"
#include "frontend/scan.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

const fs::path kFixtures = fs::path(TRUSTLINT_SOURCE_DIR) / "fixtures" / "rules";

// `module.auth.aws_iam_role.X["k"]` -> `X["k"]`; a CloudFormation ID is its own name.
std::string ResourceName(const std::string& resource) {
  size_t bracket = resource.find('[');
  size_t dot = resource.rfind('.', bracket == std::string::npos ? std::string::npos : bracket);
  return dot == std::string::npos ? resource : resource.substr(dot + 1);
}

std::string Findings(const fs::path& input) {
  ScanOptions scan;
  scan.paths = {fs::relative(input, fs::current_path()).string()};
  CheckResult result = RunChecks(ScanPaths(scan), CheckOptions{});
  std::vector<std::string> lines;
  for (const Finding& f : result.findings) {
    lines.push_back(f.rule + " " + ResourceName(f.resource) + " " + std::string(SeverityName(f.severity)) + " " +
                    (f.proven ? "proven" : "possible"));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("equivalence: resource names are the last part of a Terraform address") {
  CHECK(ResourceName("aws_iam_role.BadRole") == "BadRole");
  CHECK(ResourceName("module.auth.aws_iam_role.BadRole") == "BadRole");
  CHECK(ResourceName("envs/prod#module.a.aws_iam_role.r[\"x.y\"]") == "r[\"x.y\"]");
  CHECK(ResourceName("LogicalId") == "LogicalId");
}

TEST_CASE("equivalence: CloudFormation fixtures and their Terraform twins give the same findings") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  int twins = 0;
  std::vector<fs::path> rules;
  for (const auto& e : fs::directory_iterator(kFixtures)) rules.push_back(e.path());
  std::sort(rules.begin(), rules.end());
  for (const fs::path& rule : rules) {
    for (const char* kind : {"bad", "good"}) {
      const fs::path cfn_dir = rule / "cloudformation" / kind;
      if (!fs::is_directory(cfn_dir)) continue;
      std::vector<fs::path> cases;
      for (const auto& e : fs::directory_iterator(cfn_dir)) {
        if (e.path().extension() != ".expected") cases.push_back(e.path());
      }
      std::sort(cases.begin(), cases.end());
      for (const fs::path& cfn : cases) {
        const fs::path tf = rule / "terraform" / kind / cfn.stem();
        if (!fs::is_directory(tf)) continue;
        INFO("CloudFormation ", cfn.string(), " vs Terraform ", tf.string());
        CHECK(Findings(tf) == Findings(cfn));
        ++twins;
      }
    }
  }
  // Every rule of wave 1 has twins for all its CloudFormation cases but a few
  // that cannot exist in Terraform (YAML syntax, Resources as a list, Metadata).
  CHECK(twins >= 40);
}
