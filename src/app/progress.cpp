#include "app/progress.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <utility>

namespace trustlint {

ProgressEnvironment CurrentProgressEnvironment() {
  ProgressEnvironment environment;
  environment.stderr_is_terminal = isatty(STDERR_FILENO) == 1;
  environment.ci = std::getenv("CI") != nullptr;
  environment.no_progress = std::getenv("NO_PROGRESS") != nullptr;
  return environment;
}

bool ProgressWanted(const ProgressEnvironment& environment) {
  return environment.stderr_is_terminal && !environment.ci && !environment.no_progress;
}

ProgressLine::ProgressLine(std::ostream& err, bool enabled, Clock clock)
    : err_(err), enabled_(enabled), clock_(std::move(clock)), start_(clock_()) {}

void ProgressLine::Update(std::string_view verb, std::string_view unit, std::size_t done, std::size_t total) {
  if (!enabled_) return;
  const auto now = clock_();
  if (now - start_ < kQuietStart) return;
  if (shown_width_ > 0 && now - last_shown_ < kMinInterval && done < total) return;
  last_shown_ = now;
  const std::string text = "trustlint: " + std::string(verb) + " " + std::to_string(done) + "/" + std::to_string(total) +
                           " " + std::string(unit) + "...";
  // Pad over a longer previous line; \r returns to its start.
  const std::size_t pad = shown_width_ > text.size() ? shown_width_ - text.size() : 0;
  err_ << '\r' << text << std::string(pad, ' ') << std::flush;
  shown_width_ = text.size();
}

void ProgressLine::Finish() {
  if (shown_width_ == 0) return;
  err_ << '\r' << std::string(shown_width_, ' ') << '\r' << std::flush;
  shown_width_ = 0;
}

}  // namespace trustlint
