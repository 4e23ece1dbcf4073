#include "app/config.h"

#include <doctest/doctest.h>

#include "check/baseline.h"

using namespace trustlint;

TEST_CASE("config: every key is read into the checker options") {
  std::string error;
  const auto config = ParseConfig(
      "disable: [TL105]\n"
      "enable: [TL104, TL002]\n"
      "severity: {TL104: warning, TL302: note}\n"
      "skip: ['examples/**', vendor/]\n"
      "fail-on: warning\n"
      "account: '111122223333'\n"
      "region: eu-west-1\n",
      ".trustlint.yaml", &error);
  REQUIRE_MESSAGE(config, error);
  CHECK(config->disable == std::set<std::string>{"TL105"});
  CHECK(config->enable == std::set<std::string>{"TL002", "TL104"});
  CHECK(config->severity.at("TL104") == Severity::kWarning);
  CHECK(config->severity.at("TL302") == Severity::kNote);
  CHECK(config->skip == std::vector<std::string>{"examples/**", "vendor/"});
  REQUIRE(config->fail_on);
  CHECK(config->fail_on->at_least == Severity::kWarning);
  CHECK(config->account == "111122223333");
  CHECK(config->region == "eu-west-1");
  const CheckOptions options = config->ToCheckOptions();
  CHECK(options.disabled_rules == config->disable);
  CHECK(options.enabled_only == config->enable);
  CHECK(options.severity_overrides == config->severity);
}

TEST_CASE("config: an empty file means the defaults") {
  std::string error;
  const auto config = ParseConfig("", "c.yaml", &error);
  REQUIRE(config);
  CHECK(config->disable.empty());
  CHECK_FALSE(config->fail_on);
}

TEST_CASE("config: fail-on never") {
  std::string error;
  const auto config = ParseConfig("fail-on: never\n", "c.yaml", &error);
  REQUIRE(config);
  REQUIRE(config->fail_on);
  CHECK_FALSE(config->fail_on->at_least);
}

TEST_CASE("config: errors name the file, line and column") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"disable: [TL104]\nseverity: {TL104: fatal}\n",
       "c.yaml:2:19: `severity` of TL104 must be error, warning or note"},
      {"disable: [TL104, bogus]\n", "c.yaml:1:18: `disable`: expected a rule ID such as TL104, got bogus"},
      {"fail-on: sometimes\n", "c.yaml:1:10: `fail-on` must be error, warning, note or never"},
      {"disabel: [TL104]\n",
       "c.yaml:1:1: unknown key `disabel` (expected disable, enable, severity, skip, fail-on, fail-on-possible, "
       "account, region, parameters, imports)"},
      {"- TL104\n", "c.yaml:1:1: the configuration must be a mapping of keys to values"},
      {"skip: vendor\n", "c.yaml:1:7: `skip` must be a list of globs"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::string error;
    CHECK_FALSE(ParseConfig(c.text, "c.yaml", &error));
    CHECK(error == c.error);
  }
}

TEST_CASE("config: a YAML syntax error is located too") {
  std::string error;
  CHECK_FALSE(ParseConfig("disable: [TL104\n", "c.yaml", &error));
  CHECK(error == "c.yaml:2:1: end of sequence flow not found");
}

TEST_CASE("fail-on values") {
  CHECK(ParseFailOn("error")->at_least == Severity::kError);
  CHECK(ParseFailOn("note")->at_least == Severity::kNote);
  CHECK_FALSE(ParseFailOn("never")->at_least);
  CHECK_FALSE(ParseFailOn("fatal"));
}

TEST_CASE("baseline: written as readable, sorted entries and read back") {
  Finding a, b, c;
  a.rule = "TL104", a.resource = "t.yaml#AuthRole", a.fingerprint_resource = "AuthRole";
  a.loc.file = "ex/t.yaml", a.fingerprint_file = "t.yaml", a.message = "guests";
  a.fingerprint = "ffff000000000000";
  b = a;
  b.rule = "TL102", b.fingerprint = "0000aaaa00000000";
  c = a;  // one entry per fingerprint
  const std::string text = RenderBaseline({a, b, c});
  CHECK(text ==
        "{\n"
        "  \"version\": 2,\n"
        "  \"findings\": [\n"
        "    {\n"
        "      \"rule\": \"TL102\",\n"
        "      \"resource\": \"AuthRole\",\n"
        "      \"file\": \"t.yaml\",\n"
        "      \"message\": \"guests\",\n"
        "      \"fingerprint\": \"0000aaaa00000000\"\n"
        "    },\n"
        "    {\n"
        "      \"rule\": \"TL104\",\n"
        "      \"resource\": \"AuthRole\",\n"
        "      \"file\": \"t.yaml\",\n"
        "      \"message\": \"guests\",\n"
        "      \"fingerprint\": \"ffff000000000000\"\n"
        "    }\n"
        "  ]\n"
        "}\n");
  std::string error;
  const auto read = ParseBaseline(text, "b.json", &error);
  REQUIRE_MESSAGE(read, error);
  REQUIRE(read->size() == 2);
  CHECK((*read)[0].rule == "TL102");
  CHECK((*read)[1].fingerprint == "ffff000000000000");
  CHECK((*read)[1].file == "t.yaml");
}

TEST_CASE("baseline: malformed files are errors") {
  std::string error;
  CHECK_FALSE(ParseBaseline("[1, 2]", "b.json", &error));
  CHECK(error ==
        "b.json: not a baseline file: expected {\"version\": 2, \"findings\": [{\"rule\", \"resource\", \"file\", "
        "\"message\", \"fingerprint\"}...]}");
  CHECK_FALSE(ParseBaseline("{\"version\": 2, \"findings\": [3]}", "b.json", &error));
  CHECK(error == "b.json: baseline entry 3 is not an object");
  CHECK_FALSE(ParseBaseline("{\"version\": 2, \"findings\": [{\"rule\": \"TL104\"}]}", "b.json", &error));
  CHECK(error == "b.json: baseline entry {\"rule\":\"TL104\"} has no \"fingerprint\"");
  CHECK_FALSE(ParseBaseline("{\"version\": 2, \"findings\": [{\"fingerprint\": 7}]}", "b.json", &error));
  CHECK(error == "b.json: baseline entry's \"fingerprint\" 7 is not a string");
  CHECK_FALSE(ParseBaseline("{\"version\": 2}", "b.json", &error));
  CHECK(error == "b.json: baseline has no \"findings\" array");
  CHECK_FALSE(ParseBaseline("{\"version\": 1, \"fingerprints\": []}", "b.json", &error));
  CHECK(error.find("regenerate it with --write-baseline") != std::string::npos);
  CHECK_FALSE(ParseBaseline("{oops", "b.json", &error));
  CHECK(error.rfind("b.json: not a baseline file: ", 0) == 0);
  CHECK_FALSE(ReadBaseline("/nonexistent/trustlint/baseline.json", &error));
  CHECK(error == "/nonexistent/trustlint/baseline.json: cannot read baseline file");
}

TEST_CASE("baseline: listed findings move aside and are counted; unmatched entries are stale") {
  CheckResult result;
  Finding keep, drop;
  keep.fingerprint = "1";
  drop.fingerprint = "2";
  keep.message = "keep";
  drop.message = "drop";
  result.findings = {keep, drop};
  ApplyBaseline({{"TL104", "R", "t.yaml", "m", "2"}, {"TL105", "S", "t.yaml", "m", "3"}}, &result);
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].message == "keep");
  CHECK(result.baselined == 1);
  REQUIRE(result.baselined_findings.size() == 1);
  CHECK(result.baselined_findings[0].message == "drop");
  REQUIRE(result.stale_baseline.size() == 1);
  CHECK(result.stale_baseline[0].rule == "TL105");
}
