// The Terraform front end, end to end: folders in tests/data/terraform are
// loaded and the graph is dumped and compared whole.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <set>
#include <string>

#include "frontend/terraform/hcl.h"
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

TEST_CASE("terraform: a 0.11 map written as a block with quoted keys is rewritten, lines kept") {
  using terraform::RewriteLegacyMapBlocks;
  CHECK(RewriteLegacyMapBlocks("roles {\n  \"authenticated\" = \"a\"\n}\n") ==
        "roles = {\n  \"authenticated\" = \"a\"\n}\n");
  // Blank lines between header and first key are allowed; blocks with bare keys stay.
  CHECK(RewriteLegacyMapBlocks("  tags   {\n\n    \"k\" = 1\n  }\n") == "  tags =   {\n\n    \"k\" = 1\n  }\n");
  CHECK_FALSE(RewriteLegacyMapBlocks("statement {\n  effect = \"Allow\"\n}\n").has_value());
  CHECK_FALSE(RewriteLegacyMapBlocks("resource \"a\" \"b\" {\n  \"k\" = 1\n}\n").has_value());
  CHECK_FALSE(RewriteLegacyMapBlocks("x {\n  \"k\" == 1\n}\n").has_value());

  Graph g = LoadTerraformDirs("tests/terraform/data/legacy", {"tests/terraform/data/legacy"});
  CHECK(g.parse_errors.empty());
  REQUIRE(g.attachments.size() == 1);
  CHECK(DumpValue(g.attachments[0].authenticated) == "\"⟨ARN of role aws_iam_role.auth⟩\"");
  CHECK(DumpValue(g.attachments[0].unauthenticated) == "\"⟨ARN of role aws_iam_role.guest⟩\"");
  CHECK(FormatLocation(g.attachments[0].unauthenticated.loc) == "tests/terraform/data/legacy/main.tf:11:28");
}

TEST_CASE("terraform: a syntax error that the 0.11 rewrite does not fix is reported as it was") {
  auto file = terraform::ParseTerraformFile("x.tf", "roles {\n  \"a\" = \"b\"\n}\nresource {{\n");
  REQUIRE(file->error);
  CHECK(FormatLocation(file->error->first) + " " + file->error->second == "x.tf:1:7 syntax error near \"{\"");
}

TEST_CASE("terraform: with several root modules every address names its folder under the scanned root") {
  Graph g = LoadTerraformDirs(kData + "modules", {kData + "modules/envs/dev", kData + "modules/envs/prod",
                                                  kData + "modules/modules/auth"});
  std::set<std::string> sorted;
  for (const auto& n : g.AllNodes()) sorted.emplace(n.address);
  std::string addresses;
  for (const auto& a : sorted) addresses += a + "\n";
  CHECK(addresses ==
        "envs/dev#aws_iam_role.maybe[0]\n"
        "envs/dev#module.auth.aws_iam_role.this\n"
        "envs/dev#module.auth.aws_iam_role_policy.data\n"
        "envs/prod#aws_cognito_identity_pool.main\n"
        "envs/prod#aws_cognito_identity_pool_roles_attachment.main\n"
        "envs/prod#aws_iam_role.team[\"blue\"]\n"
        "envs/prod#aws_iam_role.team[\"red\"]\n"
        "envs/prod#aws_iam_role.worker[0]\n"
        "envs/prod#aws_iam_role.worker[1]\n"
        "envs/prod#module.auth.aws_iam_role.this\n"
        "envs/prod#module.auth.aws_iam_role_policy.data\n");
  // One root module: bare addresses.
  Graph one = LoadTerraformDirs(kData + "modules/envs/prod", {kData + "modules/envs/prod", kData + "modules/modules/auth"});
  CHECK(one.FindPool("aws_cognito_identity_pool.main"));
}

TEST_CASE("terraform: registry, git and http module sources are skipped without an error") {
  Graph g = LoadTerraformDirs("tests/terraform/data/remote_modules", {"tests/terraform/data/remote_modules"});
  CHECK(g.parse_errors.empty());
  REQUIRE(g.attachments.size() == 1);
  CHECK(g.attachments[0].authenticated.IsUnknown());
  CHECK(g.pools.size() == 1);
}

TEST_CASE("terraform: object elements on one line need a comma, as Terraform requires") {
  auto bad = terraform::ParseHcl("x.tf", "x = {\n  y = { a = 1 b = \"two\" }\n}\n");
  REQUIRE(bad->error);
  CHECK(FormatLocation(bad->error->first) + " " + bad->error->second ==
        "x.tf:2:15 syntax error: missing comma or newline between object elements");
  CHECK_FALSE(terraform::ParseHcl("x.tf", "x = { a = 1, b = 2 }\n")->error);
  CHECK_FALSE(terraform::ParseHcl("x.tf", "x = {\n  a = 1 # one\n  b = 2\n}\n")->error);
}

TEST_CASE("terraform: a module call with `providers` passes an aliased provider to a grandchild") {
  Graph g = LoadTerraformDirs("tests/terraform/data/module_providers",
                              {"tests/terraform/data/module_providers", "tests/terraform/data/module_providers/child",
                               "tests/terraform/data/module_providers/child/grandchild"});
  CHECK(g.parse_errors.empty());
  REQUIRE(g.pools.size() == 1);
  REQUIRE(g.roles.size() == 1);
  REQUIRE(g.attachments.size() == 1);
  CHECK(g.pools[0].address == "module.child.module.grandchild.aws_cognito_identity_pool.pool");
  CHECK(DumpValue(g.pools[0].region) == "\"eu-west-1\"");
  CHECK(DumpValue(g.roles[0].region) == "\"eu-west-1\"");
  CHECK(g.attachments[0].pool_id == 0);
  CHECK(g.attachments[0].authenticated_role == 0);
}

TEST_CASE("terraform: `providers = {}` on a module call is read, and passes no provider") {
  Graph g = LoadTerraformDirs("tests/terraform/data/module_providers_empty",
                              {"tests/terraform/data/module_providers_empty",
                               "tests/terraform/data/module_providers_empty/child"});
  CHECK(g.parse_errors.empty());
  REQUIRE(g.pools.size() == 1);
  CHECK(g.pools[0].address == "module.child.aws_cognito_identity_pool.pool");
  CHECK(DumpValue(g.pools[0].region) == "\"⟨AWS::Region⟩\"");
  REQUIRE(g.attachments.size() == 1);
  CHECK(g.attachments[0].pool_id == 0);
}

TEST_CASE("terraform: data \"template_file\" renders its template with vars, like templatefile()") {
  Graph g = LoadTerraformDirs("tests/terraform/data/template_file", {"tests/terraform/data/template_file"});
  CHECK(g.parse_errors.empty());
  const Role* from_file = g.FindRole("aws_iam_role.from_file");
  REQUIRE(from_file);
  REQUIRE(from_file->trust_policy.IsMap());
  const Value* st = from_file->trust_policy.Find("Statement");
  REQUIRE(st);
  const Value* aud = st->Find("Condition")->Find("StringEquals")->Find("cognito-identity.amazonaws.com:aud");
  REQUIRE(aud);
  CHECK(DumpValue(*aud) == "\"⟨ID of pool aws_cognito_identity_pool.main⟩\"");
  CHECK(FormatLocation(st->loc) == "tests/terraform/data/template_file/trust.json.tpl:3:16");

  // A heredoc template; an unknown var stays one symbol inside the string.
  const Role* heredoc = g.FindRole("aws_iam_role.heredoc");
  REQUIRE(heredoc);
  REQUIRE(heredoc->trust_policy.IsMap());
  const Value& st0 = heredoc->trust_policy.Find("Statement")->items.at(0);
  const Value* amr = st0.Find("Condition")->Find("ForAnyValue:StringLike")->Find("cognito-identity.amazonaws.com:amr");
  REQUIRE(amr);
  REQUIRE(amr->parts.size() == 1);
  REQUIRE(amr->parts[0].symbol);
  CHECK(amr->parts[0].symbol->kind == Symbol::Kind::kUnknown);
  CHECK(amr->parts[0].symbol->name == "variable amr has no value");
  const Value* pool = st0.Find("Condition")->Find("StringEquals")->Find("cognito-identity.amazonaws.com:aud");
  CHECK(DumpValue(*pool) == "\"⟨ID of pool aws_cognito_identity_pool.main⟩\"");

  // A directive over an unknown value: the rendered text is unknown, not text to parse.
  const Role* directive = g.FindRole("aws_iam_role.directive");
  REQUIRE(directive);
  CHECK(directive->trust_policy.IsUnknown());
  CHECK(directive->trust_policy.reason.starts_with("data.template_file.directive.rendered is not computed"));
}
