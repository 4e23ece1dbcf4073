// A progress line on standard error for long runs ("trustlint: scanned 120/800
// files...", then "trustlint: checking 3/26 rules..."), for people at a terminal. CI logs keep no carriage returns, so it is
// never written when stderr is not a terminal or when CI or NO_PROGRESS is set.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string_view>

namespace trustlint {

// What decides whether a progress line may be shown at all.
struct ProgressEnvironment {
  bool stderr_is_terminal = false;
  bool ci = false;           // CI is set (GitHub Actions, GitLab, most others set it)
  bool no_progress = false;  // NO_PROGRESS is set, to any value
};

// The environment of this process (isatty(2), getenv).
ProgressEnvironment CurrentProgressEnvironment();

bool ProgressWanted(const ProgressEnvironment& environment);

// The line itself. Nothing is shown for the first second (a short scan stays
// quiet), then at most ten updates a second; Finish() erases what was shown.
class ProgressLine {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr std::chrono::milliseconds kQuietStart{1000};
  static constexpr std::chrono::milliseconds kMinInterval{100};

  ProgressLine(std::ostream& err, bool enabled, Clock clock = std::chrono::steady_clock::now);
  ~ProgressLine() { Finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // `what`: "scanned 120/800 files" is Update("scanned", "files", 120, 800).
  void Update(std::string_view verb, std::string_view unit, std::size_t done, std::size_t total);
  void Finish();

 private:
  std::ostream& err_;
  bool enabled_;
  Clock clock_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_shown_{};
  std::size_t shown_width_ = 0;  // characters on the line now; 0 = nothing shown
};

}  // namespace trustlint
