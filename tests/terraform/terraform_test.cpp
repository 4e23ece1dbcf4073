// The Terraform front end, end to end: folders in tests/data/terraform are
// loaded and the graph is dumped and compared whole.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "terraform_test_util.h"

using namespace trustlint;
using trustlint::testing::DumpTerraformGraph;
using trustlint::testing::LoadTerraformDirs;

namespace {
const std::string kData = "tests/data/terraform/";

// Compares a dump with tests/data/terraform/<name>.dump; TRUSTLINT_REGENERATE=1 rewrites it.
void CheckDump(const std::string& name, const std::string& actual) {
  std::string path = kData + name + ".dump";
  if (std::getenv("TRUSTLINT_REGENERATE")) std::ofstream(path) << actual;
  std::ifstream in(path);
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK(actual == expected.str());
}
}  // namespace

TEST_CASE("terraform: the seed's trust policy in three spellings gives one graph") {
  Graph g = LoadTerraformDirs(kData + "spellings", {kData + "spellings"});
  CheckDump("spellings", DumpTerraformGraph(g));
  REQUIRE(g.roles.size() == 3);
  CHECK(DumpValue(g.roles[0].trust_policy) == DumpValue(g.roles[1].trust_policy));
  CHECK(DumpValue(g.roles[1].trust_policy) == DumpValue(g.roles[2].trust_policy));
}

TEST_CASE("terraform: root modules, child module inputs and outputs, count, for_each, tfvars") {
  Graph g = LoadTerraformDirs(kData + "modules", {kData + "modules/envs/dev", kData + "modules/envs/prod",
                                                  kData + "modules/modules/auth"});
  CheckDump("modules", DumpTerraformGraph(g));
}

TEST_CASE("terraform: expressions, functions, providers, templatefile, policy documents") {
  Graph g = LoadTerraformDirs(kData + "expressions", {kData + "expressions"}, {{"west_region", "eu-west-2"}});
  CheckDump("expressions", DumpTerraformGraph(g));
}

TEST_CASE("terraform: JSON policies keep the lines of the text they came from") {
  Graph g = LoadTerraformDirs(kData + "spellings", {kData + "spellings"});
  const Role* heredoc = g.FindRole("aws_iam_role.heredoc");
  REQUIRE(heredoc);
  const Value* statements = heredoc->trust_policy.Find("Statement");
  REQUIRE(statements);
  REQUIRE(statements->items.size() == 1);
  CHECK(FormatLocation(statements->items[0].loc) == "tests/data/terraform/spellings/heredoc.tf:7:9");
  const Role* document = g.FindRole("aws_iam_role.document");
  REQUIRE(document);
  CHECK(FormatLocation(document->trust_policy.Find("Statement")->items[0].loc) ==
        "tests/data/terraform/spellings/document.tf:2:3");
  CHECK(document->trust_policy.Find("Statement")->items[0].path == "data.aws_iam_policy_document.trust/Statement/0");

  Graph e = LoadTerraformDirs(kData + "expressions", {kData + "expressions"});
  const Role* guest = e.FindRole("aws_iam_role.guest");
  REQUIRE(guest);
  CHECK(FormatLocation(guest->trust_policy.Find("Statement")->items[0].loc) ==
        "tests/data/terraform/expressions/trust.json.tpl:4:5");
  // Without --var the aliased provider's region is unknown, with its reason.
  CHECK(DumpValue(guest->region) == "\"⟨unknown: variable west_region has no value⟩\"");
}
