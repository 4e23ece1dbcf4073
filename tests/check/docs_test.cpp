// docs/rules/<ID>.md is generated from rule metadata (`trustlint docs docs/rules`);
// this test keeps the checked-in pages from drifting.
#include "report/docs.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/registry.h"

using namespace trustlint;

namespace {

const std::filesystem::path kDocs = std::filesystem::path(TRUSTLINT_SOURCE_DIR) / "docs" / "rules";

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

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
                "Bad: 1\n",
                "Good: 1\n"};
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
        "## Example\n"
        "\n"
        "Bad:\n"
        "\n"
        "```yaml\n"
        "Bad: 1\n"
        "```\n"
        "\n"
        "Good:\n"
        "\n"
        "```yaml\n"
        "Good: 1\n"
        "```\n"
        "\n"
        "## Source\n"
        "\n"
        "> Quoted seed line one.\n"
        ">\n"
        "> Line two.\n");
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
