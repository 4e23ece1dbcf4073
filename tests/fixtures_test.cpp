// The data-driven rule test: walks the registry, and for every rule scans each of
// its fixtures alone. A bad case must give exactly the findings of that rule listed
// in `<case>.expected` ("<line> <resource> <severity> <certainty>" per line); a good
// case must give none of that rule.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "frontend/scan.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

const fs::path kFixtures = fs::path(TRUSTLINT_SOURCE_DIR) / "fixtures" / "rules";

// The cases of one bad/ or good/ folder: files and folders other than *.expected.
std::vector<fs::path> CasesIn(const fs::path& dir) {
  std::vector<fs::path> cases;
  if (!fs::is_directory(dir)) return cases;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".expected") cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::vector<std::string> FindingsOf(const std::string& rule, const fs::path& input) {
  // Scan with the path relative to the source dir so that messages are stable.
  ScanOptions scan;
  scan.paths = {fs::relative(input, fs::current_path()).string()};
  Graph graph = ScanPaths(scan);
  CheckResult result = RunChecks(graph, RuleSet(), CheckOptions{});
  std::vector<std::string> lines;
  for (const Finding& f : result.findings) {
    if (f.rule != rule) continue;
    lines.push_back(std::to_string(f.loc.line) + " " + f.resource + " " + std::string(SeverityName(f.severity)) +
                    " " + (f.proven ? "proven" : "possible"));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> ExpectedFor(const fs::path& input) {
  fs::path expected = input;
  expected.replace_extension(".expected");
  if (fs::is_directory(input)) expected = input.string() + ".expected";
  std::ifstream in(expected);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("every registered rule has bad and good fixtures that give exactly the expected findings") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  REQUIRE_FALSE(AllRules().empty());
  for (const auto& rule : AllRules()) {
    const std::string id = rule->Info().id;
    const fs::path dir = kFixtures / id;
    INFO("rule ", id);
    REQUIRE_MESSAGE(fs::is_directory(dir), "no fixtures/rules/" << id);
    int bad = 0;
    int good = 0;
    for (const auto& front_end : fs::directory_iterator(dir)) {
      for (const fs::path& input : CasesIn(front_end.path() / "bad")) {
        INFO("bad case ", input.string());
        fs::path expected = input;
        expected.replace_extension(".expected");
        if (fs::is_directory(input)) expected = input.string() + ".expected";
        CHECK_MESSAGE(fs::exists(expected), "missing " << expected.string());
        std::vector<std::string> want = ExpectedFor(input);
        CHECK_MESSAGE(!want.empty(), "a bad case must expect at least one finding");
        CHECK(Join(FindingsOf(id, input)) == Join(want));
        ++bad;
      }
      for (const fs::path& input : CasesIn(front_end.path() / "good")) {
        INFO("good case ", input.string());
        CHECK(Join(FindingsOf(id, input)) == "");
        ++good;
      }
    }
    CHECK_MESSAGE(bad > 0, id << " has no bad fixture");
    CHECK_MESSAGE(good > 0, id << " has no good fixture");
  }
}

TEST_CASE("rule IDs are unique, sorted and well formed") {
  std::set<std::string> seen;
  std::string previous;
  for (const auto& rule : AllRules()) {
    const RuleInfo& info = rule->Info();
    CHECK(info.id.size() == 5);
    CHECK(info.id.rfind("TL", 0) == 0);
    CHECK(seen.insert(info.id).second);
    CHECK(previous < info.id);
    previous = info.id;
    CHECK_FALSE(info.name.empty());
    CHECK_FALSE(info.summary.empty());
    CHECK_FALSE(info.explanation.empty());
    CHECK_FALSE(info.fix.empty());
    CHECK_FALSE(info.seed.empty());
  }
}
