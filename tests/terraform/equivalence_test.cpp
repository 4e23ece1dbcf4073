// CloudFormation and Terraform are two spellings of one graph: every CloudFormation
// rule fixture (fixtures/rules/<ID>/cloudformation/<bad|good>/<case>) has a Terraform
// twin (fixtures/rules/<ID>/terraform/<bad|good>/<case>/) that gives the same
// findings, compared as (rule, resource name, severity, certainty) where the name is
// the CloudFormation logical ID or the last part of the Terraform address
// (`aws_iam_role.X` -> X). A case without a twin fails unless kNoTwin exempts it.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "check/checker.h"
#include "rules/registry.h"
#include "frontend/scan.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

const fs::path kFixtures = fs::path(TRUSTLINT_SOURCE_DIR) / "fixtures" / "rules";

// CloudFormation cases that cannot have a Terraform twin, as "<ID>/<kind>/<case>".
struct NoTwin {
  const char* name;
  const char* reason;
};
const NoTwin kNoTwin[] = {
    {"TL001/bad/malformed_yaml", "a YAML syntax error; HCL syntax errors are TL001's own Terraform cases"},
    {"TL001/bad/resources_list", "`Resources` written as a YAML list is a shape only a template can have"},
    {"TL002/bad/metadata_no_reason",
     "suppressions in a resource's `Metadata`; Terraform has no Metadata (its suppressions are comments, "
     "TL002's own Terraform cases)"},
    {"TL002/good/metadata_with_reason", "suppressions in a resource's `Metadata`, as above"},
    {"TL104/bad/merge_key_statement_no_amr", "YAML merge keys (`<<: *anchor`); HCL has none"},
    {"TL104/good/merge_key_statement_with_amr", "YAML merge keys (`<<: *anchor`); HCL has none"},
};

// Twins whose resources cannot carry the same names: `Fn::ForEach` splices the
// key into the logical ID (`BadAuthRole${App}NoAmr`), `for_each` keeps one name and
// puts the key in the address (`BadAuthRoleNoAmr["Web"]`). The Terraform name is
// renamed to the CloudFormation one before the findings are compared.
struct Rename {
  const char* name;
  const char* terraform;
  const char* cloudformation;
};
const Rename kRenames[] = {
    {"TL104/bad/foreach_apps_no_amr", "Pool[\"Web\"]", "PoolWeb"},
    {"TL104/bad/foreach_apps_no_amr", "Pool[\"Mobile\"]", "PoolMobile"},
    {"TL104/bad/foreach_apps_no_amr", "BadAuthRoleNoAmr[\"Web\"]", "BadAuthRoleWebNoAmr"},
    {"TL104/bad/foreach_apps_no_amr", "BadAuthRoleNoAmr[\"Mobile\"]", "BadAuthRoleMobileNoAmr"},
    {"TL104/good/foreach_apps_with_amr", "Pool[\"Web\"]", "PoolWeb"},
    {"TL104/good/foreach_apps_with_amr", "Pool[\"Mobile\"]", "PoolMobile"},
    {"TL104/good/foreach_apps_with_amr", "GoodAuthRoleWithAmr[\"Web\"]", "GoodAuthRoleWebWithAmr"},
    {"TL104/good/foreach_apps_with_amr", "GoodAuthRoleWithAmr[\"Mobile\"]", "GoodAuthRoleMobileWithAmr"},
};

// Known differences: twins written as Terraform users write them that do not give
// their CloudFormation case's findings because the Terraform front end reads them
// differently. Each is a front-end bug to decide on; the test requires that the
// findings still differ, so that a fix removes the entry.
struct KnownDifference {
  const char* name;
  const char* reason;
};
const std::vector<KnownDifference> kKnownDifferences = {};

// `module.auth.aws_iam_role.X["k"]` -> `X["k"]`; a CloudFormation ID is its own name.
std::string ResourceName(const std::string& resource) {
  size_t bracket = resource.find('[');
  size_t dot = resource.rfind('.', bracket == std::string::npos ? std::string::npos : bracket);
  return dot == std::string::npos ? resource : resource.substr(dot + 1);
}

std::string Findings(const fs::path& input, const std::string& name = "") {
  ScanOptions scan;
  scan.paths = {fs::relative(input, fs::current_path()).string()};
  CheckResult result = RunChecks(ScanPaths(scan), RuleSet(), CheckOptions{});
  std::vector<std::string> lines;
  for (const Finding& f : result.findings) {
    std::string resource = ResourceName(f.resource);
    for (const Rename& r : kRenames) {
      if (name == r.name && resource == r.terraform) resource = r.cloudformation;
    }
    lines.push_back(f.rule + " " + resource + " " + std::string(SeverityName(f.severity)) + " " +
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

TEST_CASE("equivalence: every CloudFormation rule fixture has a Terraform twin that gives the same findings") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  std::map<std::string, std::string> exempt;
  for (const NoTwin& e : kNoTwin) exempt[e.name] = e.reason;
  std::map<std::string, std::string> known;
  for (const KnownDifference& d : kKnownDifferences) known[d.name] = d.reason;
  std::set<std::string> seen;
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
        const std::string name = rule.filename().string() + "/" + kind + "/" + cfn.stem().string();
        seen.insert(name);
        const fs::path tf = rule / "terraform" / kind / cfn.stem();
        INFO("CloudFormation ", cfn.string(), " vs Terraform ", tf.string());
        if (exempt.count(name)) {
          CHECK_MESSAGE(!fs::exists(tf), name << " has a twin now: remove it from kNoTwin (" << exempt[name] << ")");
          continue;
        }
        if (!fs::is_directory(tf)) {
          FAIL_CHECK(name << " has no Terraform twin (write one, or exempt it in kNoTwin with the reason)");
          continue;
        }
        ++twins;
        if (known.count(name)) {
          INFO("known difference: ", known[name]);
          CHECK_MESSAGE(Findings(tf, name) != Findings(cfn), name << " agrees now: remove it from kKnownDifferences");
        } else {
          CHECK(Findings(tf, name) == Findings(cfn));
        }
      }
    }
  }
  // Every list entry names an existing CloudFormation case.
  for (const NoTwin& e : kNoTwin) CHECK_MESSAGE(seen.count(e.name), "kNoTwin names no case: " << e.name);
  for (const Rename& r : kRenames) CHECK_MESSAGE(seen.count(r.name), "kRenames names no case: " << r.name);
  for (const auto& entry : known) {
    CHECK_MESSAGE(seen.count(entry.first), "kKnownDifferences names no case: " << entry.first);
  }
  MESSAGE(twins << " twins");
}
