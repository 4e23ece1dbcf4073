// The built binary, run the way CI runs it: exit codes, stdout, stderr.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../scratch.h"

namespace fs = std::filesystem;

namespace {

using trustlint::testing::Slurp;
using trustlint::testing::Write;
using Run = trustlint::testing::CliRun;

// The binary beside the tests, run with NO_COLOR unset.
struct Scratch : trustlint::testing::Scratch {
  Scratch() : trustlint::testing::Scratch("trustlint_cli_") {}
  Run Trustlint(const std::string& args) const { return RunIn(TRUSTLINT_BINARY, "env -u NO_COLOR", args); }
};

// One harmless role (a Lambda service role) whose Metadata suppression gives no
// reason: exactly one TL002 warning, at line 7.
constexpr const char* kTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  LambdaRole:
    Type: AWS::IAM::Role
    Metadata:
      trustlint:
        ignore: [TL104]
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
)";

}  // namespace

TEST_CASE("cli: version, rules, explain") {
  Scratch s;
  Run r = s.Trustlint("version");
  CHECK(r.code == 0);
  CHECK(r.out == std::string("trustlint ") + TRUSTLINT_VERSION + "\n");
  r = s.Trustlint("--version");
  CHECK(r.code == 0);
  CHECK(r.out == std::string("trustlint ") + TRUSTLINT_VERSION + "\n");
  r = s.Trustlint("rules");
  CHECK(r.code == 0);
  CHECK(r.out.find("| TL002 | suppression-without-reason | warning |") != std::string::npos);
  r = s.Trustlint("explain TL002");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("# TL002 suppression-without-reason\n", 0) == 0);
  r = s.Trustlint("explain TL999");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: unknown rule TL999 (`trustlint rules` lists them)\n");
}

TEST_CASE("cli: usage errors exit 2") {
  Scratch s;
  CHECK(s.Trustlint("").code == 2);
  CHECK(s.Trustlint("frobnicate").code == 2);
  Run r = s.Trustlint("check --format yaml .");
  CHECK(r.code == 2);
  CHECK(r.err.find("--format") != std::string::npos);
  r = s.Trustlint("check does-not-exist");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: does-not-exist: no such file or directory\n");
  r = s.Trustlint("check --format text --format json .");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: several formats would all go to stdout: pair each --format with an --output\n");
  CHECK(s.Trustlint("explain").code == 2);
  CHECK(s.Trustlint("check --help").code == 0);
}

TEST_CASE("cli: check exit codes follow --fail-on") {
  Scratch s;
  Write(s.dir() / "t.yaml", kTemplate);
  Run r = s.Trustlint("check t.yaml");
  CHECK(r.code == 0);  // a warning does not fail the default (error)
  CHECK(r.out ==
        "t.yaml:7:18: warning TL002 suppression-without-reason: suppression of TL104 on LambdaRole has no reason: "
        "write \"# trustlint:ignore TL104 -- why\" or Metadata reason; the finding stays unsuppressed\n"
        "0 errors, 1 warning, 0 notes in 1 file (0 suppressed)\n");
  CHECK(s.Trustlint("check --fail-on warning t.yaml").code == 1);
  CHECK(s.Trustlint("check --fail-on note").code == 1);  // default path "."
  CHECK(s.Trustlint("check --fail-on never t.yaml").code == 0);
}

TEST_CASE("cli: .trustlint.yaml at the scanned root") {
  Scratch s;
  Write(s.dir() / "repo" / "t.yaml", kTemplate);
  Write(s.dir() / "repo" / ".trustlint.yaml", "fail-on: warning\n");
  CHECK(s.Trustlint("check repo").code == 1);
  CHECK(s.Trustlint("check repo/t.yaml").code == 1);           // a file's folder is its root
  CHECK(s.Trustlint("check --fail-on error repo").code == 0);  // the flag wins

  Write(s.dir() / "repo" / ".trustlint.yaml", "fail-on: warning\nseverity: {TL002: note}\n");
  CHECK(s.Trustlint("check repo").code == 0);
  Write(s.dir() / "repo" / ".trustlint.yaml", "fail-on: warning\ndisable: [TL002]\n");
  Run r = s.Trustlint("check repo");
  CHECK(r.code == 0);
  CHECK(r.out == "0 errors, 0 warnings, 0 notes in 1 file (0 suppressed)\n");

  Write(s.dir() / "repo" / ".trustlint.yaml", "fail-on: always\n");
  r = s.Trustlint("check repo");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: repo/.trustlint.yaml:1:10: `fail-on` must be error, warning, note or never\n");
  Write(s.dir() / "other.yaml", "skip: [repo/t.yaml]\nfail-on: warning\n");  // relative to other.yaml's folder
  CHECK(s.Trustlint("check --config other.yaml repo").code == 0);  // t.yaml skipped
  CHECK(s.Trustlint("check --config missing.yaml repo").code == 2);
}

TEST_CASE("cli: baseline round trip") {
  Scratch s;
  Write(s.dir() / "t.yaml", kTemplate);
  Run r = s.Trustlint("check --fail-on warning --write-baseline base.json t.yaml");
  CHECK(r.code == 1);
  const auto base = nlohmann::json::parse(Slurp(s.dir() / "base.json"));
  CHECK(base["version"] == 2);
  CHECK(base["findings"].size() == 1);
  r = s.Trustlint("check --fail-on warning --baseline base.json t.yaml");
  CHECK(r.code == 0);
  CHECK(r.out == "0 errors, 0 warnings, 0 notes in 1 file (0 suppressed, 1 baselined)\n");
  Write(s.dir() / "bad.json", "{\"version\": 2}");
  r = s.Trustlint("check --baseline bad.json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: bad.json: baseline has no \"findings\" array\n");
}

TEST_CASE("cli: json and text together, each to its destination") {
  Scratch s;
  Write(s.dir() / "t.yaml", kTemplate);
  Run r = s.Trustlint("check --format json --output out.json --format text t.yaml");
  CHECK(r.code == 0);
  CHECK(r.out.find("1 warning") != std::string::npos);
  const std::string json = Slurp(s.dir() / "out.json");
  const auto doc = nlohmann::json::parse(json);
  CHECK(doc["inputs"][0]["path"] == "t.yaml");
  CHECK(doc["findings"][0]["rule"] == "TL002");
  CHECK(doc["findings"][0]["line"] == 7);
  CHECK(doc["summary"]["warnings"] == 1);
  r = s.Trustlint("check --format json t.yaml");
  CHECK(r.out == json);  // byte-identical across runs
}

TEST_CASE("cli: an --output that names another format is a usage error, and nothing is written") {
  Scratch s;
  Write(s.dir() / "t.yaml", kTemplate);
  // Before: the text report went into a.json.
  Run r = s.Trustlint("check --format text --format json --output a.json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err ==
        "trustlint: --output a.json is paired with --format text but its extension (.json) means --format json: give "
        "the formats in the order of their outputs\n");
  CHECK_FALSE(fs::exists(s.dir() / "a.json"));
  // Before: checkov's `-o sarif` wrote text into a file named sarif.
  r = s.Trustlint("check -o json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: --output json looks like a format, not a file: use --format json --output FILE\n");
  CHECK_FALSE(fs::exists(s.dir() / "json"));
  r = s.Trustlint("check --format json --output A.JSON t.yaml");
  CHECK(r.code == 0);
  CHECK(fs::exists(s.dir() / "A.JSON"));
  r = s.Trustlint("check --format text --output report.txt t.yaml");
  CHECK(r.code == 0);
  CHECK(Slurp(s.dir() / "report.txt").find("1 warning") != std::string::npos);
}

TEST_CASE("cli: graph and docs") {
  Scratch s;
  Write(s.dir() / "t.yaml", kTemplate);
  Run r = s.Trustlint("graph t.yaml --format mermaid");
  CHECK(r.code == 0);
  CHECK(r.out == "flowchart LR\n  role0[\"LambdaRole\"]\n");
  CHECK(s.Trustlint("graph t.yaml --format png").code == 2);
  r = s.Trustlint("docs pages");
  CHECK(r.code == 0);
  CHECK(fs::exists(s.dir() / "pages" / "TL002.md"));
}

TEST_CASE("cli: a reasoned suppression hides another rule's finding; a reasonless one does not") {
  Scratch s;
  const std::string pool = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  # trustlint:ignore TL301 REASON
  KioskPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: true
)";
  auto with = [&](const std::string& reason) {
    std::string text = pool;
    text.replace(text.find("REASON"), 6, reason);
    return text;
  };
  Write(s.dir() / "pool.yaml", with("-- a public kiosk: guests are the product"));
  Run r = s.Trustlint("check --fail-on note --format json pool.yaml");
  CHECK(r.code == 0);
  auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["findings"].size() == 1);
  CHECK(doc["findings"][0]["rule"] == "TL301");
  CHECK(doc["findings"][0]["suppressed"] == true);
  CHECK(doc["findings"][0]["suppression_reason"] == "a public kiosk: guests are the product");
  CHECK(doc["summary"]["notes"] == 0);

  Write(s.dir() / "pool.yaml", with(""));
  r = s.Trustlint("check --fail-on note --format json pool.yaml");
  CHECK(r.code == 1);
  doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["findings"].size() == 2);
  CHECK(doc["findings"][0]["rule"] == "TL002");
  CHECK(doc["findings"][0]["line"] == 3);
  CHECK(doc["findings"][1]["rule"] == "TL301");
  CHECK(doc["findings"][1]["suppressed"] == false);
  CHECK_FALSE(doc["findings"][1].contains("suppression_reason"));
}

namespace {

// A pool whose classic flow is a parameter without a default: TL302 (warning) is
// only possible until the parameter is given.
constexpr const char* kClassicFlowParameter = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ClassicFlow:
    Type: String
    AllowedValues: ["true", "false"]
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      AllowClassicFlow: !Ref ClassicFlow
)";

// The same decided by an export of another stack.
constexpr const char* kClassicFlowImport = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      AllowClassicFlow: !ImportValue shared-classic-flow
)";

// The same decided by the region the stack is deployed to.
constexpr const char* kClassicFlowRegion = R"(AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  InIreland: !Equals [!Ref "AWS::Region", eu-west-1]
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      AllowClassicFlow: !If [InIreland, true, false]
)";

std::string Certainties(const std::string& json_text) {
  std::string out;
  const auto doc = nlohmann::json::parse(json_text);
  for (const auto& f : doc["findings"]) {
    out += f["rule"].get<std::string>() + " " + f["certainty"].get<std::string>() + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("cli: possible findings change the exit status only with --fail-on-possible") {
  Scratch s;
  Write(s.dir() / "t.yaml", kClassicFlowParameter);
  Run r = s.Trustlint("check --format json --fail-on warning t.yaml");
  CHECK(Certainties(r.out) == "TL302 possible\n");
  // SPEC 4: the JSON names the input that would decide it, as the text's `possible:` line does.
  CHECK(nlohmann::json::parse(r.out)["findings"][0]["possible_because"] == "parameter ClassicFlow has no default");
  CHECK(r.code == 0);  // reported, but it does not fail the run
  CHECK(s.Trustlint("check --fail-on warning --fail-on-possible t.yaml").code == 1);
  CHECK(s.Trustlint("check --fail-on error --fail-on-possible t.yaml").code == 0);  // below --fail-on
  Write(s.dir() / ".trustlint.yaml", "fail-on: warning\nfail-on-possible: true\n");
  CHECK(s.Trustlint("check t.yaml").code == 1);
  Write(s.dir() / ".trustlint.yaml", "fail-on: warning\nfail-on-possible: false\n");
  CHECK(s.Trustlint("check t.yaml").code == 0);
  CHECK(s.Trustlint("check --fail-on-possible t.yaml").code == 1);  // the flag wins
  Write(s.dir() / ".trustlint.yaml", "fail-on-possible: maybe\n");
  r = s.Trustlint("check t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: .trustlint.yaml:1:19: `fail-on-possible` must be true or false\n");
}

TEST_CASE("cli: --parameter decides a parameter; malformed ones are usage errors") {
  Scratch s;
  Write(s.dir() / "t.yaml", kClassicFlowParameter);
  Run r = s.Trustlint("check --format json --fail-on warning --parameter ClassicFlow=true t.yaml");
  CHECK(Certainties(r.out) == "TL302 proven\n");
  CHECK(r.code == 1);
  r = s.Trustlint("check --format json --fail-on warning --parameter ClassicFlow=false t.yaml");
  CHECK(Certainties(r.out) == "");
  CHECK(r.code == 0);
  r = s.Trustlint("check --parameter ClassicFlow t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: --parameter takes NAME=VALUE, got \"ClassicFlow\"\n");
  r = s.Trustlint("check --parameter =true t.yaml");
  CHECK(r.code == 2);
  // The configuration's parameters apply; the command line wins over them.
  Write(s.dir() / ".trustlint.yaml", "fail-on: warning\nparameters:\n  ClassicFlow: \"true\"\n");
  CHECK(s.Trustlint("check t.yaml").code == 1);
  CHECK(s.Trustlint("check --parameter ClassicFlow=false t.yaml").code == 0);
  Write(s.dir() / ".trustlint.yaml", "parameters: [ClassicFlow]\n");
  r = s.Trustlint("check t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: .trustlint.yaml:1:13: `parameters` must map names to values\n");
}

TEST_CASE("cli: --parameters FILE in both CloudFormation forms") {
  Scratch s;
  Write(s.dir() / "t.yaml", kClassicFlowParameter);
  Write(s.dir() / "cli.json", R"([{"ParameterKey": "Other", "ParameterValue": "x"},
 {"ParameterKey": "ClassicFlow", "ParameterValue": "true"}])");
  Write(s.dir() / "pipeline.json", R"({"Parameters": {"ClassicFlow": "true"}, "Tags": {}})");
  CHECK(s.Trustlint("check --fail-on warning --parameters cli.json t.yaml").code == 1);
  CHECK(s.Trustlint("check --fail-on warning --parameters pipeline.json t.yaml").code == 1);
  // --parameter wins over a file.
  CHECK(s.Trustlint("check --fail-on warning --parameters cli.json --parameter ClassicFlow=false t.yaml").code == 0);

  Write(s.dir() / "broken.json", "[{\"ParameterKey\": \"A\",\n  \"ParameterValue\": }]");
  Run r = s.Trustlint("check --parameters broken.json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err.rfind("trustlint: --parameters broken.json:2:", 0) == 0);
  Write(s.dir() / "nokey.json", "[\n  {\"ParameterValue\": \"x\"}\n]");
  r = s.Trustlint("check --parameters nokey.json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: --parameters nokey.json:2:3: entry has no ParameterKey string\n");
  Write(s.dir() / "shape.json", "{\"ClassicFlow\": \"true\"}");
  r = s.Trustlint("check --parameters shape.json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err.find("shape.json:1:1: expected a list of") != std::string::npos);
  r = s.Trustlint("check --parameters missing.json t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: --parameters missing.json: cannot read parameter file\n");
}

TEST_CASE("cli: --import resolves an Fn::ImportValue that no scanned template exports") {
  Scratch s;
  Write(s.dir() / "t.yaml", kClassicFlowImport);
  Run r = s.Trustlint("check --format json --fail-on warning t.yaml");
  CHECK(Certainties(r.out) == "TL302 possible\n");
  CHECK(r.code == 0);
  r = s.Trustlint("check --format json --fail-on warning --import shared-classic-flow=true t.yaml");
  CHECK(Certainties(r.out) == "TL302 proven\n");
  CHECK(r.code == 1);
  Write(s.dir() / ".trustlint.yaml", "imports: {shared-classic-flow: \"false\"}\n");
  CHECK(Certainties(s.Trustlint("check --format json t.yaml").out) == "");
  // A scanned template's export wins over the command line.
  Write(s.dir() / "exporter.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources: {}
Outputs:
  Flow:
    Value: "true"
    Export: {Name: shared-classic-flow}
)");
  r = s.Trustlint("check --format json --import shared-classic-flow=false .");
  CHECK(Certainties(r.out) == "TL302 proven\n");
  r = s.Trustlint("check --import novalue t.yaml");
  CHECK(r.code == 2);
  CHECK(r.err == "trustlint: --import takes NAME=VALUE, got \"novalue\"\n");
}

TEST_CASE("cli: the configured region decides AWS::Region") {
  Scratch s;
  Write(s.dir() / "t.yaml", kClassicFlowRegion);
  CHECK(Certainties(s.Trustlint("check --format json t.yaml").out) == "TL302 possible\n");
  Write(s.dir() / ".trustlint.yaml", "region: eu-west-1\n");
  CHECK(Certainties(s.Trustlint("check --format json t.yaml").out) == "TL302 proven\n");
  Write(s.dir() / ".trustlint.yaml", "region: us-east-1\naccount: \"111122223333\"\n");
  CHECK(Certainties(s.Trustlint("check --format json t.yaml").out) == "");
}
