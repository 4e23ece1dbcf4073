// Every hostile shape of issue 8 through the whole CLI, in the release run and again
// in the ASan+UBSan run (`make test` runs this binary twice): the scan must end, by
// itself, with a JSON report that holds the shape's expected text (the TL001 naming
// what ran out or was refused, the TL004 of a policy IAM would reject, or the finding
// the input deserves). Speed is `make bench-hostile`'s to measure; the guards below
// only stop a hang or a runaway from stalling the suite.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_run.h"
#include "shapes.h"

namespace fs = std::filesystem;
using trustlint::testing::RunTrustlint;

namespace {

// Killed after this long: far above any shape's real time (bench-hostile reports it),
// so that only a hang trips it.
constexpr int kHangGuardSeconds = 120;
// Address-space cap for the uninstrumented binary (ASan reserves terabytes of address
// space, so its run has no cap): reserved stack and libraries included, a runaway of
// gigabytes fails with std::bad_alloc long before the machine suffers.
constexpr long kAddressSpaceBytes = 2'000'000'000;

fs::path WriteShape(const trustlint::hostile::Shape& shape, const fs::path& root) {
  const fs::path dir = root / shape.name;
  for (const auto& [relative, content] : shape.files) {
    const fs::path path = dir / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
  }
  return dir;
}

}  // namespace

TEST_CASE("hostile shapes: each ends with TL001 or its findings, no crash, hang or runaway") {
  const fs::path root = fs::temp_directory_path() / ("trustlint-hostile-" + std::to_string(getpid()));
  const bool sanitized = std::getenv("TRUSTLINT_TEST_BINARY") != nullptr;
  std::string guard = "timeout -s KILL " + std::to_string(kHangGuardSeconds);
  if (!sanitized) guard += " prlimit --as=" + std::to_string(kAddressSpaceBytes);
  for (const auto& shape : trustlint::hostile::Shapes()) {
    SUBCASE(shape.name.c_str()) {
      INFO(shape.name, ": ", shape.fault);
      const fs::path dir = WriteShape(shape, root);
      const auto run = RunTrustlint({"check", "--format", "json", "--fail-on", "never", dir.string()}, false, guard);
      CHECK(run.status == 0);  // --fail-on never: anything else is a crash, a kill or a usage error
      const nlohmann::json report = nlohmann::json::parse(run.out, nullptr, false);
      CHECK(report.is_object());  // not REQUIRE: the other shapes still run
      if (report.is_object()) {
        CHECK(!report["findings"].empty());
        std::string shown;  // each finding's rule, message and what it rests on, a line each
        for (const auto& f : report["findings"]) {
          shown += f["rule"].get<std::string>() + " " + f["message"].get<std::string>() + " " +
                   f.value("possible_because", "") + "\n";
        }
        INFO("findings: ", shown.substr(0, 4000));
        if (!shape.expect.empty()) CHECK(shown.find(shape.expect) != std::string::npos);
      }
    }
  }
  fs::remove_all(root);
}
