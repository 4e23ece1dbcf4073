// The audit report (SPEC 9): the model's matrix comes from the trust solver, the
// writers escape everything, `report --format json` adds an "audit" section without
// changing the check JSON, and --merge reads runs back.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "../cli_run.h"
#include "../file_text.h"
#include "report/html.h"

namespace fs = std::filesystem;

namespace {

using trustlint::testing::Run;
using trustlint::testing::RunTrustlint;
using trustlint::testing::Slurp;
using Json = nlohmann::json;

fs::path FreshDirectory() {
  std::string pattern = (fs::temp_directory_path() / "trustlint-report-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

// The audit section of `report PATH --format json`.
Json Audit(const std::string& path) {
  const Run run = RunTrustlint({"report", path, "--format", "json"}, false);
  REQUIRE(run.status == 0);
  return Json::parse(run.out)["audit"];
}

// The matrix row of the role attached as `as` to the first pool.
Json Row(const Json& audit, const std::string& as) {
  for (const Json& role : audit["pools"][0]["roles"]) {
    if (role["as"] == as) return role["who_can_assume"];
  }
  FAIL("no role attached as ", as);
  return {};
}

trustlint::AuditReport HostileReport() {
  trustlint::AuditRole role;
  role.address = "<script>alert(1)</script>";
  role.as = "authenticated";
  role.who.assign(trustlint::kAuditColumns, trustlint::AuditCell{"no", "a \"proof\" & <b>more</b>"});
  role.guests = true;
  role.guest_permissions = {"s3:<img src=x>"};
  role.policies = {"<policy>"};
  trustlint::AuditPool pool;
  pool.address = "Pool'<i>";
  pool.guests = "yes";
  pool.classic_flow = "no";
  pool.roles = {role};
  trustlint::AuditRun run;
  run.inputs = {"<dir>/t.yaml"};
  run.pools = {pool};
  trustlint::AuditFinding finding;
  finding.rule = "TL104";
  finding.message = "role <script> x";
  finding.file = "a.yaml";
  finding.line = 2;
  finding.source = {1, {"a: <script>", "b: </pre>", "c: ```"}};
  run.findings = {finding};
  run.picture = trustlint::PictureOf(run.pools, {"<script>alert(1)</script>"});
  return trustlint::SingleRunReport(run);
}

}  // namespace

TEST_CASE("report: HTML escapes every piece of text from the scan") {
  const std::string html = trustlint::RenderAuditHtml(HostileReport());
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<policy>") == std::string::npos);
  CHECK(html.find("</pre>\n<p>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("Pool&#39;&lt;i&gt;") != std::string::npos);
  CHECK(html.find("b: &lt;/pre&gt;") != std::string::npos);
  const std::string markdown = trustlint::RenderAuditMarkdown(HostileReport());
  CHECK(markdown.find("&lt;script>alert(1)&lt;/script>") != std::string::npos);
  // Only the quoted source line keeps `<script>`, inside a code fence, where it is text.
  CHECK(markdown.find("<script") == markdown.find("a: <script>") + 3);
  CHECK(markdown.find("<script", markdown.find("<script") + 1) == std::string::npos);
  CHECK(markdown.find("````\n") != std::string::npos);  // the fence outgrows the quoted ```
}

TEST_CASE("report: the HTML of examples/ is self-contained, printable and byte-identical twice") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  const Run first = RunTrustlint({"report", "examples/"}, false);
  const Run second = RunTrustlint({"report", "examples/"}, false);
  CHECK(first.status == 0);  // examples/ has errors: a report is not a gate
  CHECK(first.out == second.out);
  const std::string& html = first.out;
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  // No attribute of any tag loads from elsewhere (escaped scan text holds no `<`).
  CHECK_FALSE(std::regex_search(html, std::regex(R"(<[^>]*\b(src|href)\s*=\s*["']?\s*[a-z]*:?//)", std::regex::icase)));
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("stroke=\"#c62828\"") != std::string::npos);  // a faulty edge or box in red
  CHECK(html.find("own signed-in users") != std::string::npos);
  // `check --format html` writes the same report.
  const fs::path dir = FreshDirectory();
  CHECK(RunTrustlint({"check", "examples/", "--format", "html", "--output", (dir / "x.html").string()}).status == 1);
  CHECK(Slurp(dir / "x.html") == html);
  fs::remove_all(dir);
}

TEST_CASE("report: the who-can-assume matrix is the trust solver's answer, with witnesses and proofs") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  for (const char* front_end : {"cloudformation/bad/no_amr_exploitable.yaml", "terraform/bad/no_amr_exploitable"}) {
    INFO(front_end);
    const Json audit = Audit(std::string("fixtures/rules/TL104/") + front_end);
    const Json row = Row(audit, "authenticated");
    // TL104's fault: the authenticated role takes the pool's guests.
    CHECK(row[1]["verdict"] == "yes");
    CHECK(row[1]["detail"].get<std::string>().find("amr=[unauthenticated]") != std::string::npos);
    CHECK(row[0]["verdict"] == "yes");
    // aud is the pool's own ID: no token of another pool or account gets in, proven.
    CHECK(row[3]["verdict"] == "no");
    CHECK(row[2]["verdict"] == "no");
  }
  for (const char* front_end : {"cloudformation/good/scoped.yaml", "terraform/good/scoped"}) {
    INFO(front_end);
    const Json audit = Audit(std::string("fixtures/rules/TL104/") + front_end);
    const Json row = Row(audit, "authenticated");
    CHECK(row[0]["verdict"] == "yes");
    CHECK(row[1]["verdict"] == "no");
  }
}

TEST_CASE("report: --format json adds an audit section and leaves the check JSON as it is") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  const Json check = Json::parse(RunTrustlint({"check", "examples/", "--format", "json"}, false).out);
  Json report = Json::parse(RunTrustlint({"report", "examples/", "--format", "json"}, false).out);
  CHECK(check.find("audit") == check.end());
  REQUIRE(report.contains("audit"));
  CHECK(report["audit"]["pools"].size() >= 1u);
  report.erase("audit");
  CHECK(report == check);
}

TEST_CASE("report --merge: runs with their audit, plain check JSON, duplicates once, bad input refused") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  const fs::path dir = FreshDirectory();
  const std::string run_json = (dir / "run.json").string();
  const std::string plain_json = (dir / "plain.json").string();
  REQUIRE(RunTrustlint({"report", "examples/cloudformation", "--format", "json", "-o", run_json}).status == 0);
  REQUIRE(RunTrustlint({"check", "examples/terraform", "--format", "json", "-o", plain_json}).status == 1);
  const Run merged = RunTrustlint({"report", "--merge", run_json, run_json, plain_json, "--format", "markdown"}, false);
  CHECK(merged.status == 0);
  // Each finding of the CloudFormation run once, though the run was given twice.
  const Json run = Json::parse(Slurp(run_json));
  for (const Json& f : run["findings"]) {
    const std::string message = f["message"];
    const size_t first = merged.out.find(message);
    CHECK(first != std::string::npos);
    CHECK(merged.out.find(message, first + 1) == std::string::npos);
  }
  CHECK(merged.out.find("plain check JSON") != std::string::npos);
  CHECK(merged.out.find("own signed-in users") != std::string::npos);  // the audited run's matrix
  // The HTML of the same merge.
  const Run html = RunTrustlint({"report", "--merge", run_json, plain_json, "-o", (dir / "org.html").string()});
  CHECK(html.status == 0);
  CHECK(Slurp(dir / "org.html").find("Run 2: inputs") != std::string::npos);

  std::ofstream(dir / "other.json") << "{\"version\": \"2.1.0\", \"runs\": []}";
  const Run refused = RunTrustlint({"report", "--merge", run_json, (dir / "other.json").string()});
  CHECK(refused.status == 2);
  CHECK(refused.out.find("other.json: no \"tool\"") != std::string::npos);
  std::ofstream(dir / "broken.json") << "{";
  const Run broken = RunTrustlint({"report", "--merge", (dir / "broken.json").string()});
  CHECK(broken.status == 2);
  CHECK(broken.out.find("broken.json: not JSON") != std::string::npos);
  CHECK(RunTrustlint({"report", "--merge", run_json, "--format", "json"}).status == 2);
  CHECK(RunTrustlint({"report", "examples/", "--format", "html", "-o", (dir / "x.json").string()}).status == 2);
  fs::remove_all(dir);
}
