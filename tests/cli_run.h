// Runs the trustlint binary as a user would, for tests that judge the whole CLI:
// the one under test is TRUSTLINT_TEST_BINARY when set (the sanitizer build), else
// the binary built beside the tests.
#pragma once

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace trustlint::testing {

// Absolute, because many tests run it from a scratch folder, and resolved once,
// before any test changes the current directory (`make test` passes an absolute
// path; a relative one typed by hand works too).
inline std::string Binary() {
  static const std::string binary = [] {
    if (const char* env = std::getenv("TRUSTLINT_TEST_BINARY")) return std::filesystem::absolute(env).string();
    return std::string(TRUSTLINT_BINARY);
  }();
  return binary;
}

inline std::string ShellQuote(const std::string& s) {
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
  int status = -1;  // exit status; -1 when killed by a signal (a crash)
};

// `stderr_too`: stderr joins stdout (golden tests compare both); otherwise it is dropped.
// `wrapper`: a command the binary runs under (`timeout ...`), trusted text from the test.
inline Run RunTrustlint(const std::vector<std::string>& args, bool stderr_too = true,
                        const std::string& wrapper = "") {
  std::string cmd = "NO_COLOR=1 " + (wrapper.empty() ? "" : wrapper + " ") + ShellQuote(Binary());
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  cmd += stderr_too ? " 2>&1" : " 2>/dev/null";
  Run run;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
  const int raw = pclose(pipe);
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return run;
}

}  // namespace trustlint::testing
