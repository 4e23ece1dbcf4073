// Unknowns as fixed values (SPEC 4): one symbol per unresolved input, shared by
// every use, with what its type and validation say; configured region/account;
// attachments that exist in one reading of a conditional only.
#include <doctest/doctest.h>

#include <filesystem>

#include "frontend/terraform/terraform.h"
#include "terraform_test_util.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

Graph Load(const std::string& root, const std::vector<std::string>& dirs, const std::string& region = "",
           const std::string& account = "") {
  return testing::LoadTerraformDirs(root, dirs, {}, {}, region, account);
}

const Symbol& SoleSymbolOf(const Value& v) {
  REQUIRE(v.IsString());
  REQUIRE(v.parts.size() == 1);
  REQUIRE(v.parts[0].symbol);
  return *v.parts[0].symbol;
}

const RoleAttachment* FindAttachment(const Graph& g, const std::string& address) {
  for (const auto& a : g.attachments) {
    if (a.address == address) return &a;
  }
  return nullptr;
}

const Value& Condition(const Role& role, const char* op, const char* key) {
  const Value* st = role.trust_policy.Find("Statement");
  REQUIRE(st);
  REQUIRE(st->IsList());
  const Value* v = st->items.at(0).Find("Condition")->Find(op)->Find(key);
  REQUIRE(v);
  return *v;
}

const InputConstraint* ConstraintOf(const Graph& g, const Symbol& s) {
  auto found = g.input_constraints.find(RenderForMatching({StringPart{"", s}}));
  return found == g.input_constraints.end() ? nullptr : &found->second;
}

const std::string kDir = "tests/terraform/data/unknown_inputs";

}  // namespace

TEST_CASE("terraform: a root variable with no value is one symbol, shared by every use and module input") {
  Graph g = Load(kDir, {kDir, kDir + "/roles"});
  CHECK(g.parse_errors.empty());
  const RoleAttachment* main = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.main");
  REQUIRE(main);
  const Symbol& pool = SoleSymbolOf(main->pool);
  CHECK(pool.kind == Symbol::Kind::kUnknown);
  CHECK(pool.name == "variable identity_pool_id has no value");
  CHECK(pool.scope == kDir);
  const Role* auth = g.FindRole("module.roles.aws_iam_role.auth");
  REQUIRE(auth);
  CHECK(SoleSymbolOf(Condition(*auth, "StringEquals", "cognito-identity.amazonaws.com:aud")) == pool);
  CHECK(main->authenticated_role >= 0);
}

TEST_CASE("terraform: a variable's type and validation conditions constrain its symbol") {
  Graph g = Load(kDir, {kDir, kDir + "/roles"});
  const RoleAttachment* main = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.main");
  REQUIRE(main);
  const InputConstraint* pool = ConstraintOf(g, SoleSymbolOf(main->pool));
  REQUIRE(pool);
  CHECK(pool->allowed_pattern == "us-east-1:[0-9a-f-]+");

  const RoleAttachment* remote = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.remote");
  REQUIRE(remote);
  REQUIRE(remote->authenticated.parts.size() == 3);
  const InputConstraint* prefix = ConstraintOf(g, *remote->authenticated.parts[1].symbol);
  REQUIRE(prefix);
  CHECK(prefix->min_length == 3u);
  CHECK(prefix->max_length == 20u);
  REQUIRE(remote->unauthenticated.parts.size() == 3);
  const InputConstraint* stage = ConstraintOf(g, *remote->unauthenticated.parts[1].symbol);
  REQUIRE(stage);
  CHECK(stage->allowed_values == std::vector<std::string>{"dev", "prod"});

  // A variable that nothing uses is never constrained (nor evaluated).
  CHECK_FALSE(ConstraintOf(g, Symbol{Symbol::Kind::kUnknown, "variable guests has no value", kDir}));
}

TEST_CASE("terraform: each.* of an abstract instance and data source attributes are symbols of their address") {
  Graph g = Load(kDir, {kDir, kDir + "/roles"});
  const Role* team = g.FindRole("aws_iam_role.team");
  REQUIRE(team);
  const Symbol& name = SoleSymbolOf(team->name);
  CHECK(name.kind == Symbol::Kind::kUnknown);
  CHECK(name.scope == kDir + "#aws_iam_role.team");
  CHECK(name.name.starts_with("each.value.name of aws_iam_role.team: for_each is not known"));
  const Symbol& key = SoleSymbolOf(Condition(*team, "ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr"));
  CHECK(key.scope == name.scope);
  CHECK(key.name.starts_with("each.key of aws_iam_role.team"));

  const Symbol& aud = SoleSymbolOf(Condition(*team, "StringEquals", "cognito-identity.amazonaws.com:aud"));
  CHECK(aud.kind == Symbol::Kind::kUnknown);
  CHECK(aud.name == "data.terraform_remote_state.auth.outputs.pool_id is read from outside the scan");
  CHECK(aud.scope == kDir + "#data.terraform_remote_state.auth");
  const RoleAttachment* remote = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.remote");
  REQUIRE(remote);
  CHECK(SoleSymbolOf(remote->pool) == aud);

  const RoleAttachment* shared = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.shared");
  REQUIRE(shared);
  const Symbol& shared_pool = SoleSymbolOf(shared->pool);
  CHECK(shared_pool.name == "data.aws_cognito_identity_pool.shared.id is read from outside the scan");
  CHECK(shared_pool.scope == kDir + "#data.aws_cognito_identity_pool.shared");
}

TEST_CASE("terraform: a provider without a region takes the configured region and account") {
  const std::string dir = "tests/terraform/data/configured_region";
  Graph g = Load(dir, {dir}, "eu-central-1", "111122223333");
  REQUIRE(g.pools.size() == 1);
  CHECK(DumpValue(g.pools[0].region) == "\"eu-central-1\"");
  CHECK(DumpValue(g.pools[0].account) == "\"111122223333\"");
  const Role* auth = g.FindRole("aws_iam_role.auth");
  REQUIRE(auth);
  CHECK(DumpValue(auth->arn) == "\"arn:aws:iam::111122223333:role/auth\"");
  CHECK(DumpValue(Condition(*auth, "StringLike", "cognito-identity.amazonaws.com:aud")) == "\"eu-central-1:*\"");
  const Value* resource = auth->inline_policies.at(0).document.Find("Statement")->items.at(0).Find("Resource");
  REQUIRE(resource);
  CHECK(DumpValue(*resource) == "\"arn:aws:s3:::111122223333-data/*\"");

  // Not configured: unknown, as before.
  Graph unknown = Load(dir, {dir});
  REQUIRE(unknown.pools.size() == 1);
  CHECK(DumpValue(unknown.pools[0].region) == "\"⟨AWS::Region⟩\"");
}

TEST_CASE("terraform: an attachment in one branch of an undecided conditional is conditional") {
  const std::string dir = "tests/terraform/data/conditional";
  Graph g = Load(dir, {dir});
  const RoleAttachment* maybe = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.maybe[0]");
  REQUIRE(maybe);
  CHECK(maybe->conditional);
  CHECK(maybe->pool_id >= 0);
  const RoleAttachment* either = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.either");
  REQUIRE(either);
  CHECK(either->conditional);
  const RoleAttachment* plain = FindAttachment(g, "aws_cognito_identity_pool_roles_attachment.plain");
  REQUIRE(plain);
  CHECK_FALSE(plain->conditional);
  // `type = bool`: the symbol is "true" or "false".
  const InputConstraint* guests = ConstraintOf(g, Symbol{Symbol::Kind::kUnknown, "variable guests has no value", dir});
  REQUIRE(guests);
  CHECK(guests->allowed_values == std::vector<std::string>{"true", "false"});
}
