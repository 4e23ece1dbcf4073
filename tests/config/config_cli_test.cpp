// Issue 10's "Why" defects of configuration, fingerprints, baseline and the scan,
// each run through the built binary the way a user meets it.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../cli_run.h"
#include "../scratch.h"

namespace fs = std::filesystem;

namespace {

using trustlint::testing::Slurp;
using trustlint::testing::Write;
using Run = trustlint::testing::CliRun;


// The binary under test (TRUSTLINT_TEST_BINARY when set: the sanitizer build, or an
// older binary to show that these tests fail before the change), run with NO_COLOR=1, in `sub` of the scratch folder.
struct Scratch : trustlint::testing::Scratch {
  Scratch() : trustlint::testing::Scratch("trustlint_config_") {}
  Run Trustlint(const std::string& args, const std::string& sub = ".") const {
    return RunIn(trustlint::testing::Binary(), "NO_COLOR=1", args, sub);
  }
};

// A pool with unauthenticated identities on: one TL301 (note) on KioskPool, line 3.
constexpr const char* kGuestPool = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  KioskPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: true
)";

std::vector<std::string> Rules(const std::string& json_text) {
  std::vector<std::string> out;
  const auto doc = nlohmann::json::parse(json_text);  // a named document: the loop must not outlive it
  for (const auto& f : doc["findings"]) {
    out.push_back(f["rule"].get<std::string>() + " " + f["resource"].get<std::string>() + " " +
                  f["file"].get<std::string>());
  }
  return out;
}

std::vector<std::string> Fingerprints(const std::string& json_text) {
  std::vector<std::string> out;
  const auto doc = nlohmann::json::parse(json_text);
  for (const auto& f : doc["findings"]) out.push_back(f["fingerprint"]);
  return out;
}

}  // namespace

TEST_CASE("config: an unknown rule ID is a configuration error, never a silent switch-off") {
  Scratch s;
  Write(s.dir() / "t.yaml", kGuestPool);
  // Before: `enable: [TL999]` disabled every rule and exited 0 with a clean summary.
  Write(s.dir() / ".trustlint.yaml", "enable: [TL999]\n");
  Run r = s.Trustlint("check t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: .trustlint.yaml:1:10: `enable`: unknown rule TL999 (`trustlint rules` lists them)\n");
  Write(s.dir() / ".trustlint.yaml", "disable:\n  - auth-role-guest-assumable\n");
  r = s.Trustlint("check t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err ==
        "trustlint: .trustlint.yaml:2:5: `disable`: auth-role-guest-assumable is a rule name, not an ID: did you "
        "mean TL104?\n");
  Write(s.dir() / ".trustlint.yaml", "severity: {TL998: note}\n");
  r = s.Trustlint("check t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: .trustlint.yaml:1:12: `severity`: unknown rule TL998 (`trustlint rules` lists them)\n");
}

TEST_CASE("config: --enable, --disable (comma lists) and --skip on the command line") {
  Scratch s;
  Write(s.dir() / "t.yaml", kGuestPool);
  Run r = s.Trustlint("check --fail-on note t.yaml");
  CHECK(r.code == 1);
  CHECK(s.Trustlint("check --fail-on note --disable TL301 t.yaml").code == 0);
  CHECK(s.Trustlint("check --fail-on note --disable TL104,TL301 t.yaml").code == 0);
  CHECK(s.Trustlint("check --fail-on note --enable TL104 t.yaml").code == 0);
  CHECK(s.Trustlint("check --fail-on note --enable TL104,TL301 t.yaml").code == 1);
  r = s.Trustlint("check --enable TL999 t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: --enable: unknown rule TL999 (`trustlint rules` lists them)\n");
  r = s.Trustlint("check --disable TL104,guest-role t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: --disable: unknown rule guest-role (`trustlint rules` lists them)\n");
  // The command line wins over the configuration's `disable`.
  Write(s.dir() / ".trustlint.yaml", "disable: [TL301]\n");
  CHECK(s.Trustlint("check --fail-on note t.yaml").code == 0);
  CHECK(s.Trustlint("check --fail-on note --enable TL301 t.yaml").code == 1);
  // --skip is relative to the current directory.
  Write(s.dir() / "sub" / "u.yaml", kGuestPool);
  fs::remove(s.dir() / ".trustlint.yaml");
  r = s.Trustlint("check --format json --skip 'sub/*' .");
  INFO(r.out, r.err);
  CHECK(Rules(r.out) == std::vector<std::string>{"TL301 KioskPool t.yaml"});
  r = s.Trustlint("check --format json --skip 'u.yaml' .", "sub");
  CHECK(Rules(r.out).empty());
}

TEST_CASE("config: found walking up to the repository root; skip globs are relative to its folder") {
  Scratch s;
  Write(s.dir() / "repo" / ".git" / "HEAD", "ref: refs/heads/main\n");
  Write(s.dir() / "repo" / "infra" / "cfn" / "t.yaml", kGuestPool);
  Write(s.dir() / "repo" / "infra" / "cfn" / "vendor" / "v.yaml", kGuestPool);
  Write(s.dir() / "repo" / "infra" / ".trustlint.yaml", "fail-on: note\nskip: ['cfn/vendor/*']\n");
  // Before: only the first scanned path's own folder was looked at, so
  // `check infra/cfn` ignored infra/.trustlint.yaml.
  Run r = s.Trustlint("check infra/cfn", "repo");
  CHECK(r.code == 1);
  CHECK(r.out.find("v.yaml") == std::string::npos);
  CHECK(r.out.find("in 1 file") != std::string::npos);
  // From the current directory up: running inside infra/cfn finds it too.
  CHECK(s.Trustlint("check .", "repo/infra/cfn").code == 1);
  r = s.Trustlint("check --show-config", "repo/infra/cfn");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("config: ../.trustlint.yaml\n", 0) == 0);
  CHECK(r.out.find("fail-on: note\n") != std::string::npos);
  CHECK(r.out.find("skip: [" + (s.dir() / "repo/infra/cfn/vendor/*").string() + "]\n") != std::string::npos);
  // Never above the repository root.
  Write(s.dir() / ".trustlint.yaml", "fail-on: never\n");
  fs::remove(s.dir() / "repo" / "infra" / ".trustlint.yaml");
  r = s.Trustlint("check --show-config infra/cfn", "repo");
  CHECK(r.out.rfind("config: none: defaults\n", 0) == 0);
  CHECK(r.out.find("fail-on: error\n") != std::string::npos);
  CHECK(r.out.find("enable: all rules\n") != std::string::npos);
  CHECK(s.Trustlint("check --show-config --disable TL301 infra/cfn", "repo").out.find("disable: [TL301]\n") !=
        std::string::npos);
}

TEST_CASE("config: two scanned paths that would use different files are an error naming both") {
  Scratch s;
  Write(s.dir() / "a" / "t.yaml", kGuestPool);
  Write(s.dir() / "b" / "t.yaml", kGuestPool);
  Write(s.dir() / "a" / ".trustlint.yaml", "fail-on: note\n");
  Write(s.dir() / "b" / ".trustlint.yaml", "fail-on: never\n");
  Run r = s.Trustlint("check a b");
  CHECK(r.code == 2);
  CHECK(r.err ==
        "trustlint: the scanned paths use different configuration files: a/.trustlint.yaml (for a) and "
        "b/.trustlint.yaml (for b): scan them separately or pass --config FILE\n");
  CHECK(s.Trustlint("check --config a/.trustlint.yaml a b").code == 1);
}

TEST_CASE("fingerprints: the same whatever the current directory and however the path is given") {
  Scratch s;
  Write(s.dir() / "ex" / "t.yaml", kGuestPool);
  const Run from_above = s.Trustlint("check --format json ex");
  const Run from_inside = s.Trustlint("check --format json .", "ex");
  const Run as_file = s.Trustlint("check --format json ex/t.yaml");
  INFO(from_above.out, from_above.err);
  REQUIRE(Fingerprints(from_above.out).size() == 1);
  CHECK(Rules(from_above.out) == std::vector<std::string>{"TL301 KioskPool ex/t.yaml"});  // `file` stays cwd-relative
  CHECK(Fingerprints(from_above.out) == Fingerprints(from_inside.out));
  CHECK(Fingerprints(from_above.out) == Fingerprints(as_file.out));
  // An unrelated template with the same logical ID qualifies the address with
  // `path#`, which must not enter the fingerprint.
  Write(s.dir() / "ex" / "other" / "u.yaml", kGuestPool);
  const Run with_other = s.Trustlint("check --format json ex");
  CHECK(Rules(with_other.out) == std::vector<std::string>{"TL301 ex/other/u.yaml#KioskPool ex/other/u.yaml",
                                                          "TL301 ex/t.yaml#KioskPool ex/t.yaml"});
  CHECK(Fingerprints(with_other.out)[1] == Fingerprints(from_above.out)[0]);
  // In a repository, the path is relative to its root, wherever the scan starts.
  Write(s.dir() / "ex" / ".git" / "HEAD", "ref: refs/heads/main\n");
  fs::remove_all(s.dir() / "ex" / "other");
  Write(s.dir() / "ex" / "sub" / "t.yaml", kGuestPool);
  CHECK(Fingerprints(s.Trustlint("check --format json ex/sub").out) ==
        Fingerprints(s.Trustlint("check --format json .", "ex/sub").out));
  CHECK(Fingerprints(s.Trustlint("check --format json ex/sub").out)[0] !=
        Fingerprints(s.Trustlint("check --format json ex/t.yaml").out)[0]);
}

TEST_CASE("baseline: readable entries, stale entries listed, baselined findings shown on request") {
  Scratch s;
  Write(s.dir() / "t.yaml", kGuestPool);
  Run r = s.Trustlint("check --fail-on note --write-baseline base.json t.yaml");
  CHECK(r.code == 1);
  const auto base = nlohmann::json::parse(Slurp(s.dir() / "base.json"));
  CHECK(base["version"] == 2);
  REQUIRE(base["findings"].size() == 1);
  CHECK(base["findings"][0]["rule"] == "TL301");
  CHECK(base["findings"][0]["resource"] == "KioskPool");
  CHECK(base["findings"][0]["file"] == "t.yaml");
  CHECK(base["findings"][0]["message"].get<std::string>().find("unauthenticated") != std::string::npos);
  CHECK(base["findings"][0]["fingerprint"].get<std::string>().size() == 16);

  r = s.Trustlint("check --fail-on note --baseline base.json t.yaml");
  CHECK(r.code == 0);
  CHECK(r.out == "0 errors, 0 warnings, 0 notes in 1 file (0 suppressed, 1 baselined)\n");
  r = s.Trustlint("check --fail-on note --show-suppressed --baseline base.json t.yaml");
  CHECK(r.out.find("t.yaml:6:39: note TL301") == 0);
  CHECK(r.out.find("    baselined: fingerprint ") != std::string::npos);
  r = s.Trustlint("check --format json --baseline base.json t.yaml");
  CHECK(nlohmann::json::parse(r.out)["findings"].empty());  // JSON leaves them out; the count says how many
  CHECK(nlohmann::json::parse(r.out)["summary"]["baselined"] == 1);

  // Fixed: the entry is stale, and the text summary says so.
  Write(s.dir() / "t.yaml", std::string(kGuestPool).replace(std::string(kGuestPool).find("true"), 4, "false"));
  r = s.Trustlint("check --baseline base.json t.yaml");
  CHECK(r.out ==
        "0 errors, 0 warnings, 0 notes in 1 file (0 suppressed)\n"
        "stale baseline entry (fixed or changed): TL301 KioskPool t.yaml\n");

  Write(s.dir() / "v1.json", "{\"version\": 1, \"fingerprints\": [\"0123456789abcdef\"]}");
  r = s.Trustlint("check --baseline v1.json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err ==
        "trustlint: v1.json: baseline version 1 is no longer read (fingerprints are now relative to the repository "
        "root): regenerate it with --write-baseline\n");
}

TEST_CASE("scan: overlapping paths scan each file once") {
  Scratch s;
  Write(s.dir() / "ex" / "t.yaml", kGuestPool);
  Write(s.dir() / "ex" / "tf" / "main.tf",
        "resource \"aws_cognito_identity_pool\" \"kiosk\" {\n  identity_pool_name = \"k\"\n"
        "  allow_unauthenticated_identities = true\n}\n");
  // Before: every finding appeared twice.
  for (const std::string args : {"ex ex/t.yaml", ". ex", "ex ./ex/tf ex/tf/main.tf"}) {
    CAPTURE(args);
    const Run r = s.Trustlint("check --format json " + args);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["findings"].size() == 2);
    CHECK(doc["summary"]["files"] == 2);
  }
}

TEST_CASE("scan: a file or folder that cannot be read is TL001 with the system's reason") {
  Scratch s;
  Write(s.dir() / "ex" / "t.yaml", kGuestPool);
  // A symbolic link to itself cannot be read even by root, for whom chmod denies nothing.
  fs::create_symlink("loop.yaml", s.dir() / "ex" / "loop.yaml");
  Run r = s.Trustlint("check ex");
  CHECK(r.code == 1);
  CHECK(r.out.find("ex/loop.yaml:1:1: error TL001 input-parse-error: cannot read ex/loop.yaml: Too many levels of "
                   "symbolic links\n") != std::string::npos);
  CHECK(r.out.find("in 2 files") != std::string::npos);
  if (geteuid() != 0) {
    Write(s.dir() / "ex" / "locked" / "u.yaml", kGuestPool);
    fs::permissions(s.dir() / "ex" / "locked", fs::perms::none);
    r = s.Trustlint("check ex");
    fs::permissions(s.dir() / "ex" / "locked", fs::perms::owner_all);
    CHECK(r.out.find("ex/locked:1:1: error TL001 input-parse-error: cannot read ex/locked: Permission denied\n") !=
          std::string::npos);
    CHECK(r.out.find("in 3 files") != std::string::npos);
  }
}

TEST_CASE("scan: no template found says so on stderr") {
  Scratch s;
  Write(s.dir() / "docs" / "README.md", "# nothing to scan\n");
  Write(s.dir() / "docs" / "compose.yaml", "services: {web: {image: nginx}}\n");
  // Before: a clean summary and nothing else, as if the templates had passed.
  const Run r = s.Trustlint("check docs");
  CHECK(r.code == 0);
  CHECK(r.err == "trustlint: no CloudFormation or Terraform templates found under docs\n");
  CHECK(r.out == "0 errors, 0 warnings, 0 notes in 0 files (0 suppressed)\n");
}
