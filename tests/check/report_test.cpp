#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "../small_graph.h"
#include "check/checker.h"
#include "report/graph_output.h"
#include "report/json.h"
#include "report/text.h"
#include "report/writer.h"

using namespace trustlint;

namespace {

using trustlint::testing::SmallGraph;

CheckResult SmallResult() {
  CheckResult r;
  Finding f;
  f.rule = "TL104";
  f.name = "auth-role-guest-assumable";
  f.severity = Severity::kError;
  f.resource = "AuthRole";
  f.loc = {"t.yaml", 12, 7};
  f.message = "role AuthRole admits guests of pool Pool";
  f.AddWitness("aud", "us-east-1:pool");
  f.AddWitnessList("amr", {"unauthenticated"});
  f.AddRelated({"t.yaml", 50, 3}, "attached as authenticated role here");
  f.fingerprint = Fingerprint(f);
  r.findings.push_back(f);
  Finding g;
  g.rule = "TL302";
  g.name = "classic-flow-enabled";
  g.severity = Severity::kWarning;
  g.proven = false;
  g.possible_because = "parameter Classic has no default";
  g.resource = "Pool";
  g.loc = {"t.yaml", 5, 7};
  g.message = "pool Pool may enable the basic flow";
  g.suppressed = true;
  g.suppression_reason = "legacy app";
  g.fingerprint = Fingerprint(g);
  r.findings.push_back(g);
  return r;
}

std::string Text(const Graph& graph, const CheckResult& result, bool color = false, bool show_suppressed = false) {
  RunReport run{graph, result, Summarize(graph, result), color, show_suppressed};
  return RenderText(run);
}

std::string Json(const Graph& graph, const CheckResult& result) {
  return RenderJson(RunReport{graph, result, Summarize(graph, result)});
}

}  // namespace

TEST_CASE("text report: finding lines, witness, related, summary") {
  const std::string text = Text(SmallGraph(), SmallResult());
  CHECK(text ==
        "t.yaml:12:7: error TL104 auth-role-guest-assumable: role AuthRole admits guests of pool Pool\n"
        "    witness: aud=\"us-east-1:pool\" amr=[\"unauthenticated\"]\n"
        "    related t.yaml:50: attached as authenticated role here\n"
        "1 error, 0 warnings, 0 notes in 1 file (1 suppressed)\n");
}

TEST_CASE("text report: a suppressed finding is left out unless --show-suppressed") {
  // Before: suppressed findings printed as `warning TL302 …` lines like any other.
  const std::string hidden = Text(SmallGraph(), SmallResult());
  CHECK(hidden.find("TL302") == std::string::npos);
  const std::string shown = Text(SmallGraph(), SmallResult(), false, true);
  CHECK(shown.find("t.yaml:5:7: warning TL302 classic-flow-enabled: pool Pool may enable the basic flow\n"
                   "    possible: parameter Classic has no default\n"
                   "    suppressed: legacy app\n") != std::string::npos);
}

TEST_CASE("text report: colour codes only when asked") {
  const std::string plain = Text(SmallGraph(), SmallResult());
  const std::string color = Text(SmallGraph(), SmallResult(), true);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(color.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
}

TEST_CASE("text report: an empty run still prints its summary") {
  const std::string text = Text(Graph{}, CheckResult{});
  CHECK(text == "0 errors, 0 warnings, 0 notes in 0 files (0 suppressed)\n");
}

TEST_CASE("json report: SPEC 7 field names, types and order") {
  const Graph graph = SmallGraph();
  const std::string text = Json(graph, SmallResult());
  CHECK(text == Json(graph, SmallResult()));  // byte-identical
  CHECK(text.back() == '\n');
  const auto doc = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"schema_version", "tool", "inputs", "resources", "findings", "summary"});
  CHECK(doc["schema_version"] == 1);
  CHECK(doc["tool"]["name"] == "trustlint");
  CHECK(doc["tool"]["version"] == TRUSTLINT_VERSION);
  CHECK(doc["inputs"] == nlohmann::ordered_json::parse(R"([{"path":"t.yaml","kind":"cloudformation","status":"ok"}])"));
  REQUIRE(doc["resources"].size() == 5);
  CHECK(doc["resources"][0] ==
        nlohmann::ordered_json::parse(R"({"address":"Pool","kind":"identity_pool","file":"t.yaml","line":3})"));
  CHECK(doc["resources"][4]["kind"] == "role_attachment");

  REQUIRE(doc["findings"].size() == 2);
  const auto& f = doc["findings"][0];
  keys.clear();
  for (const auto& [k, v] : f.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"rule", "name", "severity", "certainty", "resource", "file", "line", "column",
                                         "message", "witness", "related", "suppressed", "fingerprint"});
  CHECK(f["severity"] == "error");
  CHECK(f["certainty"] == "proven");
  CHECK(f["line"].is_number_integer());
  CHECK(f["witness"].dump() == R"({"aud":"us-east-1:pool","amr":["unauthenticated"]})");
  CHECK(f["related"].dump() == R"([{"file":"t.yaml","line":50,"message":"attached as authenticated role here"}])");
  CHECK(f["suppressed"] == false);
  CHECK(f["fingerprint"].get<std::string>().size() == 16);
  const auto& g = doc["findings"][1];
  CHECK(g["certainty"] == "possible");
  CHECK(g["suppressed"] == true);
  CHECK(g["suppression_reason"] == "legacy app");
  CHECK(g["witness"].dump() == "{}");
  CHECK(doc["summary"].dump() == R"({"errors":1,"warnings":0,"notes":0,"files":1,"resources":5,"suppressed":1,"baselined":0,"possible":0})");
}

TEST_CASE("graph output: dot, mermaid and json of pools, roles and policies") {
  const Graph graph = SmallGraph();
  CHECK(RenderGraph(graph, GraphFormat::kDot) ==
        "digraph trustlint {\n"
        "  rankdir=LR;\n"
        "  pool0 [label=\"Pool\", shape=ellipse];\n"
        "  role0 [label=\"AuthRole\", shape=box];\n"
        "  role0_inline0 [label=\"Read (inline)\", shape=note];\n"
        "  role1 [label=\"GuestRole\", shape=box];\n"
        "  policy0 [label=\"Managed\", shape=note];\n"
        "  role0 -> role0_inline0 [label=\"inline\"];\n"
        "  role0 -> policy0 [label=\"attached\"];\n"
        "  pool0 -> role0 [label=\"authenticated\"];\n"
        "  pool0 -> role1 [label=\"unauthenticated\"];\n"
        "}\n");
  CHECK(RenderGraph(graph, GraphFormat::kMermaid) ==
        "flowchart LR\n"
        "  pool0([\"Pool\"])\n"
        "  role0[\"AuthRole\"]\n"
        "  role0_inline0[[\"Read (inline)\"]]\n"
        "  role1[\"GuestRole\"]\n"
        "  policy0[[\"Managed\"]]\n"
        "  role0 -->|inline| role0_inline0\n"
        "  role0 -->|attached| policy0\n"
        "  pool0 -->|authenticated| role0\n"
        "  pool0 -->|unauthenticated| role1\n");
  const auto doc = nlohmann::json::parse(RenderGraph(graph, GraphFormat::kJson));
  CHECK(doc["nodes"].size() == 5);
  CHECK(doc["edges"][2].dump() == R"({"from":"pool0","label":"authenticated","to":"role0"})");
  CHECK(ParseGraphFormat("mermaid") == GraphFormat::kMermaid);
  CHECK_FALSE(ParseGraphFormat("png"));
}

TEST_CASE("text report: NO_COLOR and pipes turn colour off") {
  FILE* pipe = popen("cat >/dev/null", "w");
  REQUIRE(pipe != nullptr);
  CHECK_FALSE(ColorWanted(pipe));  // not a terminal
  pclose(pipe);
  const char* old = std::getenv("NO_COLOR");
  const std::string saved = old ? old : "";
  setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(ColorWanted(stdout));
  if (old) {
    setenv("NO_COLOR", saved.c_str(), 1);
  } else {
    unsetenv("NO_COLOR");
  }
}

TEST_CASE("graph output: labels are escaped for each syntax") {
  GraphBuilder b;
  IdentityPool pool;
  pool.key = "a.yaml#Pool";
  pool.address = "a.yaml#Pool \"x\"";
  b.AddPool(pool);
  const Graph graph = b.Link();
  CHECK(RenderGraph(graph, GraphFormat::kMermaid) == "flowchart LR\n  pool0([\"a.yaml#35;Pool #quot;x#quot;\"])\n");
  CHECK(RenderGraph(graph, GraphFormat::kDot) ==
        "digraph trustlint {\n  rankdir=LR;\n  pool0 [label=\"a.yaml#Pool \\\"x\\\"\", shape=ellipse];\n}\n");
}
