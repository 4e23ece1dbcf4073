// The checker, driven through rule TL002 (whose findings come straight from
// suppressions, so a hand-built graph controls them exactly).
#include "check/checker.h"

#include <doctest/doctest.h>

#include "check/context.h"
#include "rules/registry.h"

using namespace trustlint;

namespace {

Suppression Ignore(std::string rule, std::string reason, int line) {
  return {std::move(rule), std::move(reason), Location{"t.yaml", line, 11}};
}

template <typename T>
T Named(std::string address, int line, std::vector<Suppression> suppressions) {
  T node;
  node.key = "t.yaml#" + address;
  node.address = std::move(address);
  node.loc = {"t.yaml", line, 3};
  node.path = "Resources/" + node.address;
  node.suppressions = std::move(suppressions);
  return node;
}

// NoReason (line 30) and Blank (line 10) carry reasonless suppressions; Reasoned
// carries a reasoned one; SelfSuppressed's reasonless TL104 suppression is itself
// suppressed by a reasoned TL002 suppression.
Graph SuppressionGraph(int no_reason_line = 32) {
  GraphBuilder b;
  b.AddInput({"t.yaml", "cloudformation", "ok"});
  b.AddRole(Named<Role>("NoReason", 30, {Ignore("TL104", "", no_reason_line)}));
  b.AddRole(Named<Role>("Reasoned", 40, {Ignore("TL104", "guests are off", 41)}));
  b.AddPool(Named<IdentityPool>("SelfSuppressed", 20, {Ignore("TL002", "tested", 21), Ignore("TL104", "", 22)}));
  b.AddPolicy(Named<Policy>("Blank", 10, {Ignore("TL105", " \t", 11)}));
  return b.Link();
}

CheckOptions OnlyTL002() {
  CheckOptions o;
  o.enabled_only = {"TL002"};
  return o;
}

std::vector<std::string> Lines(const CheckResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    out.push_back(FormatLocation(f.loc) + " " + std::string(SeverityName(f.severity)) + " " + f.rule + " " +
                  f.resource + (f.suppressed ? " suppressed:" + f.suppression_reason : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("checker: TL002 findings, sorted, with reasoned suppressions applied") {
  const CheckResult r = RunChecks(SuppressionGraph(), RuleSet(), OnlyTL002());
  CHECK(Lines(r) == std::vector<std::string>{
                        "t.yaml:11:11 warning TL002 Blank",
                        "t.yaml:22:11 warning TL002 SelfSuppressed suppressed:tested",
                        "t.yaml:32:11 warning TL002 NoReason",
                    });
  REQUIRE(r.findings.size() == 3);
  CHECK(r.findings[2].message ==
        "suppression of TL104 on NoReason has no reason: write \"# trustlint:ignore TL104 -- why\" or Metadata "
        "reason; the finding stays unsuppressed");
  CHECK(r.findings[2].name == "suppression-without-reason");
  CHECK(r.findings[2].proven);
  CHECK(r.findings[2].logical_path == "Resources/NoReason");
  CHECK(r.findings[2].fingerprint == Fingerprint(r.findings[2]));
  CHECK(r.baselined == 0);
}

TEST_CASE("checker: output is deterministic") {
  const CheckResult a = RunChecks(SuppressionGraph(), RuleSet(), CheckOptions{});
  const CheckResult b = RunChecks(SuppressionGraph(), RuleSet(), CheckOptions{});
  REQUIRE(a.findings.size() == b.findings.size());
  for (size_t i = 0; i < a.findings.size(); ++i) {
    CHECK(a.findings[i].fingerprint == b.findings[i].fingerprint);
    CHECK(a.findings[i].message == b.findings[i].message);
  }
}

TEST_CASE("checker: fingerprints survive moving the finding to another line") {
  const CheckResult a = RunChecks(SuppressionGraph(32), RuleSet(), OnlyTL002());
  const CheckResult b = RunChecks(SuppressionGraph(35), RuleSet(), OnlyTL002());
  REQUIRE(a.findings.size() == 3);
  REQUIRE(b.findings.size() == 3);
  CHECK(a.findings[2].loc.line != b.findings[2].loc.line);
  CHECK(a.findings[2].fingerprint == b.findings[2].fingerprint);
  CHECK(a.findings[0].fingerprint != a.findings[2].fingerprint);
}

TEST_CASE("checker: disable, enable-only and severity overrides") {
  CheckOptions disabled;
  disabled.disabled_rules = {"TL002"};
  for (const Finding& f : RunChecks(SuppressionGraph(), RuleSet(), disabled).findings) CHECK(f.rule != "TL002");

  CheckOptions only_other;
  only_other.enabled_only = {"TL302"};
  for (const Finding& f : RunChecks(SuppressionGraph(), RuleSet(), only_other).findings) CHECK(f.rule == "TL302");

  CheckOptions lowered = OnlyTL002();
  lowered.severity_overrides = {{"TL002", Severity::kNote}};
  const CheckResult r = RunChecks(SuppressionGraph(), RuleSet(), lowered);
  REQUIRE(r.findings.size() == 3);
  for (const Finding& f : r.findings) CHECK(f.severity == Severity::kNote);
}

TEST_CASE("checker: the baseline hides listed findings and counts them") {
  const CheckResult first = RunChecks(SuppressionGraph(), RuleSet(), OnlyTL002());
  REQUIRE(first.findings.size() == 3);
  CheckOptions with_baseline = OnlyTL002();
  with_baseline.baseline = {{"TL002", "", "", "", first.findings[2].fingerprint},
                           {"TL002", "Gone", "t.yaml", "", "0123456789abcdef"}};
  const CheckResult second = RunChecks(SuppressionGraph(35), RuleSet(), with_baseline);
  CHECK(Lines(second) == std::vector<std::string>{
                             "t.yaml:11:11 warning TL002 Blank",
                             "t.yaml:22:11 warning TL002 SelfSuppressed suppressed:tested",
                         });
  CHECK(second.baselined == 1);
  REQUIRE(second.stale_baseline.size() == 1);
  CHECK(second.stale_baseline[0].resource == "Gone");
}

TEST_CASE("analysis context: uses of a role by attachments and mappings") {
  GraphBuilder b;
  IdentityPool pool = Named<IdentityPool>("Pool", 1, {});
  pool.id = Value::Symbolic({{"us-east-1:", std::nullopt}, {"", Symbol{Symbol::Kind::kPoolId, pool.key}}});
  b.AddPool(pool);
  Role auth = Named<Role>("Auth", 10, {});
  auth.arn = Value::SymbolString({Symbol::Kind::kRoleArn, auth.key});
  b.AddRole(auth);
  RoleAttachment att = Named<RoleAttachment>("Attach", 20, {});
  att.pool = Value::SymbolString({Symbol::Kind::kPoolId, pool.key});
  att.authenticated = Value::SymbolString({Symbol::Kind::kRoleArn, auth.key}, {"t.yaml", 22, 9});
  RoleMapping mapping;
  mapping.roles.push_back(Value::SymbolString({Symbol::Kind::kRoleArn, auth.key}, {"t.yaml", 25, 13}));
  att.mappings.push_back(mapping);
  b.AddAttachment(att);
  const Graph g = b.Link();
  AnalysisContext ctx(g);
  const auto& uses = ctx.UsesOf(0);
  REQUIRE(uses.size() == 2);
  CHECK(uses[0].as == RoleUse::As::kAuthenticated);
  CHECK(uses[0].pool == 0);
  CHECK(uses[0].attachment == 0);
  CHECK(uses[0].loc.line == 22);
  CHECK(uses[1].as == RoleUse::As::kMapped);
  CHECK(uses[1].loc.line == 25);
  CHECK(ctx.IsIdentityPoolRole(0));
  CHECK(ctx.PoolAud(0) == RenderForMatching(pool.id.parts));
  CHECK(ctx.Permissions(0).empty());
}
