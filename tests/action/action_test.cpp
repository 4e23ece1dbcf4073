// The GitHub Action (action.yml, SPEC 10): its scan step (scripts/action-scan.sh) run
// as the runner would, with fake GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY and
// GITHUB_OUTPUT; and action.yml itself, whose inputs and outputs must be the
// documented ones.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "../cli_run.h"
#include "../file_text.h"

namespace {

namespace fs = std::filesystem;
using trustlint::testing::Binary;
using trustlint::testing::RunTrustlint;
using trustlint::testing::ShellQuote;
using trustlint::testing::Slurp;

const fs::path kSource(TRUSTLINT_SOURCE_DIR);

void WriteText(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

// A fresh fake runner: a workspace holding a copy of examples/, and the files the
// runner hands every step, already holding what earlier steps wrote.
struct FakeRunner {
  fs::path root;
  fs::path workspace;
  fs::path summary;
  fs::path output;

  FakeRunner() {
    char name[] = "/tmp/trustlint-action-XXXXXX";
    REQUIRE(mkdtemp(name) != nullptr);
    root = name;
    workspace = root / "workspace";
    fs::create_directories(workspace);
    fs::copy(kSource / "examples", workspace / "examples", fs::copy_options::recursive);
    summary = root / "step_summary.md";
    output = root / "github_output";
    WriteText(summary, "# Earlier step\n\n");
    WriteText(output, "earlier=1\n");
  }
  ~FakeRunner() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  struct Result {
    std::string out;  // stdout and stderr
    int status = -1;
  };

  // Runs the scan step with INPUT_* variables as action.yml sets them.
  Result Scan(const std::vector<std::pair<std::string, std::string>>& inputs) const {
    std::string cmd = "cd / && env -u CI NO_COLOR=1 TRUSTLINT=" + ShellQuote(Binary()) +
                      " GITHUB_WORKSPACE=" + ShellQuote(workspace.string()) +
                      " GITHUB_STEP_SUMMARY=" + ShellQuote(summary.string()) +
                      " GITHUB_OUTPUT=" + ShellQuote(output.string());
    for (const auto& [name, value] : inputs) cmd += " " + name + "=" + ShellQuote(value);
    cmd += " bash " + ShellQuote((kSource / "scripts" / "action-scan.sh").string()) + " 2>&1";
    Result result;
    FILE* pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) result.out.append(buf.data(), n);
    const int raw = pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
  }
};

// errors + warnings + notes of trustlint's own JSON summary for `path`, scanned
// from `dir` as the Action scans from the workspace.
int ExpectedFindings(const fs::path& dir, const std::string& path) {
  const fs::path json = dir / ".." / "expected.json";
  const std::string cmd = "cd " + ShellQuote(dir.string()) + " && " + ShellQuote(Binary()) + " check " +
                          ShellQuote(path) + " --format json --output " + ShellQuote(json.string()) + " >/dev/null";
  REQUIRE(std::system(cmd.c_str()) != -1);
  const auto summary = nlohmann::json::parse(Slurp(json)).at("summary");
  return summary.at("errors").get<int>() + summary.at("warnings").get<int>() + summary.at("notes").get<int>();
}

}  // namespace

TEST_CASE("action scan step: summary appended, findings output, SARIF, annotations, exit status") {
  FakeRunner runner;
  const auto run = runner.Scan({{"INPUT_PATH", "examples"}, {"INPUT_FAIL_ON", "error"}});
  INFO(run.out);
  CHECK(run.status == 1);  // the examples hold deliberate errors
  CHECK(run.out.find("::error ") != std::string::npos);

  const std::string summary = Slurp(runner.summary);
  CHECK(summary.rfind("# Earlier step\n\n", 0) == 0);  // appended, not truncated
  CHECK(summary.size() > std::string("# Earlier step\n\n").size());
  CHECK(summary.find("```mermaid") != std::string::npos);

  const int expected = ExpectedFindings(runner.workspace, "examples");
  CHECK(expected > 0);
  CHECK(Slurp(runner.output) == "earlier=1\nfindings=" + std::to_string(expected) + "\n");

  const fs::path sarif = runner.workspace / "trustlint.sarif";
  REQUIRE(fs::exists(sarif));
  const auto document = nlohmann::json::parse(Slurp(sarif));
  CHECK(document.at("version") == "2.1.0");
  CHECK(document.at("runs").at(0).at("results").size() >= static_cast<size_t>(expected));
}

TEST_CASE("action scan step: fail-on never passes; sarif-file in a new folder; fail-on-possible") {
  FakeRunner runner;
  const auto run = runner.Scan({{"INPUT_PATH", "examples/terraform"},
                                {"INPUT_FAIL_ON", "never"},
                                {"INPUT_FAIL_ON_POSSIBLE", "true"},
                                {"INPUT_SARIF_FILE", "reports/tl.sarif"}});
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(fs::exists(runner.workspace / "reports" / "tl.sarif"));
  const int expected = ExpectedFindings(runner.workspace, "examples/terraform");
  CHECK(Slurp(runner.output) == "earlier=1\nfindings=" + std::to_string(expected) + "\n");
}

TEST_CASE("action scan step: a usage error fails the step with status 2 and says so") {
  FakeRunner runner;
  const auto run = runner.Scan({{"INPUT_PATH", "no-such-folder"}});
  CHECK(run.status == 2);
  CHECK(run.out.find("::error title=trustlint::") != std::string::npos);
  CHECK(Slurp(runner.output) == "earlier=1\n");  // no findings count from a failed run
}

TEST_CASE("action scan step: a fail-on-possible that is not true/false is refused before scanning") {
  FakeRunner runner;
  const auto run = runner.Scan({{"INPUT_PATH", "examples"}, {"INPUT_FAIL_ON_POSSIBLE", "yes"}});
  CHECK(run.status == 2);
  CHECK(run.out.find("::error title=trustlint::input fail-on-possible must be true or false") != std::string::npos);
  CHECK(Slurp(runner.summary) == "# Earlier step\n\n");
}

TEST_CASE("action.yml declares the documented inputs and outputs, and uses only declared inputs") {
  const std::string text = Slurp(kSource / "action.yml");
  const YAML::Node action = YAML::Load(text);
  REQUIRE(action["runs"]["using"].as<std::string>() == "composite");

  const std::map<std::string, std::string> documented_defaults = {
      {"path", "."},      {"fail-on", "error"},             {"fail-on-possible", "false"},
      {"baseline", ""},   {"sarif-file", "trustlint.sarif"}, {"config", ""}};
  std::map<std::string, std::string> declared;
  for (const auto& input : action["inputs"]) {
    declared[input.first.as<std::string>()] = input.second["default"].as<std::string>();
    CHECK_FALSE(input.second["description"].as<std::string>().empty());
  }
  CHECK(declared == documented_defaults);

  std::set<std::string> outputs;
  for (const auto& output : action["outputs"]) outputs.insert(output.first.as<std::string>());
  CHECK(outputs == std::set<std::string>{"findings"});

  // Every ${{ inputs.X }} names a declared input, and every input is used.
  const std::regex use(R"(\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\})");
  std::set<std::string> used;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), use); it != std::sregex_iterator(); ++it) {
    used.insert((*it)[1].str());
  }
  for (const std::string& name : used) CHECK_MESSAGE(declared.count(name) == 1, "undeclared input " << name);
  // Not a structured binding: CHECK_MESSAGE's lambda cannot capture one in clang 14.
  for (const auto& entry : declared) CHECK_MESSAGE(used.count(entry.first) == 1, "unused input " << entry.first);

  // docs/github-action.md documents each input with its default, and the output.
  const std::string doc = Slurp(kSource / "docs" / "github-action.md");
  for (const auto& [name, value] : documented_defaults) {
    const std::string row = "| `" + name + "` |" + (value.empty() ? "" : " `" + value + "`") + " |";
    CHECK_MESSAGE(doc.find(row) != std::string::npos, "docs/github-action.md lacks the row " << row);
  }
  CHECK(doc.find("| `findings` |") != std::string::npos);
}

TEST_CASE("action build cache key: stable, and changes with the sources") {
  const std::string script = ShellQuote((kSource / "scripts" / "action-cache-key.sh").string());
  auto key = [&](const std::string& dir, const std::string& extra) {
    FILE* pipe = popen(("bash " + script + " " + ShellQuote(dir) + " " + ShellQuote(extra)).c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 256> buf{};
    std::string out;
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    CHECK(pclose(pipe) == 0);
    return out;
  };
  const std::string first = key(kSource.string(), "Linux-ubuntu24");
  CHECK(first.rfind("key=trustlint-build-", 0) == 0);
  CHECK(key(kSource.string(), "Linux-ubuntu24") == first);
  CHECK(key(kSource.string(), "Linux-ubuntu22") != first);

  // A copy of what the binary is built from has the same key until one source changes.
  FakeRunner scratch;
  const fs::path copy = scratch.root / "action";
  fs::create_directories(copy);
  for (const char* dir : {"src", "data", "cmake", "fixtures/rules"}) {
    fs::create_directories(copy / dir);
    fs::copy(kSource / dir, copy / dir, fs::copy_options::recursive);
  }
  fs::create_directories(copy / "grammars");
  fs::create_directories(copy / "tools");
  for (const char* file : {"CMakeLists.txt", "Makefile", "grammars/package-lock.json", "tools/gen_catalogue.cpp",
                           "tools/gen_page_examples.cpp"}) {
    fs::copy_file(kSource / file, copy / file);
  }
  CHECK(key(copy.string(), "Linux-ubuntu24") == first);
  // Test-only tools do not change the binary; a rule fixture does (the rule pages embed them).
  fs::create_directories(copy / "tools" / "validators");
  std::ofstream(copy / "tools" / "validators" / "package.json") << "{}\n";
  CHECK(key(copy.string(), "Linux-ubuntu24") == first);
  std::ofstream(copy / "fixtures" / "rules" / "TL104" / "note.txt") << "changed\n";
  const std::string with_fixture = key(copy.string(), "Linux-ubuntu24");
  CHECK(with_fixture != first);
  std::ofstream(copy / "src" / "cli" / "main.cpp", std::ios::app) << "// changed\n";
  CHECK(key(copy.string(), "Linux-ubuntu24") != with_fixture);
}
