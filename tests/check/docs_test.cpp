// docs/rules/<ID>.md is generated from rule metadata (`trustlint docs docs/rules`);
// this test keeps the checked-in pages from drifting.
#include "report/docs.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "../cli_run.h"
#include "../file_text.h"
#include "rules/registry.h"

using namespace trustlint;

namespace {

using trustlint::testing::Slurp;

const std::filesystem::path kDocs = std::filesystem::path(TRUSTLINT_SOURCE_DIR) / "docs" / "rules";

}  // namespace

TEST_CASE("docs: every page in docs/rules equals RenderRuleDoc of its rule") {
  for (const auto& entry : std::filesystem::directory_iterator(kDocs)) {
    if (entry.path().extension() != ".md") continue;
    const std::string id = entry.path().stem().string();
    CAPTURE(id);
    const Rule* rule = FindRule(id);
    REQUIRE_MESSAGE(rule != nullptr, (std::string("docs/rules/") + id + ".md names no registered rule"));
    CHECK_MESSAGE(Slurp(entry.path()) == RenderRuleDoc(rule->Info()),
                  (std::string("docs/rules/") + id + ".md is stale: run `trustlint docs docs/rules`"));
  }
}

TEST_CASE("docs: every registered rule has a page") {
  for (const auto& rule : AllRules()) {
    const std::string id = rule->Info().id;
    CAPTURE(id);
    CHECK_MESSAGE(std::filesystem::exists(kDocs / (id + ".md")), (std::string("missing docs/rules/") + id + ".md"));
  }
}

TEST_CASE("docs: page layout") {
  RuleInfo info{"TL999",
                "made-up-rule",
                Severity::kWarning,
                "Fires when a test says so.",
                "Because tests need a rule.\n",
                "Change the test.",
                "Quoted seed line one.\n\nLine two.",
                {SeedPage::kIamRoles}};
  CHECK(RenderRuleDoc(info) ==
        "# TL999 made-up-rule\n"
        "\n"
        "Severity: warning\n"
        "\n"
        "Fires when a test says so.\n"
        "\n"
        "## Why\n"
        "\n"
        "Because tests need a rule.\n"
        "\n"
        "## How to fix\n"
        "\n"
        "Change the test.\n"
        "\n"
        "## Examples\n"
        "\n"
        "These are the rule's own test fixtures (the case named `example` when there is one, else the shortest): the test suite checks that every bad example raises TL999 exactly as shown and that no good example does.\n"
        "\n"
        "## How to suppress\n"
        "\n"
        "Suppress one finding on the resource it names, always with a reason after `--`: a suppression without a reason suppresses nothing and is itself reported (TL002). Suppressed findings stay in the JSON output, marked.\n"
        "\n"
        "CloudFormation, in the resource's `Metadata`:\n"
        "\n"
        "```yaml\n"
        "Resources:\n"
        "  MyResource:\n"
        "    Metadata:\n"
        "      trustlint:\n"
        "        ignore:\n"
        "          - rule: TL999\n"
        "            reason: \"why this finding is acceptable here\"\n"
        "```\n"
        "\n"
        "CloudFormation (YAML), a comment on the line above the resource or inside it:\n"
        "\n"
        "```yaml\n"
        "Resources:\n"
        "  # trustlint:ignore TL999 -- why this finding is acceptable here\n"
        "  MyResource:\n"
        "```\n"
        "\n"
        "Terraform, a comment on the line above the block or inside it:\n"
        "\n"
        "```hcl\n"
        "# trustlint:ignore TL999 -- why this finding is acceptable here\n"
        "resource \"aws_iam_role\" \"app\" {\n"
        "```\n"
        "\n"
        "To turn the rule off for every resource, in `.trustlint.yaml`:\n"
        "\n"
        "```yaml\n"
        "disable: [TL999]\n"
        "```\n"
        "\n"
        "## Source\n"
        "\n"
        "> Quoted seed line one.\n"
        ">\n"
        "> Line two.\n"
        "\n"
        "From the Amazon Cognito Developer Guide:\n"
        "\n"
        "- [IAM roles - Amazon Cognito](https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html)\n");
}

TEST_CASE("docs: the rules table lists every rule in ID order") {
  const std::string table = RenderRulesTable();
  CHECK(table.rfind("| ID | Name | Severity | Summary |\n|---|---|---|---|\n", 0) == 0);
  CHECK(table.find("| TL002 | suppression-without-reason | warning | ") != std::string::npos);
  size_t last = 0;
  for (const auto& rule : AllRules()) {
    const size_t at = table.find("| " + rule->Info().id + " |");
    REQUIRE(at != std::string::npos);
    CHECK(at >= last);
    last = at;
  }
}

namespace {

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("docs: a page shows its fixtures in both front ends, how to suppress, and the AWS page") {
  const std::string page = RenderRuleDoc(FindRule("TL102")->Info());
  CAPTURE(page);
  CHECK(Has(page, "### CloudFormation\n\nBad (`fixtures/rules/TL102/cloudformation/bad/example.yaml`):\n\n```yaml\n"));
  CHECK(Has(page, "Good (`fixtures/rules/TL102/cloudformation/good/example.yaml`):"));
  CHECK(Has(page, "### Terraform\n\nBad (`fixtures/rules/TL102/terraform/bad/example/`):\n\n`main.tf`:\n\n```hcl\n"));
  CHECK(Has(page, "Good (`fixtures/rules/TL102/terraform/good/example/`):"));
  CHECK(Has(page, "trustlint reports TL102:\n\n- line 14, `BadAuthRoleNoAud`: error, proven\n"));
  CHECK(Has(page, "## How to suppress"));
  CHECK(Has(page, "  BadAuthRoleNoAud:\n    Metadata:\n      trustlint:\n        ignore:\n          - rule: TL102\n"));
  CHECK(Has(page, "  # trustlint:ignore TL102 -- "));
  CHECK(Has(page, "# trustlint:ignore TL102 -- why this finding is acceptable here\nresource \"aws_iam_role\" \"BadAuthRoleNoAud\" {"));
  CHECK(Has(page, "disable: [TL102]"));
  CHECK(Has(page, "- [IAM roles - Amazon Cognito](https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html)"));
}

TEST_CASE("docs: a finding on a file that does not parse cannot be suppressed in it") {
  const std::string page = RenderRuleDoc(FindRule("TL001")->Info());
  CHECK(Has(page, "disable: [TL001]"));
  CHECK_FALSE(Has(page, "trustlint:ignore TL001"));
}

TEST_CASE("docs: a rule whose seed is the specification links no AWS page") {
  const std::string page = RenderRuleDoc(FindRule("TL002")->Info());
  CHECK_FALSE(Has(page, "https://docs.aws.amazon.com"));
}

TEST_CASE("docs: explain prints the embedded fixtures without the source tree") {
  const std::filesystem::path empty = std::filesystem::temp_directory_path() / "trustlint_explain_elsewhere";
  std::filesystem::create_directories(empty);
  const std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(empty);
  const trustlint::testing::Run run = trustlint::testing::RunTrustlint({"explain", "TL104"});
  std::filesystem::current_path(previous);
  CHECK(run.status == 0);
  CHECK(Has(run.out, "fixtures/rules/TL104/terraform/bad/example/"));
  CHECK(Has(run.out, "resource \"aws_iam_role\" \"BadAuthRoleNoAmrClassicFlow\""));
}
