// The SARIF document's shape (SPEC 7): what GitHub code scanning reads from it.
// sarif_validator_test.cpp runs Microsoft's validator over whole scans.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "../cli_run.h"
#include "report/sarif.h"
#include "report_fixture.h"
#include "rules/registry.h"

namespace {

using Json = nlohmann::json;
using trustlint::Location;
using trustlint::RenderSarif;
using trustlint::testing::ReportFixture;

Json Render(const ReportFixture& fixture) { return Json::parse(fixture.Render(RenderSarif)); }

const Json& RunOf(const Json& doc) { return doc.at("runs").at(0); }

Json ScanExamples() {
  std::filesystem::current_path(TRUSTLINT_SOURCE_DIR);
  auto run = trustlint::testing::RunTrustlint({"check", "examples/", "--format", "sarif"}, false);
  REQUIRE(run.status == 1);  // the examples hold deliberate faults
  return Json::parse(run.out);
}

}  // namespace

TEST_CASE("sarif: the driver lists every rule with help, page, level, tags and security-severity") {
  ReportFixture fixture;
  const Json doc = Render(fixture);
  CHECK(doc.at("version") == "2.1.0");
  CHECK(doc.at("$schema") == "https://json.schemastore.org/sarif-2.1.0.json");
  const Json& driver = RunOf(doc).at("tool").at("driver");
  CHECK(driver.at("name") == "trustlint");
  CHECK(driver.at("version") == TRUSTLINT_VERSION);
  CHECK(driver.at("semanticVersion") == TRUSTLINT_VERSION);
  CHECK(driver.at("informationUri") == "https://github.com/trustlint/trustlint");
  const Json& rules = driver.at("rules");
  REQUIRE(rules.size() == trustlint::AllRules().size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& info = trustlint::AllRules()[i]->Info();
    const Json& rule = rules[i];
    INFO(info.id);
    CHECK(rule.at("id") == info.id);
    CHECK(rule.at("name") == info.name);
    CHECK(rule.at("shortDescription").at("text") == info.summary);
    CHECK(info.explanation.find(rule.at("fullDescription").at("text").get<std::string>()) == 0);
    CHECK(rule.at("help").at("markdown").get<std::string>().find(info.fix) != std::string::npos);
    CHECK(rule.at("help").at("text").get<std::string>().find(info.fix) != std::string::npos);
    CHECK(rule.at("helpUri") == "https://github.com/trustlint/trustlint/blob/main/docs/rules/" + info.id + ".md");
    CHECK(std::filesystem::exists(std::string(TRUSTLINT_SOURCE_DIR) + "/docs/rules/" + info.id + ".md"));
    CHECK(rule.at("defaultConfiguration").at("level") == trustlint::SeverityName(info.severity));
    const Json& props = rule.at("properties");
    CHECK(props.at("precision").is_string());
    const bool input_rule = info.id[2] == '0';
    CHECK(props.contains("security-severity") == !input_rule);
    if (!input_rule) {
      const double score = std::stod(props.at("security-severity").get<std::string>());
      CHECK(score > 0.0);
      CHECK(score <= 10.0);
      CHECK(props.at("tags").at(0) == "security");
    }
  }
}

TEST_CASE("sarif: a result has its rule, level, 1-based region, fingerprint and properties") {
  ReportFixture fixture;
  auto& f = fixture.Add("TL104", "AuthRole", Location{"stack/template.yaml", 12, 7}, "role AuthRole admits guests");
  f.severity = trustlint::Severity::kWarning;
  f.AddWitness("amr", "unauthenticated");
  f.MarkPossible("depends on parameter PoolId");
  f.AddRelated(Location{"stack/template.yaml", 3, 3}, "the pool");
  f.AddRelated(Location{}, "somewhere unknown");
  const Json doc = Render(fixture);
  const Json& result = RunOf(doc).at("results").at(0);
  CHECK(result.at("ruleId") == "TL104");
  const Json& rules = RunOf(doc).at("tool").at("driver").at("rules");
  CHECK(rules.at(result.at("ruleIndex").get<size_t>()).at("id") == "TL104");
  CHECK(result.at("level") == "warning");
  CHECK(result.at("message").at("text") ==
        "role AuthRole admits guests. Witness: amr=\"unauthenticated\". Possible: depends on parameter PoolId.");
  const Json& physical = result.at("locations").at(0).at("physicalLocation");
  CHECK(physical.at("artifactLocation").at("uri") == "stack/template.yaml");
  CHECK(physical.at("artifactLocation").at("uriBaseId") == "%SRCROOT%");
  CHECK(physical.at("artifactLocation").at("index") == 0);
  CHECK(physical.at("region") == Json{{"startLine", 12}, {"startColumn", 7}});
  CHECK(result.at("locations").at(0).at("logicalLocations").at(0).at("name") == "AuthRole");
  // The related place without a file is left out; ids count the ones kept.
  REQUIRE(result.at("relatedLocations").size() == 1);
  CHECK(result.at("relatedLocations").at(0).at("id") == 1);
  CHECK(result.at("relatedLocations").at(0).at("message").at("text") == "the pool");
  CHECK(result.at("partialFingerprints") == Json{{"trustlint/v1", "fp-TL104-AuthRole"}});
  CHECK(result.at("suppressions") == Json::array());
  const Json& props = result.at("properties");
  CHECK(props.at("certainty") == "possible");
  CHECK(props.at("precision") == "medium");
  CHECK(props.at("possible_because") == "depends on parameter PoolId");
  CHECK(props.at("witness") == Json{{"amr", "unauthenticated"}});
}

TEST_CASE("sarif: a proven finding is very-high precision; a suppressed one carries its justification") {
  ReportFixture fixture;
  auto& f = fixture.Add("TL301", "IdentityPool", Location{"stack/template.yaml", 3, 3}, "guests enabled.");
  f.suppressed = true;
  f.suppression_reason = "public catalogue app";
  const Json result = RunOf(Render(fixture)).at("results").at(0);
  CHECK(result.at("message").at("text") == "guests enabled.");
  CHECK(result.at("properties").at("precision") == "very-high");
  CHECK(result.at("properties").at("certainty") == "proven");
  CHECK(result.at("suppressions") ==
        Json::array({Json{{"kind", "inSource"}, {"justification", "public catalogue app"}}}));
}

TEST_CASE("sarif: a finding without a file is still a result, located by its resource") {
  ReportFixture fixture;
  fixture.Add("TL104", "module.pool.aws_cognito_identity_pool.this", Location{}, "no place");
  fixture.Add("TL104", "AuthRole", Location{"stack/template.yaml", 0, 0}, "no line");
  const Json results = RunOf(Render(fixture)).at("results");
  const Json& first = results.at(0).at("locations").at(0);
  CHECK_FALSE(first.contains("physicalLocation"));
  CHECK(first.at("logicalLocations").at(0) ==
        Json{{"name", "module.pool.aws_cognito_identity_pool.this"}, {"kind", "resource"}});
  const Json& second = results.at(1).at("locations").at(0).at("physicalLocation");
  CHECK(second.at("artifactLocation").at("uri") == "stack/template.yaml");
  CHECK(second.at("region") == Json{{"startLine", 1}});  // the whole file (unreadable here: one line)
}

TEST_CASE("sarif: parse failures are tool execution notifications of a successful run") {
  ReportFixture fixture;
  fixture.graph.inputs.push_back({"broken.yaml", "cloudformation", "error"});
  fixture.graph.inputs.push_back({"unreadable/main.tf", "terraform", "error"});
  fixture.Add("TL001", "broken.yaml", Location{"broken.yaml", 4, 9}, "mapping values are not allowed here");
  const Json doc = Render(fixture);
  const Json& invocation = RunOf(doc).at("invocations").at(0);
  CHECK(invocation.at("executionSuccessful") == true);
  const Json& notes = invocation.at("toolExecutionNotifications");
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].at("level") == "error");
  CHECK(notes[0].at("message").at("text") == "mapping values are not allowed here.");
  CHECK(notes[0].at("locations").at(0).at("physicalLocation").at("region") ==
        Json{{"startLine", 4}, {"startColumn", 9}});
  CHECK(notes[0].at("associatedRule").at("id") == "TL001");
  CHECK(notes[1].at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri") ==
        "unreadable/main.tf");
}

TEST_CASE("sarif: no notifications when every input parsed") {
  ReportFixture fixture;
  CHECK_FALSE(RunOf(Render(fixture)).at("invocations").at(0).contains("toolExecutionNotifications"));
}

TEST_CASE("sarif: artifacts, base ids and column kind") {
  ReportFixture fixture;
  const Json run = RunOf(Render(fixture));
  CHECK(run.at("columnKind") == "unicodeCodePoints");
  CHECK(run.at("originalUriBaseIds").contains("%SRCROOT%"));
  REQUIRE(run.at("artifacts").size() == 1);
  CHECK(run.at("artifacts").at(0).at("location").at("uri") == "stack/template.yaml");
  CHECK(run.at("artifacts").at(0).at("properties").at("kind") == "cloudformation");
}

TEST_CASE("sarif: byte columns become code point columns") {
  CHECK(trustlint::CodePointColumn("abc", 1) == 1);
  CHECK(trustlint::CodePointColumn("abc", 3) == 3);
  // "é" is two bytes: the byte after it is byte column 4, character column 3.
  CHECK(trustlint::CodePointColumn("a\xC3\xA9x", 4) == 3);
  // A four-byte emoji counts as one code point.
  CHECK(trustlint::CodePointColumn("\xF0\x9F\x98\x80y", 5) == 2);
  CHECK(trustlint::CodePointColumn("ab", 5) == 5);  // past the end: unchanged distance
  CHECK(trustlint::CodePointColumn("", 0) == 0);
}

TEST_CASE("sarif: the region's column counts characters of the file's line") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("trustlint-sarif-col-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path old = fs::current_path();
  fs::current_path(dir);
  { std::ofstream("t.yaml") << "Description: \"caf\xC3\xA9\" # x\n"; }
  ReportFixture fixture;
  fixture.Add("TL104", "AuthRole", Location{"t.yaml", 1, 22}, "m");
  const Json result = RunOf(Render(fixture)).at("results").at(0);
  fs::current_path(old);
  fs::remove_all(dir);
  CHECK(result.at("locations").at(0).at("physicalLocation").at("region").at("startColumn") == 21);
}

TEST_CASE("sarif: paths become URI references") {
  CHECK(trustlint::PathToUri("examples/cloudformation/a.yaml") == "examples/cloudformation/a.yaml");
  CHECK(trustlint::PathToUri("my stack/#1%.yaml") == "my%20stack/%231%25.yaml");
  CHECK(trustlint::PathToUri("caf\xC3\xA9.tf") == "caf%C3%A9.tf");
  ReportFixture fixture;
  fixture.Add("TL104", "AuthRole", Location{"./stack/template.yaml", 1, 1}, "m");
  fixture.Add("TL104", "AuthRole", Location{"/abs/x y.yaml", 1, 1}, "m");
  const Json results = RunOf(Render(fixture)).at("results");
  const Json& relative = results.at(0).at("locations").at(0).at("physicalLocation").at("artifactLocation");
  CHECK(relative.at("uri") == "stack/template.yaml");
  const Json& absolute = results.at(1).at("locations").at(0).at("physicalLocation").at("artifactLocation");
  CHECK(absolute.at("uri") == "file:///abs/x%20y.yaml");
  CHECK_FALSE(absolute.contains("uriBaseId"));
}

TEST_CASE("sarif of the examples: one result per JSON finding, same fingerprints and places") {
  const Json sarif = ScanExamples();
  auto json_run = trustlint::testing::RunTrustlint({"check", "examples/", "--format", "json"}, false);
  const Json json = Json::parse(json_run.out);
  const Json& results = RunOf(sarif).at("results");
  const Json& findings = json.at("findings");
  REQUIRE(results.size() == findings.size());
  REQUIRE_FALSE(results.empty());
  for (size_t i = 0; i < results.size(); ++i) {
    INFO(findings[i].dump());
    CHECK(results[i].at("ruleId") == findings[i].at("rule"));
    CHECK(results[i].at("partialFingerprints").at("trustlint/v1") == findings[i].at("fingerprint"));
    const Json& region = results[i].at("locations").at(0).at("physicalLocation").at("region");
    CHECK(region.at("startLine") == findings[i].at("line"));
    CHECK(region.at("startLine").get<int>() >= 1);
    CHECK(region.at("startColumn").get<int>() >= 1);
    CHECK(results[i].at("suppressions").empty() == !findings[i].at("suppressed").get<bool>());
  }
}

TEST_CASE("sarif of the examples is byte-identical twice") {
  std::filesystem::current_path(TRUSTLINT_SOURCE_DIR);
  auto first = trustlint::testing::RunTrustlint({"check", "examples/", "--format", "sarif"}, false);
  auto second = trustlint::testing::RunTrustlint({"check", "examples/", "--format", "sarif"}, false);
  CHECK(first.out == second.out);
  CHECK(first.out.find("\"results\"") != std::string::npos);
}

TEST_CASE("cli: sarif and junit pair with .sarif and .xml outputs, and -o sarif is not a file name") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("trustlint-sarif-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string examples = std::string(TRUSTLINT_SOURCE_DIR) + "/examples/";
  using trustlint::testing::RunTrustlint;
  const std::string sarif = (dir / "r.sarif").string();
  const std::string xml = (dir / "r.xml").string();
  auto ok = RunTrustlint({"check", examples, "--format", "sarif", "--format", "junit", "--output", sarif, "--output", xml});
  CHECK(ok.status == 1);
  CHECK(fs::file_size(sarif) > 0);
  CHECK(fs::file_size(xml) > 0);
  auto crossed = RunTrustlint({"check", examples, "--format", "junit", "--output", (dir / "x.sarif").string()});
  CHECK(crossed.status == 2);
  CHECK_FALSE(fs::exists(dir / "x.sarif"));
  fs::current_path(dir);
  auto named = RunTrustlint({"check", examples, "-o", "sarif"});
  CHECK(named.status == 2);
  CHECK_FALSE(fs::exists(dir / "sarif"));
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  fs::remove_all(dir);
}

TEST_CASE("sarif: both front ends' byte columns come out as characters") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("trustlint-sarif-utf8-" + std::to_string(::getpid()));
  fs::create_directories(dir / "tf");
  // Three "é" (two bytes each) before `true`: byte column 63, character column 60.
  std::ofstream(dir / "t.yaml") << "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Pool:\n"
                                   "    Type: AWS::Cognito::IdentityPool\n"
                                   "    Properties: {X: \"\xC3\xA9\xC3\xA9\xC3\xA9\", AllowUnauthenticatedIdentities: true}\n";
  // One "é" before `true`: byte column 45, character column 44.
  std::ofstream(dir / "tf" / "main.tf") << "resource \"aws_cognito_identity_pool\" \"p\" {\n"
                                           "  identity_pool_name = \"x\"\n"
                                           "  allow_unauthenticated_identities = /*\xC3\xA9*/ true\n}\n";
  fs::current_path(dir);
  const auto yaml = trustlint::testing::RunTrustlint({"check", "t.yaml", "--format", "sarif"}, false);
  const auto tf = trustlint::testing::RunTrustlint({"check", "tf", "--format", "sarif"}, false);
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  fs::remove_all(dir);
  const auto region = [](const std::string& out) {
    return RunOf(Json::parse(out)).at("results").at(0).at("locations").at(0).at("physicalLocation").at("region");
  };
  CHECK(region(yaml.out) == Json{{"startLine", 5}, {"startColumn", 60}});
  CHECK(region(tf.out) == Json{{"startLine", 3}, {"startColumn", 44}});
}
