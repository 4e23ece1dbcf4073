// The Terraform plan front end: recognition, graph from planned values and
// configuration references, TL001 for a broken plan, and the same findings as
// the HCL it was planned from.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "check/checker.h"
#include "rules/registry.h"
#include "frontend/plan/plan.h"
#include "frontend/scan.h"

namespace fs = std::filesystem;

namespace trustlint {
namespace {

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Graph LoadPlanFile(const std::string& path) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  GraphBuilder builder;
  plan::LoadPlan(path, ReadText(path), builder);
  return builder.Link();
}

Graph Scan(const std::string& path) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  ScanOptions options;
  options.paths = {path};
  return ScanPaths(options);
}

std::set<std::pair<std::string, std::string>> RuleAndResource(const Graph& graph) {
  std::set<std::pair<std::string, std::string>> out;
  for (const Finding& f : RunChecks(graph, RuleSet(), CheckOptions{}).findings) out.emplace(f.rule, f.resource);
  return out;
}

Symbol SoleSymbol(const Value& v) {
  REQUIRE(v.IsString());
  REQUIRE(v.parts.size() == 1);
  REQUIRE(v.parts[0].symbol.has_value());
  return *v.parts[0].symbol;
}

const RoleAttachment& OnlyAttachment(const Graph& graph) {
  REQUIRE(graph.attachments.size() == 1);
  return graph.attachments[0];
}

}  // namespace

TEST_CASE("plan: recognised by format_version and planned_values") {
  CHECK(plan::LooksLikePlan(R"({"format_version":"1.2","planned_values":{}})"));
  CHECK(plan::LooksLikePlan("\n  {\n  \"format_version\" : \"1.2\",\n  \"planned_values\": {"));
  CHECK_FALSE(plan::LooksLikePlan(R"({"format_version":"1.2"})"));
  CHECK_FALSE(plan::LooksLikePlan(R"({"Resources":{"planned_values":"format_version"}})"));
  CHECK_FALSE(plan::LooksLikePlan("format_version: 1\nplanned_values: {}\n"));
}

TEST_CASE("plan: update plan keeps concrete values and resolves the unknown role ARN") {
  const std::string path = "tests/data/golden/plan-json/plan.json";
  Graph graph = LoadPlanFile(path);
  REQUIRE(graph.inputs.size() == 1);
  CHECK(graph.inputs[0].kind == "terraform-plan");
  CHECK(graph.inputs[0].status == "ok");
  CHECK(graph.parse_errors.empty());
  REQUIRE(graph.pools.size() == 1);
  const IdentityPool& pool = graph.pools[0];
  CHECK(pool.address == "module.identity.aws_cognito_identity_pool.this");
  CHECK(pool.id.Literal() == "eu-west-1:7f3c2a10-5b4e-4c1d-9a8e-2f6d0b1c3e4a");
  CHECK(pool.allow_unauthenticated.AsBool() == true);
  CHECK(pool.region.Literal() == "eu-west-1");
  CHECK(pool.loc.file == path);
  CHECK(pool.loc.line > 1);

  const RoleAttachment& a = OnlyAttachment(graph);
  CHECK(a.address == "aws_cognito_identity_pool_roles_attachment.main");
  CHECK(a.pool_id == 0);
  REQUIRE(a.authenticated_role >= 0);
  REQUIRE(a.unauthenticated_role >= 0);
  CHECK(graph.roles[a.authenticated_role].address == "aws_iam_role.app_user");
  CHECK(graph.roles[a.unauthenticated_role].address == "aws_iam_role.guest");
  // Unknown until apply: the configuration's reference stands for it.
  CHECK(SoleSymbol(a.unauthenticated) == Symbol{Symbol::Kind::kRoleArn, path + "#aws_iam_role.guest"});
  CHECK(pool.account.Literal() == "123456789012");  // from the plan's ARNs

  const Role* user = graph.FindRole("aws_iam_role.app_user");
  REQUIRE(user != nullptr);
  CHECK(user->arn.Literal() == "arn:aws:iam::123456789012:role/notes-user");
  REQUIRE(user->trust_policy.IsMap());
  const Value* statements = user->trust_policy.Find("Statement");
  REQUIRE(statements != nullptr);
  REQUIRE(statements->items.size() == 1);
  // Escaped JSON has no lines of its own: every value points at the string.
  CHECK(statements->items[0].loc == user->trust_policy.loc);
  CHECK(user->trust_policy.loc.line > user->loc.line);
}

TEST_CASE("plan: first apply links the pool and roles through configuration references") {
  const std::string path = "tests/data/plan/first-apply.json";
  Graph graph = LoadPlanFile(path);
  CHECK(graph.parse_errors.empty());
  REQUIRE(graph.pools.size() == 1);
  CHECK(SoleSymbol(graph.pools[0].id) == Symbol{Symbol::Kind::kPoolId, path + "#aws_cognito_identity_pool.main"});
  CHECK(graph.pools[0].allow_classic_flow.AsBool() == true);
  const RoleAttachment& a = OnlyAttachment(graph);
  CHECK(a.pool_id == 0);
  REQUIRE(a.authenticated_role >= 0);
  CHECK(graph.roles[a.authenticated_role].address == "aws_iam_role.auth");
  CHECK(a.unauthenticated.IsNull());
  REQUIRE(a.mappings.size() == 1);
  REQUIRE(a.mappings[0].role_ids.size() == 1);
  REQUIRE(a.mappings[0].role_ids[0] >= 0);
  CHECK(graph.roles[a.mappings[0].role_ids[0]].address == "aws_iam_role.gold");
  CHECK(a.mappings[0].type.Literal() == "Rules");
  // A trust policy from a policy document read at apply time: rebuilt from the
  // data source's planned statements, its aud value from the configuration.
  const Role* auth = graph.FindRole("aws_iam_role.auth");
  REQUIRE(auth != nullptr);
  REQUIRE(auth->trust_policy.IsMap());
  const Value* statements = auth->trust_policy.Find("Statement");
  REQUIRE(statements != nullptr);
  REQUIRE(statements->items.size() == 1);
  const Value* condition = statements->items[0].Find("Condition");
  REQUIRE(condition != nullptr);
  const Value* equals = condition->Find("StringEquals");
  REQUIRE(equals != nullptr);
  const Value* aud = equals->Find("cognito-identity.amazonaws.com:aud");
  REQUIRE(aud != nullptr);
  CHECK(SoleSymbol(*aud) == Symbol{Symbol::Kind::kPoolId, path + "#aws_cognito_identity_pool.main"});
  // Rendered as the provider (and the HCL front end) renders it: a one-element list collapses.
  CHECK(DumpValue(*statements->items[0].Find("Principal")) == "{\"Federated\": \"cognito-identity.amazonaws.com\"}");
  // A trust policy that embeds the pool ID in a template is not one reference: it stays unknown.
  const Role* gold = graph.FindRole("aws_iam_role.gold");
  REQUIRE(gold != nullptr);
  REQUIRE(gold->trust_policy.IsUnknown());
  CHECK(gold->trust_policy.reason == "known after apply (aws_iam_role.gold.assume_role_policy)");
  // The rebuilt trust is sound: the authenticated role is assumable, so no TL103 for it.
  std::set<std::pair<std::string, std::string>> findings = RuleAndResource(graph);
  CHECK(findings == std::set<std::pair<std::string, std::string>>{{"TL103", "aws_iam_role.gold"},
                                                                  {"TL302", "aws_cognito_identity_pool.main"}});
}

TEST_CASE("plan: a truncated plan is TL001 with line and column") {
  const std::string path = "tests/data/plan/truncated.json";
  Graph graph = Scan(path);
  REQUIRE(graph.inputs.size() == 1);
  CHECK(graph.inputs[0].kind == "terraform-plan");
  CHECK(graph.inputs[0].status == "error");
  REQUIRE(graph.parse_errors.size() == 1);
  CHECK(graph.parse_errors[0].loc.file == path);
  CHECK(graph.parse_errors[0].loc.line == 29);
  CHECK(graph.parse_errors[0].loc.column > 0);
  CHECK(graph.parse_errors[0].message.starts_with("Terraform plan is not valid JSON: "));
  std::set<std::pair<std::string, std::string>> findings = RuleAndResource(graph);
  CHECK(findings.size() == 1);
  CHECK(findings.begin()->first == "TL001");
}

TEST_CASE("plan: the walker hands plans to the plan front end, not CloudFormation") {
  Graph graph = Scan("tests/data/golden/plan-json");
  REQUIRE(graph.inputs.size() == 1);
  CHECK(graph.inputs[0].kind == "terraform-plan");
  CHECK(graph.roles.size() == 2);
}

TEST_CASE("plan: the same (rule, resource) findings as the HCL it was planned from") {
  auto from_hcl = RuleAndResource(Scan("tests/data/golden/terraform-modules"));
  auto from_plan = RuleAndResource(Scan("tests/data/golden/plan-json/plan.json"));
  std::set<std::pair<std::string, std::string>> expected = {
      {"TL102", "aws_iam_role.guest"},
      {"TL104", "aws_iam_role.app_user"},
      {"TL301", "module.identity.aws_cognito_identity_pool.this"},
  };
  CHECK(from_hcl == expected);
  CHECK(from_plan == expected);
}

}  // namespace trustlint

namespace trustlint {

TEST_CASE("plan: hostile and odd plans are TL001 or skipped parts, never a crash") {
  auto load = [](const std::string& text) {
    GraphBuilder builder;
    plan::LoadPlan("p.json", text, builder);
    return builder.Link();
  };
  Graph deep = load("{\"format_version\":\"1.2\",\"planned_values\":" + std::string(100000, '[') + "\n");
  REQUIRE(deep.parse_errors.size() == 1);
  CHECK(deep.parse_errors[0].message == "Terraform plan: JSON text nests deeper than 256 levels");
  CHECK(FormatLocation(deep.parse_errors[0].loc) == "p.json:1:297");
  CHECK(deep.inputs[0].status == "error");

  Graph scalar = load(R"({"format_version":"1.2","planned_values":"x"})");
  REQUIRE(scalar.parse_errors.size() == 1);
  CHECK(scalar.parse_errors[0].message == "Terraform plan has no planned_values object");

  Graph odd = load(R"({"format_version":"1.2","planned_values":{"root_module":{"resources":[
    {"address":"aws_iam_role.x","mode":"managed","type":"aws_iam_role","name":"x",
     "values":{"assume_role_policy":"{not json","inline_policy":"oops","managed_policy_arns":7}},
    {"address":"aws_iam_role.y","type":"aws_iam_role"},
    "not an object"],"child_modules":{"a":1}}}})");
  CHECK(odd.parse_errors.empty());
  REQUIRE(odd.roles.size() == 1);
  CHECK(odd.roles[0].trust_policy.Literal() == "{not json");
  CHECK(odd.roles[0].managed_policy_arns.size() == 1);
}


TEST_CASE("plan: roles added to a pool that only prior_state has keep its literal pool ID") {
  const std::string path = "tests/data/plan/prior-pool.json";
  Graph graph = LoadPlanFile(path);
  CHECK(graph.parse_errors.empty());
  const RoleAttachment& a = OnlyAttachment(graph);
  CHECK(a.pool.Literal() == "us-east-1:0c8a3f8e-1a2b-4c3d-9e8f-0123456789ab");
  CHECK_FALSE(a.conditional);
  REQUIRE(a.authenticated_role >= 0);
  CHECK(graph.roles[a.authenticated_role].address == "aws_iam_role.auth");
  CHECK(graph.roles[a.authenticated_role].region.Literal() == "us-east-1");
  // No TL001 and no TL103: the trust names the pool the attachment names.
  auto findings = RuleAndResource(Scan(path));
  CHECK_FALSE(findings.count({"TL001", path}));
  CHECK_FALSE(findings.count({"TL103", "aws_iam_role.auth"}));
}

TEST_CASE("plan: the configured region and account fill a provider that sets none") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  const std::string path = "tests/data/plan/first-apply.json";
  GraphBuilder builder;
  plan::LoadPlan(path, ReadText(path), builder, "ap-southeast-2", "444455556666");
  Graph graph = builder.Link();
  REQUIRE(graph.pools.size() == 1);
  CHECK(graph.pools[0].account.Literal() == "444455556666");
}

}  // namespace trustlint
