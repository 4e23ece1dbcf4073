// Golden tests: tests/golden/<case>/ holds `args` (one CLI argument per line,
// run from the repository root), the expected stdout per case (`expected.out`) and
// the expected exit status (`exit_code`). TRUSTLINT_REGENERATE=1 rewrites the
// expected files; review the diff before committing.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.h"
#include "file_text.h"

namespace fs = std::filesystem;

namespace {

using trustlint::testing::Run;
using trustlint::testing::RunTrustlint;
using trustlint::testing::Slurp;

std::vector<std::string> ArgsOf(const fs::path& dir) {
  std::vector<std::string> args;
  std::ifstream in(dir / "args");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) args.push_back(line);
  }
  return args;
}

}  // namespace

TEST_CASE("golden CLI output") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  const bool regenerate = std::getenv("TRUSTLINT_REGENERATE") != nullptr;
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator("tests/golden")) {
    if (e.is_directory()) cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE_FALSE(cases.empty());
  for (const fs::path& dir : cases) {
    INFO("golden case ", dir.string());
    Run run = RunTrustlint(ArgsOf(dir));
    if (regenerate) {
      std::ofstream(dir / "expected.out", std::ios::binary) << run.out;
      std::ofstream(dir / "exit_code") << run.status << "\n";
      continue;
    }
    CHECK(run.out == Slurp(dir / "expected.out"));
    CHECK(std::to_string(run.status) + "\n" == Slurp(dir / "exit_code"));
  }
}

TEST_CASE("the same scan gives byte-identical JSON twice") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  Run first = RunTrustlint({"check", "examples/", "--format", "json"});
  Run second = RunTrustlint({"check", "examples/", "--format", "json"});
  CHECK(first.out == second.out);
  CHECK(first.out.find("\"findings\"") != std::string::npos);
}
