// A scratch folder per test case under the system's temporary folder (no `.git`
// above it), removed afterwards, and the trustlint binary run inside it so that
// paths in its output are relative: the CLI tests' common ground.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "file_text.h"

namespace trustlint::testing {

struct CliRun {
  int code = -1;    // exit status; -1 when killed by a signal
  std::string out;  // stdout
  std::string err;  // stderr
};

inline void Write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class Scratch {
 public:
  explicit Scratch(const std::string& prefix)
      : dir_(std::filesystem::temp_directory_path() /
             (prefix + std::to_string(getpid()) + "_" + std::to_string(next_++))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  // A test may have taken permissions away (unreadable folders): give them back first.
  ~Scratch() {
    std::error_code ec;
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(dir_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const std::filesystem::path& dir() const { return dir_; }

  // Runs `BINARY ARGS` in the folder `sub` of the scratch folder, `env` (a shell
  // prefix such as "NO_COLOR=1" or "env -u NO_COLOR") before it.
  CliRun RunIn(const std::string& binary, const std::string& env, const std::string& args,
               const std::string& sub = ".") const {
    const std::filesystem::path err_file = dir_ / ".stderr";
    const std::string cmd = "cd '" + (dir_ / sub).string() + "' && " + env + " '" + binary + "' " + args + " 2>'" +
                            err_file.string() + "'";
    CliRun run;
    FILE* pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
    const int status = pclose(pipe);
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = Slurp(err_file);
    std::filesystem::remove(err_file);
    return run;
  }

 private:
  static inline int next_ = 0;
  std::filesystem::path dir_;
};

}  // namespace trustlint::testing
