// The progress line (app/progress.h): shown only to a person at a terminal,
// only once a scan has run a while, and erased at the end.
#include "app/progress.h"

#include <doctest/doctest.h>

#include <sstream>

namespace {

using trustlint::ProgressEnvironment;
using trustlint::ProgressLine;
using trustlint::ProgressWanted;
using namespace std::chrono_literals;

// A clock the test moves by hand.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  ProgressLine::Clock Function() {
    return [this] { return now; };
  }
};

}  // namespace

TEST_CASE("progress: only on a terminal, never in CI or with NO_PROGRESS") {
  CHECK(ProgressWanted({.stderr_is_terminal = true, .ci = false, .no_progress = false}));
  CHECK_FALSE(ProgressWanted({.stderr_is_terminal = false, .ci = false, .no_progress = false}));
  CHECK_FALSE(ProgressWanted({.stderr_is_terminal = true, .ci = true, .no_progress = false}));
  CHECK_FALSE(ProgressWanted({.stderr_is_terminal = true, .ci = false, .no_progress = true}));
}

TEST_CASE("progress: quiet for the first second, then one line rewritten with \\r and erased at the end") {
  FakeClock clock;
  std::ostringstream err;
  ProgressLine line(err, true, clock.Function());
  line.Update("scanned", "files", 1, 800);
  clock.now += 999ms;
  line.Update("scanned", "files", 2, 800);
  CHECK(err.str().empty());  // a short scan says nothing

  clock.now += 1ms;
  line.Update("scanned", "files", 120, 800);
  CHECK(err.str() == "\rtrustlint: scanned 120/800 files...");

  clock.now += 50ms;  // too soon for another update
  line.Update("scanned", "files", 121, 800);
  CHECK(err.str() == "\rtrustlint: scanned 120/800 files...");

  clock.now += 100ms;
  line.Update("scanned", "files", 130, 800);
  CHECK(err.str() == "\rtrustlint: scanned 120/800 files...\rtrustlint: scanned 130/800 files...");

  err.str("");
  line.Finish();
  CHECK(err.str() == "\r" + std::string(std::string("trustlint: scanned 130/800 files...").size(), ' ') + "\r");
  err.str("");
  line.Finish();  // once only
  CHECK(err.str().empty());
}

TEST_CASE("progress: the last file is always shown, however soon after the one before") {
  FakeClock clock;
  std::ostringstream err;
  ProgressLine line(err, true, clock.Function());
  clock.now += 2s;
  line.Update("scanned", "files", 999, 1000);
  err.str("");
  clock.now += 1ms;
  line.Update("scanned", "files", 1000, 1000);  // done == total: shown even within the interval
  CHECK(err.str() == "\rtrustlint: scanned 1000/1000 files...");
}

TEST_CASE("progress: the checking phase follows on the same line, covering the longer scanning text") {
  FakeClock clock;
  std::ostringstream err;
  ProgressLine line(err, true, clock.Function());
  clock.now += 2s;
  line.Update("scanned", "files", 160, 160);
  clock.now += 200ms;
  line.Update("checking", "rules", 3, 26);
  const std::string scanned = "trustlint: scanned 160/160 files...";
  const std::string checking = "trustlint: checking 3/26 rules...";
  CHECK(err.str() == "\r" + scanned + "\r" + checking + std::string(scanned.size() - checking.size(), ' '));
}

TEST_CASE("progress: disabled, it writes nothing at all") {
  FakeClock clock;
  std::ostringstream err;
  {
    ProgressLine line(err, false, clock.Function());
    clock.now += 10s;
    line.Update("scanned", "files", 5, 10);
  }
  CHECK(err.str().empty());
}
