// The whole CLI, one folder at a time, over everything the repository and the
// shared corpus hold: no input may crash the scan (in the ASan+UBSan run this is
// the sanitizer build), and no file of the shared corpus (real templates that
// CloudFormation and Terraform accept) may be reported as TL001.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace fs = std::filesystem;
using trustlint::testing::RunTrustlint;

namespace {

const fs::path kSource = TRUSTLINT_SOURCE_DIR;
const fs::path kCorpus = kSource / ".." / "shared" / "corpus";

std::vector<fs::path> SortedChildren(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The folders to scan one by one: each rule's fixtures (both front ends), each
// golden case and test data folder (tests/data/crashes: what fuzzing found,
// docs/fuzzing.md), each example.
std::vector<fs::path> RepositoryFolders() {
  std::vector<fs::path> out;
  for (const fs::path& rule : SortedChildren(kSource / "fixtures" / "rules")) {
    for (const fs::path& front_end : SortedChildren(rule)) out.push_back(front_end);
  }
  for (const char* dir : {"tests/golden", "tests/data/golden", "tests/data/terraform", "tests/data/plan",
                          "tests/data/crashes", "examples"}) {
    if (!fs::is_directory(kSource / dir)) continue;
    for (const fs::path& child : SortedChildren(kSource / dir)) out.push_back(child);
  }
  return out;
}

nlohmann::json ScanJson(const fs::path& path, int* status) {
  const auto run = RunTrustlint({"check", "--format", "json", "--fail-on", "never", path.string()}, false);
  *status = run.status;
  return nlohmann::json::parse(run.out, nullptr, false);
}

}  // namespace

TEST_CASE("crash corpus: every fixture, golden and example folder scans to the end") {
  for (const fs::path& folder : RepositoryFolders()) {
    INFO("trustlint check ", folder.string());
    int status = 0;
    const nlohmann::json json = ScanJson(folder, &status);
    CHECK(status == 0);  // --fail-on never: anything else is a crash or a usage error
    CHECK(json.is_object());
  }
}

TEST_CASE("crash corpus: each repository of the shared corpus scans without a crash or TL001" *
          doctest::skip(!fs::is_directory(kCorpus))) {
  int repositories = 0;
  for (const fs::path& repo : SortedChildren(kCorpus)) {
    if (!fs::is_directory(repo)) continue;
    ++repositories;
    INFO("trustlint check ", repo.string());
    int status = 0;
    const nlohmann::json json = ScanJson(repo, &status);
    CHECK(status == 0);
    REQUIRE(json.is_object());
    std::string parse_errors;
    for (const auto& f : json["findings"]) {
      if (f["rule"] == "TL001") {
        parse_errors += f["file"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()) + " " +
                        f["message"].get<std::string>() + "\n";
      }
    }
    CHECK(parse_errors == "");
    for (const auto& input : json["inputs"]) CHECK(input["status"] == "ok");
    CHECK(json["inputs"].size() > 0);  // every repository holds something the scan reads
  }
  CHECK(repositories > 0);
}
