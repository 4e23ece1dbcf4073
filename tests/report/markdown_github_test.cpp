// The markdown pull-request summary and the GitHub annotations: escaping of
// hostile text, the marked diagram, the baseline section, the CLI round trip.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "check/checker.h"
#include "../cli_run.h"
#include "../small_graph.h"
#include "report/github.h"
#include "report/graph_output.h"
#include "report/markdown.h"

using namespace trustlint;
namespace fs = std::filesystem;

namespace {

// A pool attaching AuthRole (authenticated) and GuestRole (unauthenticated);
// AuthRole has an inline policy.
Graph PoolWithTwoRoles() { return trustlint::testing::SmallGraph(/*with_managed_policy=*/false); }

Finding MakeFinding(std::string rule, std::string name, Severity severity, std::string resource, Location loc,
                    std::string message) {
  Finding f;
  f.rule = std::move(rule);
  f.name = std::move(name);
  f.severity = severity;
  f.resource = std::move(resource);
  f.loc = std::move(loc);
  f.message = std::move(message);
  return f;
}

// TL104 on AuthRole (a trust finding), a possible TL201 note on GuestRole, and a
// suppressed TL302 on the pool.
CheckResult ThreeFindings() {
  CheckResult r;
  r.findings.push_back(MakeFinding("TL104", "auth-role-guest-assumable", Severity::kError, "AuthRole",
                                   {"t.yaml", 12, 7}, "role AuthRole admits guests of pool Pool"));
  Finding possible = MakeFinding("TL201", "unauth-beyond-scope-down", Severity::kNote, "GuestRole", {"t.yaml", 33, 5},
                                 "guests may call geo:SearchPlaceIndexForText");
  possible.MarkPossible("parameter Region has no default");
  r.findings.push_back(possible);
  Finding suppressed = MakeFinding("TL302", "classic-flow-enabled", Severity::kWarning, "Pool", {"t.yaml", 5, 7},
                                   "pool Pool enables the basic flow");
  suppressed.suppressed = true;
  r.findings.push_back(suppressed);
  return r;
}

std::string Markdown(const Graph& graph, const CheckResult& result) {
  return RenderMarkdown(RunReport{graph, result, Summarize(graph, result)});
}

std::string Github(const Graph& graph, const CheckResult& result) {
  return RenderGithub(RunReport{graph, result, Summarize(graph, result)});
}

}  // namespace

TEST_CASE("github annotations: escaped as GitHub's toolkit escapes, one per unsuppressed finding") {
  CHECK(GithubEscapeData("100% of a:b, c\r\nnext") == "100%25 of a:b, c%0D%0Anext");
  CHECK(GithubEscapeProperty("dir,x/a:b%.yaml\n") == "dir%2Cx/a%3Ab%25.yaml%0A");
  // Other control characters never reach the runner's log.
  CHECK(GithubEscapeData("bell\x07 esc\x1b[31m") == "bell\\x07 esc\\x1b[31m");

  CheckResult r;
  r.findings.push_back(MakeFinding("TL104", "auth-role-guest-assumable", Severity::kError, "AuthRole",
                                   {"dir,x/t:1.yaml", 12, 7}, "50% of a:b, c\nforged line"));
  CHECK(Github(Graph{}, r) ==
        "::error file=dir%2Cx/t%3A1.yaml,line=12,col=7,title=TL104 auth-role-guest-assumable::"
        "50%25 of a:b, c%0Aforged line\n");

  CHECK(Github(PoolWithTwoRoles(), ThreeFindings()) ==
        "::error file=t.yaml,line=12,col=7,title=TL104 auth-role-guest-assumable::"
        "role AuthRole admits guests of pool Pool\n"
        "::notice file=t.yaml,line=33,col=5,title=TL201 unauth-beyond-scope-down::"
        "guests may call geo:SearchPlaceIndexForText (possible: parameter Region has no default)\n");
}

TEST_CASE("github annotations: a finding without a file has no file, line or col") {
  CheckResult r;
  r.findings.push_back(MakeFinding("TL001", "parse-error", Severity::kWarning, "", {}, "cannot read"));
  CHECK(Github(Graph{}, r) == "::warning title=TL001 parse-error::cannot read\n");
  CHECK(Github(Graph{}, CheckResult{}).empty());
}

TEST_CASE("markdown: hostile text cannot break the table, add HTML or leave control characters") {
  CHECK(MarkdownText("a|b") == "a\\|b");
  CHECK(MarkdownText("<script>&") == "&lt;script&gt;&amp;");
  CHECK(MarkdownText("line\nnext") == "line<br>next");
  CHECK(MarkdownText("```x``` *y* _z_ [l](u) ~s~ $m$ \\") ==
        "\\`\\`\\`x\\`\\`\\` \\*y\\* \\_z\\_ \\[l\\](u) \\~s\\~ \\$m\\$ \\\\");
  CHECK(MarkdownText("esc\x1b\r") == "esc\\\\x1b\\\\x0d");
  CHECK(MarkdownText("aws_iam_role.r[\"k\"] ⟨ID⟩") == "aws\\_iam\\_role.r\\[\"k\"\\] ⟨ID⟩");
}

TEST_CASE("markdown: verdict from the summary, table of unsuppressed findings, marked diagram, possible reasons") {
  const std::string md = Markdown(PoolWithTwoRoles(), ThreeFindings());
  CHECK(md.rfind(":x: **trustlint**: 1 error, 0 warnings, 1 note in 1 file (1 suppressed, 1 possible)\n", 0) == 0);
  CHECK(md.find("| error | TL104 auth-role-guest-assumable | proven | AuthRole | t.yaml:12 | "
                "role AuthRole admits guests of pool Pool |\n") != std::string::npos);
  CHECK(md.find("| note | TL201 unauth-beyond-scope-down | possible | GuestRole | t.yaml:33 |") != std::string::npos);
  CHECK(md.find("TL302") == std::string::npos);  // suppressed: counted, not listed
  CHECK(md.find("```mermaid\n"
                "flowchart LR\n"
                "  pool0([\"Pool\"])\n"
                "  role0[\"AuthRole (TL104)\"]\n"
                "  role0_inline0[[\"Read (inline)\"]]\n"
                "  role1[\"GuestRole (TL201)\"]\n"
                "  role0 -->|inline| role0_inline0\n"
                "  pool0 -->|\"authenticated (TL104)\"| role0\n"
                "  pool0 -->|unauthenticated| role1\n"
                "  classDef finding stroke:#d73a49,stroke-width:3px\n"
                "  class role0,role1 finding\n"
                "  linkStyle 1 stroke:#d73a49,stroke-width:3px\n"
                "```\n") != std::string::npos);
  CHECK(md.find("Changes against the baseline") == std::string::npos);
  CHECK(md.find("<details><summary>Why 1 finding is only possible</summary>\n\n"
                "- TL201 on GuestRole (t.yaml:33): parameter Region has no default\n") != std::string::npos);
}

TEST_CASE("markdown: no findings, and an empty scan") {
  const std::string md = Markdown(PoolWithTwoRoles(), CheckResult{});
  CHECK(md.rfind(":white_check_mark: **trustlint**: 0 errors, 0 warnings, 0 notes in 1 file (0 suppressed)\n", 0) == 0);
  CHECK(md.find("### Findings\n\nNo findings.\n") != std::string::npos);
  CHECK(md.find("classDef") == std::string::npos);
  CHECK(Markdown(Graph{}, CheckResult{}).find("No identity pools, roles or policies found.\n") != std::string::npos);
}

TEST_CASE("markdown: the table stays within GitHub's summary limit") {
  CheckResult r;
  for (size_t i = 0; i <= kMarkdownMaxRows; ++i) {
    r.findings.push_back(MakeFinding("TL302", "classic-flow-enabled", Severity::kWarning, "Pool",
                                     {"t.yaml", static_cast<int>(i + 1), 1}, "short"));
  }
  r.findings.back().message = std::string(3 * kMarkdownMaxCell, 'x');
  std::string md = Markdown(Graph{}, r);
  CHECK(md.find("\nThe first 500 findings are listed; 1 more is in the text, JSON or SARIF output.\n") !=
        std::string::npos);
  r.findings.erase(r.findings.begin(), r.findings.end() - 1);
  md = Markdown(Graph{}, r);
  CHECK(md.find(std::string(kMarkdownMaxCell, 'x') + "… |\n") != std::string::npos);
  CHECK(md.find(std::string(kMarkdownMaxCell + 1, 'x')) == std::string::npos);
}

TEST_CASE("markdown: the baseline section lists stale entries") {
  CheckResult r = ThreeFindings();
  r.baselined = 3;
  r.stale_baseline.push_back({"TL102", "LeaderboardRole", "game|roles.yaml", "old message", "abc"});
  const std::string md = Markdown(PoolWithTwoRoles(), r);
  CHECK(md.find("(1 suppressed, 3 baselined, 1 possible)") != std::string::npos);
  CHECK(md.find("### Changes against the baseline\n\n"
                "3 findings accepted by the baseline are not shown.\n\n"
                "1 baseline entry no longer matches a finding (fixed since, or changed):\n\n"
                "- TL102 on LeaderboardRole in game\\|roles.yaml\n") != std::string::npos);
}

TEST_CASE("mermaid: a large graph draws only the parts with findings and says what it left out") {
  GraphBuilder b;
  for (int i = 0; i < 5; ++i) {
    Role role;
    role.key = "t.yaml#Role" + std::to_string(i);
    role.address = "Role" + std::to_string(i);
    role.loc = {"t.yaml", 10 * (i + 1), 3};
    role.arn = Value::SymbolString({Symbol::Kind::kRoleArn, role.key});
    b.AddRole(role);
  }
  const Graph graph = b.Link();
  GraphMarks marks;
  marks.resources["Role3"].insert("TL201");
  const MermaidDrawing capped = RenderMarkedMermaid(graph, marks, 4);
  CHECK(capped.text == "flowchart LR\n  role3[\"Role3 (TL201)\"]\n  classDef finding stroke:#d73a49,stroke-width:3px\n"
                       "  class role3 finding\n");
  CHECK(capped.nodes_drawn == 1);
  CHECK(capped.nodes_left_out == 4);
  CHECK(RenderMarkedMermaid(graph, marks, 5).nodes_left_out == 0);
  CHECK(RenderMarkedMermaid(graph, GraphMarks{}).text == RenderGraph(graph, GraphFormat::kMermaid));
}

TEST_CASE("mermaid: an address cannot end the code fence or become HTML") {
  GraphBuilder b;
  Role role;
  role.key = "t.tf#x";
  role.address = "aws_iam_role.r[\"a\n```\n<img src=x>#\"]";
  role.loc = {"t.tf", 1, 1};
  role.arn = Value::SymbolString({Symbol::Kind::kRoleArn, role.key});
  b.AddRole(role);
  CHECK(RenderGraph(b.Link(), GraphFormat::kMermaid) ==
        "flowchart LR\n  role0[\"aws_iam_role.r[#quot;a\\x0a#96;#96;#96;\\x0a#60;img src=x#62;#35;#quot;]\"]\n");
}

TEST_CASE("markdown: the baseline section from the CLI (write a baseline, change the input, use it)") {
  const fs::path source = TRUSTLINT_SOURCE_DIR;
  const fs::path dir = fs::temp_directory_path() / ("trustlint_markdown_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(source / "examples", dir / "examples", fs::copy_options::recursive);
  fs::current_path(dir);
  using trustlint::testing::RunTrustlint;
  CHECK(RunTrustlint({"check", "examples", "--write-baseline", "base.json"}).status == 1);
  // The change: the Terraform example, and with it its TL102 finding, goes.
  fs::remove_all("examples/terraform");
  const auto run = RunTrustlint({"check", "examples", "--baseline", "base.json", "--format", "markdown"}, false);
  fs::current_path(source);
  fs::remove_all(dir);
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(run.out.rfind(":white_check_mark: **trustlint**: 0 errors, 0 warnings, 0 notes in ", 0) == 0);
  CHECK(run.out.find("(0 suppressed, 7 baselined)\n") != std::string::npos);
  CHECK(run.out.find("### Findings\n\nNo findings.\n") != std::string::npos);
  CHECK(run.out.find("### Changes against the baseline\n\n7 findings accepted by the baseline are not shown.\n") !=
        std::string::npos);
}
