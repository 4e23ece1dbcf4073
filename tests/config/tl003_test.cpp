// TL003 beyond its fixtures: what it says, what the configuration does to it,
// and that it runs after every other rule whatever their order.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "check/checker.h"
#include "check/rule.h"
#include "frontend/scan.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using namespace trustlint;

namespace {

std::vector<std::string> TL003Messages(const std::string& fixture, const CheckOptions& options,
                                       const std::vector<const Rule*>& rules = RuleSet()) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  ScanOptions scan;
  scan.paths = {"fixtures/rules/TL003/" + fixture};
  const CheckResult result = RunChecks(ScanPaths(scan), rules, options);
  std::vector<std::string> out;
  for (const Finding& f : result.findings) {
    if (f.rule == "TL003") out.push_back(std::to_string(f.loc.line) + " " + f.message);
  }
  return out;
}

}  // namespace

TEST_CASE("TL003: says what is wrong, and suggests the ID for a rule's name") {
  const std::vector<std::string> cfn = TL003Messages("cloudformation/bad/example.yaml", {});
  CHECK(cfn == std::vector<std::string>{
                   "4 suppression of TL999 on KioskPool hides nothing: unknown rule TL999 (`trustlint rules` lists "
                   "them)",
                   "12 suppression of auth-role-guest-assumable on KioskPool hides nothing: auth-role-guest-assumable "
                   "is a rule name, not an ID: did you mean TL104?",
                   "21 suppression of TL104 on LambdaRole matches no finding: TL104 does not fire on LambdaRole "
                   "(fixed, or the suppression is on the wrong resource): remove it",
               });
  const std::vector<std::string> tf = TL003Messages("terraform/bad/example", {});
  REQUIRE(tf.size() == 3);
  CHECK(tf[1] ==
        "6 suppression of auth-role-guest-assumable on aws_cognito_identity_pool.KioskPool hides nothing: "
        "auth-role-guest-assumable is a rule name, not an ID: did you mean TL104?");
}

TEST_CASE("TL003: a suppression of a disabled rule is not unused; TL003 itself can be disabled") {
  CheckOptions disabled;
  disabled.disabled_rules = {"TL104"};
  CHECK(TL003Messages("cloudformation/bad/example.yaml", disabled).size() == 2);
  CheckOptions only;
  only.enabled_only = {"TL003", "TL002"};  // TL301 did not run: its suppression cannot be judged
  CHECK(TL003Messages("cloudformation/good/example.yaml", only).empty());
  CheckOptions off;
  off.disabled_rules = {"TL003"};
  CHECK(TL003Messages("cloudformation/bad/example.yaml", off).empty());
}

TEST_CASE("TL003: runs after every rule whatever the order of the set, and is never suppressed") {
  std::vector<const Rule*> reversed = RuleSet();
  std::reverse(reversed.begin(), reversed.end());
  CHECK(TL003Messages("cloudformation/good/example.yaml", {}, reversed).empty());
  CHECK(TL003Messages("cloudformation/bad/example.yaml", {}, reversed).size() == 3);
  REQUIRE(FindRule("TL003") != nullptr);
  CHECK(FindRule("TL003")->Info().name == "suppression-unused");
}
