// README.md shows generated material: the rules table (from rule metadata) and
// the 30-second example (the real output of `trustlint check` on examples/).
// These tests keep both from drifting; `make readme` rewrites them.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "file_text.h"
#include "report/docs.h"

namespace {

using trustlint::testing::Slurp;

// The text between "<!-- NAME:begin -->\n" and "<!-- NAME:end -->".
std::string Block(const std::string& text, const std::string& name) {
  const std::string begin = "<!-- " + name + ":begin -->\n";
  const std::string end = "<!-- " + name + ":end -->";
  size_t b = text.find(begin);
  size_t e = text.find(end);
  if (b == std::string::npos || e == std::string::npos || e < b) return "<missing block " + name + ">";
  b += begin.size();
  return text.substr(b, e - b);
}

}  // namespace

TEST_CASE("README's rules table is the one generated from rule metadata") {
  std::string readme = Slurp(std::filesystem::path(TRUSTLINT_SOURCE_DIR) / "README.md");
  CHECK(Block(readme, "rules") == trustlint::RenderRulesTable());
}

TEST_CASE("README's example output is the golden text output of examples/") {
  std::filesystem::path root(TRUSTLINT_SOURCE_DIR);
  std::string readme = Slurp(root / "README.md");
  std::string golden = Slurp(root / "tests" / "golden" / "examples-text" / "expected.out");
  CHECK(Block(readme, "example") == "```console\n$ trustlint check examples/\n" + golden + "```\n");
}
