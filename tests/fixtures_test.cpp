// The data-driven rule test: walks the registry, and for every rule scans each of
// its fixtures alone. A bad case must give exactly the findings of that rule listed
// in `<case>.expected` ("<line> <resource> <severity> <certainty>" per line); a good
// case must give none of that rule.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "differential.h"
#include "frontend/scan.h"
#include "report/page_examples.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

const fs::path kFixtures = fs::path(TRUSTLINT_SOURCE_DIR) / "fixtures" / "rules";

// The cases of one bad/ or good/ folder: files and folders other than *.expected
// (the same listing the rule pages choose their examples from).
std::vector<fs::path> CasesIn(const fs::path& dir) { return FixtureCasesIn(dir); }

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

namespace {

// Rules whose page may lack a CloudFormation or a Terraform example, with the reason.
// Every other rule must show a bad and a good example in both front ends.
const std::map<std::string, std::string> kRulesWithoutTwin = {
    // (none today: even TL001 has a malformed template in each front end)
};

std::string Slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The embedded example of a rule for one front end and kind, or nullptr.
const PageExample* EmbeddedExample(const std::string& rule, std::string_view front_end, std::string_view kind) {
  for (const PageExample* example : PageExamplesOf(rule)) {
    if (example->front_end == front_end && example->kind == kind) return example;
  }
  return nullptr;
}

// The embedded files equal the fixture on disk: the binary is not stale.
void CheckEmbeddedMatchesDisk(const PageExample& example, const fs::path& chosen) {
  const std::vector<fs::path> files = FixtureCaseFiles(chosen);
  REQUIRE(example.files.size() == files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    INFO("file ", files[i].string());
    CHECK(example.files[i].text == Slurp(files[i]));
  }
}

}  // namespace

TEST_CASE("every rule page shows fixtures: bad ones that fire the rule as expected, good ones that do not") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  for (const auto& rule : AllRules()) {
    const std::string id = rule->Info().id;
    INFO("rule ", id);
    for (std::string_view front_end : kPageFrontEnds) {
      for (std::string_view kind : kPageKinds) {
        INFO(front_end, " ", kind);
        const auto chosen = ChoosePageCase(kFixtures / id / front_end / kind);
        const PageExample* example = EmbeddedExample(id, front_end, kind);
        if (!chosen) {
          CHECK_MESSAGE(kRulesWithoutTwin.count(id) == 1,
                        id << " has no " << front_end << " " << kind << " fixture for its page: add one, or list the "
                           << "rule in kRulesWithoutTwin with the reason");
          CHECK_MESSAGE(example == nullptr, "the binary embeds a fixture that is gone: rebuild");
          continue;
        }
        REQUIRE_MESSAGE(example != nullptr, "the binary embeds no page example: rebuild");
        CHECK_MESSAGE(fs::path(TRUSTLINT_SOURCE_DIR) / example->path == *chosen,
                      "the page shows " << example->path << ", the convention chooses " << chosen->string()
                                        << ": rebuild");
        CheckEmbeddedMatchesDisk(*example, *chosen);
        // The fixture test above runs every case, this one included; the sanitizer
        // build (four times slower) leaves the repeat to the release run.
        if (difftest::SlowBuild()) continue;
        const std::vector<std::string> findings = FindingsOf(id, *chosen);
        if (kind == "bad") {
          CHECK_MESSAGE(!findings.empty(), "the page's bad example does not fire " << id);
          CHECK(Join(findings) == Join(ExpectedFor(*chosen)));
        } else {
          CHECK_MESSAGE(Join(findings) == "", "the page's good example fires " << id);
        }
      }
    }
  }
}

TEST_CASE("page example selection: the case named example, else the shortest, the first by name among equals") {
  const fs::path dir = fs::temp_directory_path() / "trustlint_page_selection";
  fs::remove_all(dir);
  fs::create_directories(dir / "kind" / "folder_case");
  auto write = [](const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; };
  write(dir / "kind" / "b_long.yaml", "aaaaaaaaaa");
  write(dir / "kind" / "b_long.expected", "1 X error proven\n");
  write(dir / "kind" / "d_short.yaml", "aaa");
  write(dir / "kind" / "c_short.yaml", "aaa");
  write(dir / "kind" / "folder_case" / "main.tf", "aaaa");
  write(dir / "kind" / "folder_case" / "other.tf", "a");
  CHECK(FixtureCasesIn(dir / "kind").size() == 4);
  CHECK(ChoosePageCase(dir / "kind") == dir / "kind" / "c_short.yaml");
  CHECK(FixtureCaseFiles(dir / "kind" / "folder_case") ==
        std::vector<fs::path>{dir / "kind" / "folder_case" / "main.tf", dir / "kind" / "folder_case" / "other.tf"});
  fs::create_directories(dir / "kind" / "example");
  write(dir / "kind" / "example" / "main.tf", "aaaaaaaaaaaaaaaaaaaa");
  CHECK(ChoosePageCase(dir / "kind") == dir / "kind" / "example");
  CHECK_FALSE(ChoosePageCase(dir / "missing").has_value());
  fs::remove_all(dir);
}

TEST_CASE("every rule links the AWS pages its seed passage quotes, unless it quotes the specification") {
  for (const auto& rule : AllRules()) {
    const RuleInfo& info = rule->Info();
    INFO("rule ", info.id);
    const bool quotes_spec = info.seed.find("(trustlint specification") != std::string::npos;
    CHECK(info.seed_pages.empty() == quotes_spec);
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
