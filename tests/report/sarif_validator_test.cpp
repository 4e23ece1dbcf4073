// Microsoft's SARIF Multitool judges trustlint's SARIF with GitHub's ingestion rules
// and the SARIF spec's own ("Gh;Sarif"): zero errors and zero warnings on the
// examples, on the shared corpus, and on a document built to hold the awkward cases.
// The validator is pinned in tools/validators (installed by `make test`); when it is
// missing the test fails, since CI installs it and a skipped check proves nothing.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "../cli_run.h"
#include "../file_text.h"
#include "report/sarif.h"
#include "report_fixture.h"

namespace fs = std::filesystem;

namespace {

using trustlint::testing::RunTrustlint;
using trustlint::testing::ShellQuote;
using trustlint::testing::Slurp;

const std::string kValidator = std::string(TRUSTLINT_SOURCE_DIR) +
                               "/tools/validators/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";

struct Verdict {
  int errors = 0;
  int warnings = 0;
  std::string console;  // what the validator printed
};

fs::path ScratchDir() {
  const fs::path dir = fs::temp_directory_path() / ("trustlint-sarif-validate-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

// Counts the validator's own results by level (SARIF's default level is warning),
// and its execution notifications at error level: a file it could not read.
Verdict Validate(const fs::path& sarif) {
  const fs::path log = sarif.string() + ".validation.sarif";
  const std::string cmd = ShellQuote(kValidator) + " validate --rule-kind \"Gh;Sarif\" --log ForceOverwrite --output " +
                          ShellQuote(log.string()) + " " + ShellQuote(sarif.string()) + " 2>&1";
  Verdict v;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) v.console.append(buf, n);
  pclose(pipe);
  INFO(v.console);
  REQUIRE(fs::exists(log));
  const auto doc = nlohmann::json::parse(Slurp(log));
  for (const auto& run : doc.at("runs")) {
    for (const auto& r : run.value("results", nlohmann::json::array())) {
      const std::string level = r.value("level", "warning");
      v.errors += level == "error";
      v.warnings += level == "warning";
    }
    for (const auto& inv : run.value("invocations", nlohmann::json::array())) {
      for (const auto& note : inv.value("toolExecutionNotifications", nlohmann::json::array())) {
        v.errors += note.value("level", "warning") == "error";
      }
    }
  }
  return v;
}

void RequireValidator() {
  INFO("the SARIF validator is missing: run `make test` (or `cd tools/validators && npm ci --ignore-scripts "
       "&& chmod +x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool`)");
  REQUIRE(access(kValidator.c_str(), X_OK) == 0);
}

// Scans `path` from `cwd` into a .sarif file and validates it.
Verdict ValidateScan(const fs::path& cwd, const std::string& path, const fs::path& out) {
  fs::current_path(cwd);
  const auto run = RunTrustlint({"check", path, "--format", "sarif", "--output", out.string()});
  INFO(run.out);
  REQUIRE((run.status == 0 || run.status == 1));
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  return Validate(out);
}

}  // namespace

TEST_CASE("sarif validator: the examples' SARIF has no errors or warnings") {
  RequireValidator();
  const fs::path dir = ScratchDir();
  const Verdict v = ValidateScan(TRUSTLINT_SOURCE_DIR, "examples/", dir / "examples.sarif");
  MESSAGE("validator on examples/:\n", v.console);
  CHECK(v.errors == 0);
  CHECK(v.warnings == 0);
  fs::remove_all(dir);
}

TEST_CASE("sarif validator: the corpus's SARIF has no errors or warnings") {
  RequireValidator();
  const fs::path corpus = fs::path(TRUSTLINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::is_directory(corpus)) {
    MESSAGE("skipped: no corpus at ", corpus.string());
    return;
  }
  const fs::path dir = ScratchDir();
  // From the corpus's parent, as a repository's checkout would be scanned: relative paths.
  const fs::path canonical = fs::canonical(corpus);
  const Verdict v = ValidateScan(canonical.parent_path(), canonical.filename().string(), dir / "corpus.sarif");
  MESSAGE("validator on the corpus:\n", v.console);
  CHECK(v.errors == 0);
  CHECK(v.warnings == 0);
  fs::remove_all(dir);
}

TEST_CASE("sarif validator: suppressed, possible, unlocated findings and parse failures are valid too") {
  RequireValidator();
  trustlint::testing::ReportFixture fixture;
  fixture.graph.inputs.push_back({"broken \xC3\xA9.yaml", "cloudformation", "error"});
  fixture.Add("TL001", "broken \xC3\xA9.yaml", {"broken \xC3\xA9.yaml", 2, 1}, "bad indentation");
  auto& possible = fixture.Add("TL104", "AuthRole", {"stack/template.yaml", 12, 7}, "role admits guests");
  possible.MarkPossible("depends on parameter PoolId");
  possible.AddRelated({"stack/template.yaml", 3, 3}, "the pool");
  auto& suppressed = fixture.Add("TL301", "IdentityPool", {"stack/template.yaml", 3, 3}, "guests on");
  suppressed.suppressed = true;
  suppressed.suppression_reason = "public app";
  fixture.Add("TL102", "module.x.aws_iam_role.r[\"a\"]", {}, "no place \x01");
  const fs::path dir = ScratchDir();
  const fs::path file = dir / "awkward.sarif";
  std::ofstream(file, std::ios::binary) << fixture.Render(trustlint::RenderSarif);
  const Verdict v = Validate(file);
  MESSAGE("validator on the awkward document:\n", v.console);
  CHECK(v.errors == 0);
  CHECK(v.warnings == 0);
  fs::remove_all(dir);
}
