// Terraform JSON syntax: the HCL translation, and the same findings as HCL.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>
#include <utility>

#include "check/checker.h"
#include "rules/registry.h"
#include "frontend/scan.h"
#include "frontend/terraform/json_syntax.h"

namespace fs = std::filesystem;

namespace trustlint {
namespace {

std::set<std::tuple<std::string, std::string, int>> Findings(const std::string& path) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  ScanOptions options;
  options.paths = {path};
  std::set<std::tuple<std::string, std::string, int>> out;
  for (const Finding& f : RunChecks(ScanPaths(options), RuleSet(), CheckOptions{}).findings) {
    out.emplace(f.rule, f.resource, f.loc.line);
  }
  return out;
}

}  // namespace

TEST_CASE("tf.json: blocks, attributes and templates keep their JSON lines") {
  const std::string json = R"({
  "//": "comment",
  "resource": {
    "aws_iam_role": {
      "r": {
        "name": "${var.app}-\"x\"",
        "tags": {"a": 1, "b": true},
        "inline_policy": [
          {"name": "p", "policy": "${jsonencode({A = \"b\"})}"}
        ]
      }
    }
  },
  "variable": {"app": {"type": "string", "default": "${not interpolated}"}}
})";
  terraform::JsonSyntaxTranslation t = terraform::TranslateJsonSyntax("m.tf.json", json);
  REQUIRE_FALSE(t.error);
  CHECK(t.hcl ==
        "\n\n\n\n"
        "resource \"aws_iam_role\" \"r\" {\n"
        "name = \"${var.app}-\\\"x\\\"\"\n"
        "tags = {\"a\" = 1, \"b\" = true}\n"
        "inline_policy {\n"
        "name = \"p\"\n"
        "policy = \"${jsonencode({A = \"b\"})}\"\n"
        "}\n"
        "}\n"
        "\n"
        "variable \"app\" {\n"
        "type = string\n"
        "default = \"$${not interpolated}\"\n"
        "}\n");
}

TEST_CASE("tf.json: a syntax error has the JSON line and column") {
  terraform::JsonSyntaxTranslation t = terraform::TranslateJsonSyntax("m.tf.json", "{\n  \"resource\": {\n    \"a\" 1\n}\n");
  REQUIRE(t.error);
  CHECK(t.error->first.file == "m.tf.json");
  CHECK(t.error->first.line == 3);
  CHECK(t.error->first.column > 0);
}

TEST_CASE("tf.json: the same findings as the HCL module it spells") {
  auto hcl = Findings("examples/terraform");
  auto json = Findings("tests/data/plan/tf-json");
  std::set<std::pair<std::string, std::string>> hcl_rules, json_rules;
  for (const auto& [rule, resource, line] : hcl) hcl_rules.emplace(rule, resource);
  for (const auto& [rule, resource, line] : json) json_rules.emplace(rule, resource);
  CHECK(hcl_rules == std::set<std::pair<std::string, std::string>>{{"TL102", "aws_iam_role.signed_in"}});
  CHECK(json_rules == hcl_rules);
  REQUIRE(json.size() == 1);
  CHECK(std::get<2>(*json.begin()) == 24);  // the assume_role_policy line of main.tf.json
}

TEST_CASE("tf.json: nested statement/principals/condition blocks of a policy document") {
  auto found = Findings("tests/data/plan/tf-json-blocks");
  std::set<std::pair<std::string, std::string>> rules;
  for (const auto& [rule, resource, line] : found) rules.emplace(rule, resource);
  CHECK(rules == std::set<std::pair<std::string, std::string>>{{"TL102", "aws_iam_role.guest"},
                                                               {"TL301", "aws_cognito_identity_pool.open"}});
}

}  // namespace trustlint
