// Untrusted input: syntax errors become TL001 with 1-based positions, and deep
// nesting, invalid UTF-8, random bytes and very large files end cleanly.
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "frontend/scan.h"
#include "frontend/terraform/terraform.h"
#include "terraform_test_util.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

// A fresh folder holding one main.tf with `text`.
class TempModule : public trustlint::testing::TempFolder {
 public:
  explicit TempModule(const std::string& text) : TempFolder({{"main.tf", text}}) {}
  std::string File() const { return Path("main.tf"); }
};

}  // namespace

TEST_CASE("terraform: a syntax error is TL001 at its line and column; the rest is still read") {
  TempModule m(
      "resource \"aws_iam_role\" \"ok\" {\n"
      "  name = \"ok\"\n"
      "}\n"
      "resource \"aws_iam_role\" \"broken\" {\n"
      "  name = \"x\" +\n"
      "}\n");
  Graph g = m.Load();
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(FormatLocation(g.parse_errors[0].loc) + " " + g.parse_errors[0].message ==
        m.File() + ":5:14 syntax error near \"+\"");
  REQUIRE(g.inputs.size() == 1);
  CHECK(g.inputs[0].status == "error");
  CHECK(g.FindRole("aws_iam_role.ok") != nullptr);
}

TEST_CASE("terraform: 100k-deep nesting ends with a nesting TL001") {
  std::string deep = "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = " + std::string(100000, '[') +
                     std::string(100000, ']') + "\n}\n";
  TempModule m(deep);
  Graph g = m.Load();
  REQUIRE(g.parse_errors.size() == 1);
  // At the bracket that opens level 513 (the block's `{` is level 1), found before
  // tree-sitter reads the text; the file is refused whole.
  CHECK(FormatLocation(g.parse_errors[0].loc) + " " + g.parse_errors[0].message ==
        m.File() + ":2:535 nesting deeper than 512 levels");
  CHECK(g.roles.empty());
}

TEST_CASE("terraform: a file nested deeper than the cap is refused whole, not evaluated in part") {
  // 200 brackets pass the text check (512) but make a syntax tree deeper than 512 levels.
  std::string deep =
      "resource \"aws_iam_role\" \"ok\" {\n  name = \"ok\"\n}\n"
      "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = " +
      std::string(200, '[') + std::string(200, ']') + "\n}\n";
  TempModule m(deep);
  Graph g = m.Load();
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].message == "nesting deeper than 512 levels");
  CHECK(g.parse_errors[0].loc.line == 5);
  CHECK(g.roles.empty());
}

TEST_CASE("terraform: parsing a file has a CPU time budget") {
  std::string text;
  for (int i = 0; text.size() < (1u << 20); ++i) {
    text += "resource \"aws_s3_bucket\" \"b" + std::to_string(i) + "\" {\n  bucket = \"bucket-" + std::to_string(i) +
            "\"\n}\n";
  }
  TempModule m(text);
  BudgetLimits limits;
  limits.parse_time = std::chrono::milliseconds(1);
  limits.parse_time_per_mib = std::chrono::milliseconds(0);
  Graph g = m.Load(limits);
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(FormatLocation(g.parse_errors[0].loc) + " " + g.parse_errors[0].message ==
        m.File() + ":1:1 scan budget \"parse-time\" exhausted: parsing took more than 1 ms of CPU time");
  REQUIRE(g.inputs.size() == 1);
  CHECK(g.inputs[0].status == "error");
}

TEST_CASE("terraform: invalid UTF-8 and random bytes end cleanly") {
  TempModule utf8("resource \"aws_iam_role\" \"\xff\xfe\" {\n  name = \"\xc3\x28\"\n}\n");
  Graph g = utf8.Load();
  CHECK(g.inputs.size() == 1);

  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::string bytes(4096, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
    TempModule random(bytes);
    Graph r = random.Load();
    CHECK(r.inputs.size() == 1);
  }
}

// Speed is measured by `make bench` (bench/run.sh), not here: this only checks that a
// large file is read completely, to its last resource.
TEST_CASE("terraform: a large .tf file is read to the end") {
  std::string text;
  for (int i = 0; text.size() < (4u << 20); ++i) {
    text += "resource \"aws_s3_bucket\" \"b" + std::to_string(i) + "\" {\n  bucket = \"bucket-" + std::to_string(i) +
            "\"\n  tags   = { team = \"x\", list = [1, 2, 3] }\n}\n";
  }
  text += "resource \"aws_iam_role\" \"needle\" {\n  name = \"needle\"\n}\n";
  TempModule m(text);
  // Parsing 4 MB takes longer than the default parse-time budget on a slow or
  // sanitizer-built machine; what is tested here is that nothing is cut short.
  BudgetLimits limits;
  limits.parse_time = std::chrono::minutes(10);
  Graph g = m.Load(limits);
  CHECK(g.parse_errors.empty());
  CHECK(g.FindRole("aws_iam_role.needle") != nullptr);
}

TEST_CASE("terraform: a 20 MB .tf file is refused by the size cap before it is read") {
  std::string text(20u << 20, '#');
  text += "\nresource \"aws_iam_role\" \"hidden\" {\n  name = \"x\"\n}\n";
  TempModule m(text);
  Graph g = m.Load();
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].loc.line == 1);
  CHECK(g.parse_errors[0].message.find("-byte limit for Terraform") != std::string::npos);
  CHECK(g.roles.empty());
}

// Not a unit test of behaviour: runs the front end over every Terraform folder of
// the shared corpus (when present) and requires that none gives a parse error.
TEST_CASE("terraform: the corpus's Terraform folders parse") {
  const fs::path corpus = fs::weakly_canonical(TRUSTLINT_SOURCE_DIR "/../shared/corpus");
  std::ifstream tsv(corpus / "PROVENANCE.tsv");
  if (!tsv) return;
  std::map<std::string, std::set<std::string>> dirs_by_repo;
  for (std::string line; std::getline(tsv, line);) {
    if (!line.ends_with("\ttf")) continue;
    fs::path saved = corpus / line.substr(0, line.find('\t'));
    std::string repo = *fs::relative(saved, corpus).begin();
    dirs_by_repo[repo].insert(saved.parent_path().string());
  }
  for (const auto& [repo, dirs] : dirs_by_repo) {
    TerraformInputs inputs;
    inputs.scan_root = fs::canonical(corpus / repo).string();
    inputs.module_dirs.assign(dirs.begin(), dirs.end());
    GraphBuilder builder;
    LoadTerraform(inputs, builder);
    Graph g = builder.Link();
    std::string errors;
    for (const auto& e : g.parse_errors) errors += FormatLocation(e.loc) + " " + e.message + "\n";
    // Raab70's cognito.tf is Terraform 0.11 syntax (`roles { "authenticated" = ... }`):
    // read through the legacy rewrite, so no TL001 either.
    CHECK(errors == "");
    if (std::getenv("TRUSTLINT_DUMP_CORPUS")) MESSAGE(trustlint::testing::DumpTerraformGraph(g));
    MESSAGE(repo << ": " << dirs.size() << " folders, " << g.inputs.size() << " files, " << g.pools.size() << " pools, "
                 << g.attachments.size() << " attachments, " << g.roles.size() << " roles, " << g.policies.size()
                 << " policies");
  }
}

// Git checks symlinks out as text files holding the target when symlinks are off.
TEST_CASE("terraform: a git symlink placeholder reads as its target inside the root, and as nothing outside it") {
  ScanOptions options;
  options.paths = {TRUSTLINT_SOURCE_DIR "/tests/data/terraform/git-symlink"};
  const Graph g = ScanPaths(options);
  std::string errors;
  for (const auto& e : g.parse_errors) errors += FormatLocation(e.loc) + " " + e.message + "\n";
  CHECK(errors == "");
  const IdentityPool* pool = nullptr;
  for (const IdentityPool& p : g.pools) {
    if (p.address.ends_with("aws_cognito_identity_pool.pool")) pool = &p;
  }
  REQUIRE(pool != nullptr);
  CHECK(pool->region.Literal() == std::optional<std::string>("eu-west-1"));  // from ../shared.tf
}
