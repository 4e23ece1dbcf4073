// Golden tests: tests/golden/<case>/ holds `args` (one CLI argument per line,
// run from the repository root), the expected stdout per case (`expected.out`) and
// the expected exit status (`exit_code`). TRUSTLINT_REGENERATE=1 rewrites the
// expected files; review the diff before committing.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string Binary() {
  if (const char* env = std::getenv("TRUSTLINT_TEST_BINARY")) return env;
  return TRUSTLINT_BINARY;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

struct Run {
  std::string out;
  int status = -1;
};

Run RunTrustlint(const std::vector<std::string>& args) {
  std::string cmd = "NO_COLOR=1 " + ShellQuote(Binary());
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  cmd += " 2>&1";
  Run run;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
  int raw = pclose(pipe);
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return run;
}

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
    CHECK(run.out == ReadFile(dir / "expected.out"));
    CHECK(std::to_string(run.status) + "\n" == ReadFile(dir / "exit_code"));
  }
}

TEST_CASE("the same scan gives byte-identical JSON twice") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  Run first = RunTrustlint({"check", "examples/", "--format", "json"});
  Run second = RunTrustlint({"check", "examples/", "--format", "json"});
  CHECK(first.out == second.out);
  CHECK(first.out.find("\"findings\"") != std::string::npos);
}
