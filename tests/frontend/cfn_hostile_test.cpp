// Issue 8, CloudFormation part: the hostile shapes that crashed, hung or ate memory
// (faults 3, 4, 8, 9 and 16) end in TL001 or in correct values, in the release and
// the ASan build alike. The inputs are generated here (or by tests/hostile/shapes.h),
// never stored.
#include <doctest/doctest.h>

#include <string>

#include "../hostile/shapes.h"
#include "cfn_test_util.h"
#include "frontend/cloudformation/loader.h"
#include "frontend/scan.h"

using namespace trustlint;
using trustlint::testing::LoadOne;

namespace {

// The text of one template of the lead's hostile shapes.
std::string ShapeText(const std::string& name) {
  for (const auto& shape : hostile::Shapes()) {
    if (shape.name == name) return shape.files.at(0).second;
  }
  FAIL("no hostile shape ", name);
  return "";
}

const std::string kHead = "AWSTemplateFormatVersion: '2010-09-09'\n";

// A role whose trust policy's aud condition is `aud` (YAML at the indentation of a
// mapping value under `StringEquals`).
std::string RoleWithAud(const std::string& before_resources, const std::string& aud) {
  return kHead + before_resources +
         "Resources:\n"
         "  Role:\n"
         "    Type: AWS::IAM::Role\n"
         "    Properties:\n"
         "      AssumeRolePolicyDocument:\n"
         "        Statement:\n"
         "          - Effect: Allow\n"
         "            Condition:\n"
         "              StringEquals:\n"
         "                aud: " +
         aud + "\n";
}

// The aud value of RoleWithAud's role.
const Value* Aud(const Graph& g) {
  const Value* cond = testing::Statement0(g, "Role", "Condition");
  const Value* eq = cond ? cond->Find("StringEquals") : nullptr;
  return eq ? eq->Find("aud") : nullptr;
}

std::string Errors(const Graph& g) {
  std::string out;
  for (const auto& e : g.parse_errors) out += FormatLocation(e.loc) + " " + e.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("cfn hostile 3: a chain of 10,000 Conditions is TL001, not a stack overflow") {
  Graph g = LoadOne("chain.yaml", ShapeText("03-condition-chain"));
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].message.find("nesting deeper than") == 0);
  CHECK(g.roles.empty());  // a template that hits a cap contributes nothing but TL001
}

TEST_CASE("cfn hostile 3: a short chain of Conditions is still decided") {
  std::string conditions = "Conditions:\n";
  for (int i = 0; i < 20; ++i) {
    conditions += "  C" + std::to_string(i) + ": !Condition C" + std::to_string(i + 1) + "\n";
  }
  conditions += "  C20: !Equals [a, b]\n";
  std::string text = RoleWithAud(conditions, "x");
  text.replace(text.find("    Properties:"), 0, "    Condition: C0\n");
  Graph g = LoadOne("chain.yaml", text);
  CHECK(Errors(g) == "");
  CHECK(g.roles.empty());  // C0 is false: the role is never created
}

TEST_CASE("cfn hostile 4: a parameter whose Default refers to itself is TL001") {
  SUBCASE("the shape: Default {Ref: P}") {
    Graph g = LoadOne("self.yaml", ShapeText("04-parameter-default-self"));
    CHECK(Errors(g) == "self.yaml:5:14 circular parameter Default: P -> P (CloudFormation rejects the template)\n");
    CHECK(g.roles.empty());
  }
  SUBCASE("through another parameter") {
    Graph g = LoadOne("cycle.yaml", RoleWithAud("Parameters:\n  P: {Type: String, Default: {Ref: Q}}\n"
                                                "  Q: {Type: String, Default: {Ref: P}}\n",
                                                "!Ref P"));
    CHECK(Errors(g) ==
          "cycle.yaml:4:30 circular parameter Default: P -> Q -> P (CloudFormation rejects the template)\n");
  }
  SUBCASE("a parameter used twice is no cycle") {
    Graph g = LoadOne("twice.yaml", RoleWithAud("Parameters:\n  P: {Type: String, Default: {Fn::Join: ['', [{Ref: "
                                                "Q}, {Ref: Q}]]}}\n  Q: {Type: String, Default: q}\n",
                                                "!Ref P"));
    CHECK(Errors(g) == "");
    REQUIRE(Aud(g) != nullptr);
    CHECK(Aud(g)->Literal() == "qq");
  }
}

TEST_CASE("cfn hostile 4: a long chain of parameter Defaults stops at the depth cap, counted across the walk") {
  // Each level is Fn::Sub -> Ref -> parameter -> Default: the deepest frames there are,
  // which a cap counted per function (or restarted in each) let overflow the ASan stack.
  auto chain = [](int n) {
    std::string params = "Parameters:\n";
    for (int i = 0; i < n; ++i) {
      params +=
          "  P" + std::to_string(i) + ": {Type: String, Default: {Fn::Sub: '${P" + std::to_string(i + 1) + "}'}}\n";
    }
    return params + "  P" + std::to_string(n) + ": {Type: String, Default: end}\n";
  };
  Graph deep = LoadOne("deep.yaml", RoleWithAud(chain(600), "!Ref P0"));
  REQUIRE(deep.parse_errors.size() == 1);
  CHECK(deep.parse_errors[0].message == "nesting deeper than 128 levels");
  Graph shallow = LoadOne("shallow.yaml", RoleWithAud(chain(20), "!Ref P0"));
  CHECK(Errors(shallow) == "");
  REQUIRE(Aud(shallow) != nullptr);
  CHECK(Aud(shallow)->Literal() == "end");
}

TEST_CASE("cfn hostile 8: an alias of a large scalar is stopped by the bytes budget before it is copied") {
  SUBCASE("256 KB aliased 300 times") {
    std::string text = kHead + "Metadata:\n  Big: &big \"" + std::string(256 << 10, 'x') +
                       "\"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Tags:\n";
    for (int i = 0; i < 300; ++i) text += "        - {Key: k, Value: *big}\n";
    Graph g = LoadOne("bytes.yaml", text);
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message ==
          "scan budget \"bytes\" exhausted: more than 67108864 bytes of expanded aliases and built strings");
    CHECK(g.parse_errors[0].loc.line > 8);  // at one of the aliases
    CHECK(g.roles.empty());
  }
  SUBCASE("the shape: 1 MB aliased 5,000 times") {
    Graph g = LoadOne("bytes.yaml", ShapeText("08-alias-bytes"));
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message.find("scan budget \"bytes\" exhausted") == 0);
  }
  SUBCASE("a few aliases of it are fine") {
    std::string text = kHead + "Metadata:\n  Big: &big \"" + std::string(256 << 10, 'x') +
                       "\"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Tags:\n";
    for (int i = 0; i < 10; ++i) text += "        - {Key: k, Value: *big}\n";
    Graph g = LoadOne("bytes.yaml", text);
    CHECK(Errors(g) == "");
    CHECK(g.roles.size() == 1);
  }
}

TEST_CASE("cfn hostile: the template after one that exhausts its budget loads with a budget of its own") {
  std::string bomb = kHead + "Metadata:\n  Big: &big \"" + std::string(256 << 10, 'x') +
                     "\"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Tags:\n";
  for (int i = 0; i < 300; ++i) bomb += "        - {Key: k, Value: *big}\n";
  const std::string fine = kHead + "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: {RoleName: r}\n";
  GraphBuilder b;
  LoadCloudFormationText("bomb.yaml", bomb, b);
  LoadCloudFormationText("fine.yaml", fine, b);
  Graph g = b.Link();
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].loc.file == "bomb.yaml");
  REQUIRE(g.roles.size() == 1);
  CHECK(g.roles[0].loc.file == "fine.yaml");
}

TEST_CASE("cfn hostile 9: Fn::Join of 100,000 items is built in linear time") {
  Graph g = LoadOne("join.yaml", ShapeText("09-join-100k"));
  CHECK(Errors(g) == "");
  const Role* role = g.FindRole("Role");
  REQUIRE(role != nullptr);
  const Value* cond = testing::Statement0(g, "Role", "Condition");
  REQUIRE(cond != nullptr);
  const Value* aud = cond->Find("StringEquals")->Find("cognito-identity.amazonaws.com:aud");
  REQUIRE(aud != nullptr);
  REQUIRE(aud->parts.size() == 100000);  // x, P, x, P, ...: nothing merges
  CHECK(aud->parts[0].literal == "x");
  REQUIRE(aud->parts[99999].symbol.has_value());
  CHECK(aud->parts[99999].symbol->name == "parameter P has no default");
}

TEST_CASE("cfn hostile 9: adjacent literal pieces of a Join merge into one part") {
  std::string items;
  for (int i = 0; i < 1000; ++i) items += i % 100 == 99 ? "!Ref P, " : "x, ";
  Graph g = LoadOne("join.yaml", RoleWithAud("Parameters: {P: {Type: String}}\n", "!Join ['-', [" + items + "end]]"));
  CHECK(Errors(g) == "");
  REQUIRE(Aud(g) != nullptr);
  REQUIRE(Aud(g)->parts.size() == 21);  // 10 symbols between 11 literal runs
  std::string run;
  for (int i = 0; i < 99; ++i) run += "x-";
  CHECK(Aud(g)->parts[0].literal == run);
  CHECK(Aud(g)->parts[2].literal == "-" + run);
  CHECK(Aud(g)->parts[20].literal == "-end");
}

TEST_CASE("cfn hostile 16: Fn::Sub with 10,000 variables is built in linear time") {
  Graph g = LoadOne("sub.yaml", ShapeText("16-sub-10k-vars"));
  CHECK(Errors(g) == "");
  const Value* cond = testing::Statement0(g, "Role", "Condition");
  REQUIRE(cond != nullptr);
  const Value* aud = cond->Find("StringEquals")->Find("cognito-identity.amazonaws.com:aud");
  REQUIRE(aud != nullptr);
  REQUIRE(aud->parts.size() == 10000);
  for (const auto& part : aud->parts) {
    REQUIRE(part.symbol.has_value());
    CHECK(part.symbol->name == "parameter P has no default");
  }
}

TEST_CASE("cfn hostile: string building is charged to the bytes budget before it copies") {
  // With a 1 MiB budget: 100 copies of 16 KiB run out, where nothing else would.
  auto load = [](const std::string& path, const std::string& text) {
    GraphBuilder b;
    cfn::LoadCloudFormation(path, text, b, {}, BudgetLimits{.bytes = 1u << 20});
    return b.Link();
  };
  const std::string big(16 << 10, 'z');
  std::string uses;
  for (int i = 0; i < 100; ++i) uses += "${V}";
  SUBCASE("one large Fn::Sub variable used many times") {
    Graph g = load("sub.yaml", RoleWithAud("", "!Sub ['" + uses + "', {V: " + big + "}]"));
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message ==
          "scan budget \"bytes\" exhausted: more than 1048576 bytes of expanded aliases and built strings");
    CHECK(FormatLocation(g.parse_errors[0].loc) == "sub.yaml:11:22");  // the Fn::Sub
    CHECK(Errors(load("sub.yaml", RoleWithAud("", "!Sub ['${V}${V}', {V: " + big + "}]"))) == "");
  }
  SUBCASE("a large Fn::Join delimiter") {
    std::string items;
    for (int i = 0; i < 100; ++i) items += "a, ";
    Graph g = load("join.yaml", RoleWithAud("", "!Join ['" + big + "', [" + items + "b]]"));
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message.find("scan budget \"bytes\" exhausted") == 0);
  }
  SUBCASE("a large parameter default used many times") {
    Graph g = load("param.yaml",
                   RoleWithAud("Parameters: {V: {Type: String, Default: " + big + "}}\n", "!Sub '" + uses + "'"));
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message.find("scan budget \"bytes\" exhausted") == 0);
  }
}

TEST_CASE("cfn hostile: a loop identifier in a Ref is replaced once, not again in its own value") {
  // The element's text names the identifier again: replacing without end would grow
  // the name ("a${X}", "aa${X}", ...) until the stack overflows.
  const std::string text = kHead +
                           "Transform: AWS::LanguageExtensions\n"
                           "Resources:\n"
                           "  Fn::ForEach::Roles:\n"
                           "    - X\n"
                           "    - ['a${X}']\n"
                           "    - Role${X}:\n"
                           "        Type: AWS::IAM::Role\n"
                           "        Properties:\n"
                           "          RoleName: {Ref: '${X}'}\n";
  Graph g = LoadOne("loop.yaml", text);
  CHECK(Errors(g) == "");
  REQUIRE(g.roles.size() == 1);
  CHECK(g.roles[0].address == "Rolea${X}");
  CHECK(g.roles[0].name.reason == "Ref to a${X}, which the template does not define");
}

TEST_CASE("cfn hostile: a Fn::ForEach body is charged once per element it is copied for") {
  std::string elements;
  for (int i = 0; i < 300; ++i) elements += (i ? ", " : "") + std::string("e") + std::to_string(i);
  const std::string text = kHead +
                           "Transform: AWS::LanguageExtensions\n"
                           "Resources:\n"
                           "  Fn::ForEach::Roles:\n"
                           "    - X\n"
                           "    - [" +
                           elements +
                           "]\n"
                           "    - Role${X}:\n"
                           "        Type: AWS::IAM::Role\n"
                           "        Properties:\n"
                           "          Description: " +
                           std::string(256 << 10, 'd') + "\n";
  Graph g = LoadOne("loop.yaml", text);
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].message.find("scan budget \"bytes\" exhausted") == 0);
  CHECK(g.roles.empty());
}
