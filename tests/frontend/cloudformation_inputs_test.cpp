// CloudFormation inputs the template does not fix: parameters as scoped
// constants with their constraints, given parameters, imports, pseudo
// parameters (SPEC 1, 4).
#include <doctest/doctest.h>

#include "cfn_test_util.h"
#include "frontend/cloudformation/loader.h"
#include "frontend/scan.h"

using namespace trustlint;
using trustlint::testing::DumpGraph;
using trustlint::testing::LoadOne;

namespace {

// A template with one role whose inline policy document is `{A: a, B: b}`.
std::string TwoValues(const std::string& head, const std::string& a, const std::string& b) {
  return head + "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n" +
         "      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: p\n" +
         "          PolicyDocument:\n            A: " + a + "\n            B: " + b + "\n";
}

const Value& Doc(const Graph& g, const char* key) {
  REQUIRE(g.roles.size() == 1);
  REQUIRE(g.roles[0].inline_policies.size() == 1);
  const Value* v = g.roles[0].inline_policies[0].document.Find(key);
  REQUIRE(v != nullptr);
  return *v;
}

const Symbol& SoleSymbol(const Value& v) {
  REQUIRE(v.IsString());
  REQUIRE(v.parts.size() == 1);
  REQUIRE(v.parts[0].symbol.has_value());
  return *v.parts[0].symbol;
}

Graph LoadWith(const std::string& path, const std::string& text, const cfn::TemplateInputs& inputs) {
  GraphBuilder b;
  cfn::LoadCloudFormation(path, text, b, inputs);
  return b.Link();
}

constexpr const char* kParams = R"(AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage: {Type: String, AllowedValues: [dev, prod]}
  PoolId: {Type: String, AllowedPattern: "[a-z]+-[a-z]+-[0-9]:[0-9a-f-]+", MinLength: 10, MaxLength: "60"}
  Count: {Type: Number}
  Other: {Type: String}
  FromSsm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /x/y}
  Env: {Type: String, Default: prod}
  Names: {Type: CommaDelimitedList, Default: "a,b"}
Mappings:
  M: {dev: {Id: "1"}, prod: {Id: "2"}}
)";

}  // namespace

TEST_CASE("cfn inputs: one parameter used twice is one constant, scoped to its template") {
  Graph g = LoadOne("t.yaml", TwoValues(kParams, "!Ref PoolId", "!Sub '${PoolId}'"));
  const Symbol& a = SoleSymbol(Doc(g, "A"));
  const Symbol& b = SoleSymbol(Doc(g, "B"));
  CHECK(a == b);
  CHECK(a.kind == Symbol::Kind::kUnknown);
  CHECK(a.name == "parameter PoolId has no default");
  CHECK(a.scope == "t.yaml");
  // Another parameter, another constant.
  Graph h = LoadOne("t.yaml", TwoValues(kParams, "!Ref PoolId", "!Ref Other"));
  CHECK_FALSE(SoleSymbol(Doc(h, "A")) == SoleSymbol(Doc(h, "B")));
}

TEST_CASE("cfn inputs: the same parameter name in two templates is two constants") {
  GraphBuilder b;
  LoadCloudFormationText("a.yaml", TwoValues(kParams, "!Ref PoolId", "x"), b);
  LoadCloudFormationText("b.yaml", TwoValues(kParams, "!Ref PoolId", "x"), b);
  Graph g = b.Link();
  REQUIRE(g.roles.size() == 2);
  const Symbol& a = SoleSymbol(*g.roles[0].inline_policies[0].document.Find("A"));
  const Symbol& c = SoleSymbol(*g.roles[1].inline_policies[0].document.Find("A"));
  CHECK(a.name == c.name);
  CHECK_FALSE(a == c);
}

TEST_CASE("cfn inputs: AllowedValues, AllowedPattern, lengths and Number constrain the constant") {
  Graph g =
      LoadOne("t.yaml", TwoValues(kParams, "!Sub '${Stage}-${PoolId}'", "[!Ref Count, !Ref Other, !Ref FromSsm]"));
  auto key = [](const char* name) {
    Symbol input{Symbol::Kind::kUnknown, std::string("parameter ") + name + " has no default", "t.yaml"};
    return RenderForMatching({StringPart{"", input}});
  };
  REQUIRE(g.input_constraints.count(key("Stage")) == 1);
  CHECK(g.input_constraints.at(key("Stage")).allowed_values == std::vector<std::string>{"dev", "prod"});
  REQUIRE(g.input_constraints.count(key("PoolId")) == 1);
  const InputConstraint& pool = g.input_constraints.at(key("PoolId"));
  CHECK(pool.allowed_pattern == "[a-z]+-[a-z]+-[0-9]:[0-9a-f-]+");
  CHECK(pool.min_length == 10u);
  CHECK(pool.max_length == 60u);
  REQUIRE(g.input_constraints.count(key("Count")) == 1);
  CHECK(g.input_constraints.at(key("Count")).allowed_pattern == "-?[0-9]+(\\.[0-9]+)?");
  CHECK(g.input_constraints.count(key("Other")) == 0);  // nothing known about it
  // An SSM parameter stays unknown (its Default names the SSM key), scoped too.
  const Value& list = Doc(g, "B");
  REQUIRE(list.IsList());
  const Symbol& ssm = SoleSymbol(list.items[2]);
  CHECK(ssm.name == "parameter FromSsm is read from SSM at deploy time");
  CHECK(ssm.scope == "t.yaml");
}

TEST_CASE("cfn inputs: two different unknown expressions never share a constant") {
  Graph g = LoadOne("t.yaml", TwoValues(kParams, "!FindInMap [M, !Ref Other, Id]", "!FindInMap [M, !Ref Other, Id]"));
  const Symbol& a = SoleSymbol(Doc(g, "A"));
  const Symbol& b = SoleSymbol(Doc(g, "B"));
  CHECK(a.name == "Fn::FindInMap in M with a key that is not known (parameter Other has no default)");
  CHECK(a.name == b.name);
  CHECK_FALSE(a == b);
  // Spliced into strings, whole-value unknowns keep a use-site scope as well.
  const std::string azs = "!Sub ['x-${V}', {V: !GetAZs ''}]";
  Graph h = LoadOne("t.yaml", TwoValues(kParams, azs, azs));
  REQUIRE(Doc(h, "A").parts.size() == 2);
  REQUIRE(Doc(h, "B").parts.size() == 2);
  CHECK(Doc(h, "A").parts[1].symbol->name == Doc(h, "B").parts[1].symbol->name);
  CHECK_FALSE(Doc(h, "A").parts[1].symbol == Doc(h, "B").parts[1].symbol);
}

TEST_CASE("cfn inputs: a given parameter wins over its Default; lists split on commas") {
  cfn::TemplateInputs inputs;
  inputs.parameters = {{"Env", "dev"}, {"Names", "x, y ,z"}, {"Other", "given"}, {"FromSsm", "/a/b"}};
  Graph g = LoadWith("t.yaml", TwoValues(kParams, "!Sub '${Env}-${Other}'", "[!Ref Names, !Ref FromSsm]"), inputs);
  CHECK(DumpValue(Doc(g, "A")) == "\"dev-given\"");
  CHECK_FALSE(Doc(g, "A").from_default);
  const Value& b = Doc(g, "B");
  REQUIRE(b.IsList());
  CHECK(DumpValue(b.items[0]) == "[\"x\", \"y\", \"z\"]");
  CHECK(SoleSymbol(b.items[1]).kind == Symbol::Kind::kUnknown);  // the given value names the SSM key
  // A parameter that the template does not declare is ignored.
  CHECK(g.parse_errors.empty());
}

TEST_CASE("cfn inputs: AWS::Partition and AWS::URLSuffix follow the region; Region and AccountId the configuration") {
  CHECK(cfn::PartitionOf("").name == "aws");
  CHECK(cfn::PartitionOf("eu-west-1").url_suffix == "amazonaws.com");
  CHECK(cfn::PartitionOf("cn-north-1").name == "aws-cn");
  CHECK(cfn::PartitionOf("cn-northwest-1").url_suffix == "amazonaws.com.cn");
  CHECK(cfn::PartitionOf("us-gov-west-1").name == "aws-us-gov");
  CHECK(cfn::PartitionOf("us-gov-west-1").url_suffix == "amazonaws.com");
  CHECK(cfn::PartitionOf("us-iso-east-1").name == "aws-iso");
  CHECK(cfn::PartitionOf("us-iso-east-1").url_suffix == "c2s.ic.gov");
  CHECK(cfn::PartitionOf("us-isob-east-1").name == "aws-iso-b");
  CHECK(cfn::PartitionOf("us-isob-east-1").url_suffix == "sc2s.sgov.gov");

  const std::string text = TwoValues(kParams, "!Sub 'cognito-identity.${AWS::URLSuffix}'",
                                     "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:${AWS::Region}'");
  Graph unknown = LoadOne("t.yaml", text);
  CHECK(DumpValue(Doc(unknown, "A")) == "\"cognito-identity.amazonaws.com\"");
  CHECK(DumpValue(Doc(unknown, "B")) == "\"arn:aws:iam::\u27e8AWS::AccountId\u27e9:\u27e8AWS::Region\u27e9\"");
  CHECK(SoleSymbol(unknown.roles[0].region).scope.empty());  // pseudo parameters are not scoped
  cfn::TemplateInputs china;
  china.region = "cn-north-1";
  china.account = "111122223333";
  Graph g = LoadWith("t.yaml", text, china);
  CHECK(DumpValue(Doc(g, "A")) == "\"cognito-identity.amazonaws.com.cn\"");
  CHECK(DumpValue(Doc(g, "B")) == "\"arn:aws-cn:iam::111122223333:cn-north-1\"");
  CHECK(DumpValue(g.roles[0].region) == "\"cn-north-1\"");
  CHECK(DumpValue(g.roles[0].account) == "\"111122223333\"");
}

TEST_CASE("cfn inputs: a named role's ARN uses the partition and the configured account") {
  const std::string text = kParams + std::string(
                                         "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
                                         "      RoleName: app\n      AssumeRolePolicyDocument: {}\n");
  CHECK(DumpValue(LoadOne("t.yaml", text).roles[0].arn) == "\"arn:aws:iam::\u27e8AWS::AccountId\u27e9:role/app\"");
  cfn::TemplateInputs gov;
  gov.region = "us-gov-west-1";
  gov.account = "111122223333";
  CHECK(DumpValue(LoadWith("t.yaml", text, gov).roles[0].arn) == "\"arn:aws-us-gov:iam::111122223333:role/app\"");
}

TEST_CASE("cfn inputs: command-line imports resolve after the scan's exports") {
  GraphBuilder b;
  b.AddCommandLineImport("from-cli", "us-east-1:1234");
  b.AddCommandLineImport("both", "cli");
  LoadCloudFormationText("t.yaml",
                         TwoValues(kParams, "[!ImportValue from-cli, !ImportValue both]", "!ImportValue none"), b);
  LoadCloudFormationText("e.yaml",
                         "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\nOutputs:\n  O:\n    Value: exported\n"
                         "    Export: {Name: both}\n",
                         b);
  Graph g = b.Link();
  CHECK(DumpValue(Doc(g, "A")) == "[\"us-east-1:1234\", \"exported\"]");
  CHECK(DumpValue(Doc(g, "B")) == "\"\u27e8import none\u27e9\"");
}

TEST_CASE("cfn inputs: Fn::FindInMap with a key that is not known is one of the mapped values") {
  const std::string text =
      "Parameters:\n  Stage: {Type: String}\n"
      "Mappings:\n  Pools:\n    dev: {Id: us-east-1:aaaa}\n    prod: {Id: us-east-1:bbbb}\n"
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
      "      AssumeRolePolicyDocument: !FindInMap [Pools, !Ref Stage, Id]\n";
  Graph g = LoadOne("t.yaml", text);
  REQUIRE(g.roles.size() == 1);
  const Value& v = g.roles[0].trust_policy;
  REQUIRE(v.IsString());
  const std::string key = RenderForMatching(v.parts);
  REQUIRE(g.input_constraints.count(key) == 1);
  CHECK(g.input_constraints.at(key).allowed_values == std::vector<std::string>{"us-east-1:aaaa", "us-east-1:bbbb"});
}
