#include <doctest/doctest.h>

#include "frontend/cloudformation/raw_yaml.h"
#include "frontend/scan.h"
#include "cfn_test_util.h"

using namespace trustlint;
using trustlint::testing::DumpGraph;
using trustlint::testing::LoadOne;

TEST_CASE("cfn: a basic identity pool template becomes pool, attachment and roles") {
  const char* text = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: true
  Attach:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles:
        authenticated: !GetAtt AuthRole.Arn
        unauthenticated: !GetAtt [GuestRole, Arn]
  AuthRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {"cognito-identity.amazonaws.com:aud": !Ref Pool}
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: guest
      Path: /app/
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: read
          PolicyDocument: {Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
)";
  Graph g = LoadOne("t.yaml", text);
  CHECK(DumpGraph(g) ==
        "input t.yaml cloudformation ok\n"
        "pool Pool t.yaml:3:3-6 unauth=true classic=false id=\"\u27e8ID of pool "
        "Pool\u27e9\"\n"
        "attachment Attach t.yaml:7:3-13 pool=\"\u27e8ID of pool Pool\u27e9\"#0 auth=\"\u27e8ARN of role "
        "AuthRole\u27e9\"#0 unauth=\"\u27e8ARN of role GuestRole\u27e9\"#1\n"
        "role AuthRole t.yaml:14:3-23 arn=\"\u27e8ARN of role AuthRole\u27e9\" name=null\n"
        "  trust {\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": "
        "\"cognito-identity.amazonaws.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
        "{\"StringEquals\": {\"cognito-identity.amazonaws.com:aud\": \"\u27e8ID of pool Pool\u27e9\"}}}]}\n"
        "role GuestRole t.yaml:24:3-32 arn=\"arn:aws:iam::\u27e8AWS::AccountId\u27e9:role/"
        "app/guest\" name=\"guest\"\n"
        "  trust {}\n"
        "  inline read owner=GuestRole @31 {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
        "\"Resource\": \"*\"}]}\n");
  // Every value knows its line, column and logical path.
  const Value* aud = testing::Statement0(g, "AuthRole", "Condition");
  REQUIRE(aud != nullptr);
  const Value* v = aud->Find("StringEquals")->Find("cognito-identity.amazonaws.com:aud");
  CHECK(v->loc.line == 23);
  CHECK(v->loc.column == 68);  // the `!Ref` tag
  CHECK(v->path ==
        "Resources/AuthRole/Properties/AssumeRolePolicyDocument/Statement/0/Condition/StringEquals/"
        "cognito-identity.amazonaws.com:aud");
}

namespace {

// The inline policy document of role `R` in a template whose Resources are `resources`.
std::string PolicyOf(const std::string& head, const std::string& policy_yaml) {
  std::string text = head + "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n" +
                     "      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: p\n" +
                     "          PolicyDocument:\n            X: " + policy_yaml + "\n";
  Graph g = LoadOne("i.yaml", text);
  if (g.roles.size() != 1 || g.roles[0].inline_policies.size() != 1) return DumpGraph(g);
  return DumpValue(*g.roles[0].inline_policies[0].document.Find("X"));
}

const char* kHead = R"(AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, Default: prod}
  PoolId: {Type: String}
  Names: {Type: CommaDelimitedList, Default: "a, b,c"}
  Azs: {Type: "List<AWS::EC2::AvailabilityZone::Name>"}
  FromSsm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /x/y}
Mappings:
  Acct: {prod: {Id: "111122223333"}, dev: {Id: "444455556666"}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: {"Fn::Not": [{Condition: IsProd}]}
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
  Both: !And [!Condition IsProd, !Condition InUsEast]
  Either: !Or [!Condition IsProd, !Condition InUsEast]
  Loop: !Not [!Condition Loop]
)";

}  // namespace

TEST_CASE("cfn: Ref to parameters, pseudo parameters and resources") {
  CHECK(PolicyOf(kHead, "!Ref Env") == "\"prod\"");
  CHECK(PolicyOf(kHead, "!Ref PoolId") == "\"\u27e8unknown: parameter PoolId has no default\u27e9\"");
  CHECK(PolicyOf(kHead, "!Ref Names") == "[\"a\", \"b\", \"c\"]");
  CHECK(PolicyOf(kHead, "!Ref Azs") == "unknown(parameter Azs has no default)");
  CHECK(PolicyOf(kHead, "!Ref FromSsm") == "\"\u27e8unknown: parameter FromSsm is read from SSM at deploy time\u27e9\"");
  CHECK(PolicyOf(kHead, "{Ref: AWS::AccountId}") == "\"\u27e8AWS::AccountId\u27e9\"");
  CHECK(PolicyOf(kHead, "!Ref R") == "\"\u27e8name of role R\u27e9\"");
  CHECK(PolicyOf(kHead, "!Ref Nope") == "unknown(Ref to Nope, which the template does not define)");
  CHECK(PolicyOf(kHead, "[a, !Ref AWS::NoValue, b]") == "[\"a\", \"b\"]");
  CHECK(PolicyOf(kHead, "{k: !Ref AWS::NoValue, j: 1}") == "{\"j\": 1}");
  CHECK(PolicyOf(kHead, "!GetAtt R.RoleId") == "\"\u27e8R.RoleId\u27e9\"");
  CHECK(PolicyOf(kHead, "{\"Fn::GetAtt\": [R, Arn]}") == "\"\u27e8ARN of role R\u27e9\"");
}

TEST_CASE("cfn: parameter defaults are marked as such") {
  Graph g = LoadOne("p.yaml", std::string(kHead) +
                                  "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
                                  "      RoleName: !Ref Env\n      AssumeRolePolicyDocument: {}\n");
  REQUIRE(g.roles.size() == 1);
  CHECK(g.roles[0].name.from_default);
  CHECK(DumpValue(g.roles[0].arn) == "\"arn:aws:iam::\u27e8AWS::AccountId\u27e9:role/prod\"");
}

TEST_CASE("cfn: Fn::Sub keeps IAM policy variables and escapes") {
  CHECK(PolicyOf(kHead, "!Sub 'arn:${AWS::Partition}:s3:::b-${Env}/${cognito-identity.amazonaws.com:sub}/*'") ==
        "\"arn:aws:s3:::b-prod/${cognito-identity.amazonaws.com:sub}/*\"");
  CHECK(PolicyOf(kHead, "!Sub '${!Literal}-${aws:username}'") == "\"${Literal}-${aws:username}\"");
  CHECK(PolicyOf(kHead, "!Sub ['${A}:${R.Arn}:${R}', {A: !Ref PoolId}]") ==
        "\"\u27e8unknown: parameter PoolId has no default\u27e9:\u27e8ARN of role R\u27e9:\u27e8name of role "
        "R\u27e9\"");
  CHECK(PolicyOf(kHead, "{\"Fn::Sub\": \"x-${AWS::Region}\"}") == "\"x-\u27e8AWS::Region\u27e9\"");
}

TEST_CASE("cfn: Join, Select, Split, FindInMap, ImportValue and the unevaluated functions") {
  CHECK(PolicyOf(kHead, "!Join ['', ['arn:', !Ref 'AWS::Partition', ':iam::', !FindInMap [Acct, !Ref Env, Id]]]") ==
        "\"arn:aws:iam::111122223333\"");
  CHECK(PolicyOf(kHead, "!Join [',', !Ref Names]") == "\"a,b,c\"");
  CHECK(PolicyOf(kHead, "!Join [',', !Ref Azs]") == "\"\u27e8unknown: parameter Azs has no default\u27e9\"");
  CHECK(PolicyOf(kHead, "!Select [1, !Split ['/', 'x/y/z']]") == "\"y\"");
  CHECK(PolicyOf(kHead, "!Select [5, [a]]") == "unknown(Fn::Select index 5 is out of range)");
  CHECK(PolicyOf(kHead, "!FindInMap [Acct, !Ref PoolId, Id]") ==
        "\"\u27e8unknown: Fn::FindInMap in Acct with a key that is not known (parameter PoolId has no default)\u27e9\"");
  CHECK(PolicyOf(kHead, "!FindInMap [Acct, test, Id]") == "unknown(Fn::FindInMap Acct/test/Id is not in Mappings)");
  CHECK(PolicyOf(kHead, "!ImportValue shared-pool") == "\"\u27e8import shared-pool\u27e9\"");
  CHECK(PolicyOf(kHead, "{\"Fn::ImportValue\": !Sub '${Env}-pool'}") == "\"\u27e8import prod-pool\u27e9\"");
  CHECK(PolicyOf(kHead, "!Base64 abc") == "\"\u27e8unknown: Fn::Base64 is not evaluated\u27e9\"");
  CHECK(PolicyOf(kHead, "!GetAZs ''") == "unknown(Fn::GetAZs depends on the deployment region)");
  CHECK(PolicyOf(kHead, "!Cidr [10.0.0.0/16, 2, 8]") == "unknown(Fn::Cidr is not evaluated)");
  CHECK(PolicyOf(kHead, "{\"Fn::Transform\": {Name: M}}") == "unknown(Fn::Transform runs a macro at deploy time)");
  CHECK(PolicyOf(kHead, "{\"Fn::Length\": [a, b]}") == "2");
  CHECK(PolicyOf(kHead, "!Equals [a, a]") == "true");
}

TEST_CASE("cfn: Fn::If is decided by known inputs, else both branches are kept") {
  CHECK(PolicyOf(kHead, "!If [IsProd, yes, no]") == "\"yes\"");
  CHECK(PolicyOf(kHead, "!If [IsDev, yes, no]") == "\"no\"");
  CHECK(PolicyOf(kHead, "!If [InUsEast, yes, no]") == "alt(\"yes\", \"no\")");
  CHECK(PolicyOf(kHead, "!If [Both, yes, no]") == "alt(\"yes\", \"no\")");
  CHECK(PolicyOf(kHead, "!If [Either, yes, no]") == "\"yes\"");
  CHECK(PolicyOf(kHead, "!If [Loop, yes, no]") == "alt(\"yes\", \"no\")");
  CHECK(PolicyOf(kHead, "[!If [IsProd, !Ref AWS::NoValue, x], y]") == "[\"y\"]");
  CHECK(PolicyOf(kHead, "!If [InUsEast, !Ref AWS::NoValue, x]") == "alt(null, \"x\")");
  CHECK(PolicyOf(kHead, "!Sub ['a-${X}', {X: !If [InUsEast, 1, 2]}]") == "alt(\"a-1\", \"a-2\")");
}

TEST_CASE("cfn: YAML merge keys follow YAML 1.1") {
  const char* head = R"(AWSTemplateFormatVersion: '2010-09-09'
Mappings:
  Base: &base {Effect: Allow, Action: "s3:GetObject", Resource: "*"}
  Deny: &deny {Effect: Deny, Sid: d}
)";
  // Keys written in the mapping win over merged ones, wherever the `<<` stands.
  CHECK(PolicyOf(head, "{<<: *base, Effect: Deny}") ==
        "{\"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Effect\": \"Deny\"}");
  CHECK(PolicyOf(head, "{Effect: Deny, <<: *base}") ==
        "{\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");
  // In a list, earlier mappings win.
  CHECK(PolicyOf(head, "{<<: [*deny, *base]}") ==
        "{\"Effect\": \"Deny\", \"Sid\": \"d\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");
  CHECK(PolicyOf(head, "{<<: [*base, *deny]}") ==
        "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Sid\": \"d\"}");
  CHECK(PolicyOf(head, "{<<: {a: 1}, b: 2}") == "{\"a\": 1, \"b\": 2}");
  // A quoted "<<" is an ordinary key.
  CHECK(PolicyOf(head, "{\"<<\": x}") == "{\"<<\": \"x\"}");
}

TEST_CASE("cfn: a merge key brings in a resource's Type and Properties") {
  const char* text = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  First: &role
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Second:
    <<: *role
    Properties:
      RoleName: second
      AssumeRolePolicyDocument: {}
)";
  Graph g = LoadOne("m.yaml", text);
  CHECK(g.parse_errors.empty());
  REQUIRE(g.roles.size() == 2);
  CHECK(DumpValue(g.roles[1].name) == "\"second\"");
}

TEST_CASE("cfn: a merge of something that is not a mapping is TL001 with its position") {
  Graph g = LoadOne("m.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    <<: [x]\n    Type: A\n");
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(FormatLocation(g.parse_errors[0].loc) == "m.yaml:4:10");
  CHECK(g.parse_errors[0].message ==
        "cannot parse cloudformation template: a merge key (<<) takes a mapping or a list of mappings");
  g = LoadOne("m.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nX: &s scalar\nResources:\n  R:\n    <<: *s\n");
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(FormatLocation(g.parse_errors[0].loc) == "m.yaml:5:9");
  g = LoadOne("m.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: &r\n  R:\n    <<: *r\n");
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].message ==
        "cannot parse cloudformation template: a merge key (<<) merges a mapping into itself");
}

TEST_CASE("cfn: merge keys count against the expansion caps") {
  // Each level merges the previous one twice under new keys: the aliases double
  // per level, and the bytes budget stops their expansion.
  std::string text = "AWSTemplateFormatVersion: '2010-09-09'\nMappings:\n  L0: &l0 {a: [x, x, x, x, x, x, x, x]}\n";
  for (int i = 1; i <= 24; ++i) {
    text += "  L" + std::to_string(i) + ": &l" + std::to_string(i) + " {<<: *l" + std::to_string(i - 1) + ", k" +
            std::to_string(i) + ": [*l" + std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + "]}\n";
  }
  text += "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: *l24\n";
  Graph g = LoadOne("bomb.yaml", text);
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].message.find("scan budget \"bytes\" exhausted") == 0);
  // Merged entries themselves are capped while parsing.
  cfn::YamlParse parse = cfn::ParseYaml("a: &a {x: 1, y: 2}\nb: &b {<<: *a, z: 3}\nc: {<<: *b}\n", 64, 4);
  REQUIRE(parse.error.has_value());
  CHECK(parse.error->message == "merge keys expand to more than 4 entries");
  CHECK(parse.error->line == 3);
}

namespace {

constexpr const char* kLoopHead = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]
Parameters:
  Apps: {Type: CommaDelimitedList, Default: "web,admin-app"}
  Unknown: {Type: CommaDelimitedList}
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: {AllowUnauthenticatedIdentities: false}
)";

std::string RoleNames(const Graph& g) {
  std::string out;
  for (const auto& r : g.roles) out += r.address + "=" + DumpValue(r.name) + " ";
  for (const auto& e : g.parse_errors) out += "TL001 " + e.message + " ";
  return out;
}

}  // namespace

TEST_CASE("cfn: Fn::ForEach expands one resource per element of a known collection") {
  std::string text = std::string(kLoopHead) + R"(  Fn::ForEach::Roles:
    - App
    - !Ref Apps
    - Role&{App}:
        Type: AWS::IAM::Role
        Properties:
          RoleName: !Sub "${App}-role"
          Description: plain ${App} text
          Tags: [{Key: app, Value: !Ref App}]
          AssumeRolePolicyDocument:
            Statement:
              - Effect: Allow
                Principal: {Federated: cognito-identity.amazonaws.com}
                Action: sts:AssumeRoleWithWebIdentity
                Condition:
                  StringEquals: {"cognito-identity.amazonaws.com:aud": !Ref Pool}
                  ForAnyValue:StringLike: {"cognito-identity.amazonaws.com:amr": authenticated}
  Fn::ForEach::Attach:
    - Name
    - [web]
    - Attach${Name}:
        Type: AWS::Cognito::IdentityPoolRoleAttachment
        Properties:
          IdentityPoolId: !Ref Pool
          Roles: {authenticated: !GetAtt "Role${Name}.Arn"}
)";
  Graph g = LoadOne("loop.yaml", text);
  // Instances share the output key's position; they sort by logical ID.
  CHECK(RoleNames(g) == "Roleadminapp=\"admin-app-role\" Roleweb=\"web-role\" ");
  REQUIRE(g.attachments.size() == 1);
  CHECK(g.attachments[0].address == "Attachweb");
  CHECK(g.attachments[0].authenticated_role == 1);  // Roleweb, through the substituted GetAtt
  CHECK(g.roles[1].path == "Resources/Roleweb");
  CHECK(g.roles[0].loc.line == 13);  // the output key's line
}

TEST_CASE("cfn: Fn::ForEach over an unknown collection is one abstract instance") {
  std::string text = std::string(kLoopHead) + R"(  Fn::ForEach::Roles:
    - App
    - !Ref Unknown
    - Role${App}:
        Type: AWS::IAM::Role
        Properties:
          RoleName: !Ref App
          Description: !Sub "${App}"
          AssumeRolePolicyDocument: {}
)";
  Graph g = LoadOne("loop.yaml", text);
  REQUIRE(g.roles.size() == 1);
  CHECK(g.roles[0].address == "Role${App}");
  const Value& name = g.roles[0].name;
  REQUIRE(name.parts.size() == 1);
  REQUIRE(name.parts[0].symbol.has_value());
  CHECK(name.parts[0].symbol->name == "element of Fn::ForEach::Roles, whose collection is not known");
  CHECK_FALSE(name.parts[0].symbol->scope.empty());
  CHECK(g.parse_errors.empty());
}

TEST_CASE("cfn: Fn::ForEach without the transform, or malformed, is TL001 with a clear message") {
  std::string loop = "  Fn::ForEach::Roles:\n    - App\n    - [a]\n    - R${App}: {Type: AWS::IAM::Role}\n";
  Graph g = LoadOne("t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n" + loop);
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].message == "Fn::ForEach::Roles needs `Transform: AWS::LanguageExtensions`");
  g = LoadOne("t.yaml",
              "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Roles: [App, [a]]\n"
              "  R: {Type: AWS::IAM::Role}\n");
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(FormatLocation(g.parse_errors[0].loc) == "t.yaml:3:3");
  CHECK(g.parse_errors[0].message == "Fn::ForEach::Roles must be [Identifier, Collection, {OutputKey: Template}]");
}

TEST_CASE("cfn: Fn::Length, Fn::ToJsonString and intrinsics in DeletionPolicy") {
  CHECK(PolicyOf(kHead, "{\"Fn::Length\": !Ref Names}") == "3");
  CHECK(PolicyOf(kHead, "{\"Fn::ToJsonString\": {a: [1, \"x\\\"y\", true, null], b: !Ref Env}}") ==
        "\"{\\\"a\\\":[1,\\\"x\\\\\\\"y\\\",true,null],\\\"b\\\":\\\"prod\\\"}\"");
  CHECK(PolicyOf(kHead, "!ToJsonString {aud: !Ref PoolId}") ==
        "\"{\\\"aud\\\":\\\"\u27e8unknown: parameter PoolId has no default\u27e9\\\"}\"");
  CHECK(PolicyOf(kHead, "!ToJsonString {x: !If [InUsEast, a, b]}") ==
        "\"\u27e8unknown: Fn::ToJsonString of a value with an undecided Fn::If\u27e9\"");
  Graph g = LoadOne("d.yaml", std::string(kHead) + R"(Resources:
  R:
    Type: AWS::IAM::Role
    DeletionPolicy: !If [IsProd, Retain, Delete]
    UpdateReplacePolicy: {"Fn::If": [IsProd, Retain, Delete]}
    Properties: {AssumeRolePolicyDocument: {}}
)");
  CHECK(g.parse_errors.empty());
  CHECK(g.roles.size() == 1);
}

TEST_CASE("cfn: an attachment that exists, or names its roles, only under an undecided condition is conditional") {
  std::string head = std::string(kHead) + R"(Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: {AllowUnauthenticatedIdentities: false}
  Role:
    Type: AWS::IAM::Role
    Properties: {AssumeRolePolicyDocument: {}}
)";
  auto attach = [&](const std::string& extra, const std::string& roles) {
    return head + "  A:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n" + extra +
           "    Properties:\n      IdentityPoolId: !Ref Pool\n      Roles: " + roles + "\n";
  };
  auto conditional = [&](const std::string& text) {
    Graph g = LoadOne("c.yaml", text);
    REQUIRE(g.attachments.size() == 1);
    return g.attachments[0].conditional;
  };
  CHECK_FALSE(conditional(attach("", "{authenticated: !GetAtt Role.Arn}")));
  CHECK_FALSE(conditional(attach("    Condition: IsProd\n", "{authenticated: !GetAtt Role.Arn}")));
  CHECK(conditional(attach("    Condition: InUsEast\n", "{authenticated: !GetAtt Role.Arn}")));
  CHECK(conditional(attach("", "{authenticated: !If [InUsEast, !GetAtt Role.Arn, !Ref AWS::NoValue]}")));
  CHECK(conditional(attach("", "!If [InUsEast, {authenticated: !GetAtt Role.Arn}, {}]")));
  CHECK_FALSE(conditional(attach("", "!If [IsProd, {authenticated: !GetAtt Role.Arn}, {}]")));
  // Both readings of Roles are kept; the link pass follows the first.
  Graph g = LoadOne("c.yaml", attach("", "!If [InUsEast, {authenticated: !GetAtt Role.Arn}, {}]"));
  CHECK(DumpValue(g.attachments[0].authenticated) == "alt(\"\u27e8ARN of role Role\u27e9\", null)");
  CHECK(g.attachments[0].authenticated_role == 0);
  // A resource whose condition is false is never created.
  g = LoadOne("c.yaml", attach("    Condition: IsDev\n", "{authenticated: !GetAtt Role.Arn}"));
  CHECK(g.attachments.empty());
}

TEST_CASE("cfn: Fn::ForEach in Outputs exports one value per element") {
  GraphBuilder b;
  LoadCloudFormationText("exp.yaml", std::string(kLoopHead) + R"(Outputs:
  Fn::ForEach::Exports:
    - App
    - [web, admin]
    - Out${App}:
        Value: !Sub "${App}-value"
        Export: {Name: !Sub "shared-${App}"}
)", b);
  LoadCloudFormationText("imp.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !ImportValue shared-admin
      AssumeRolePolicyDocument: {}
)", b);
  Graph g = b.Link();
  CHECK(g.parse_errors.empty());
  REQUIRE(g.roles.size() == 1);
  CHECK(DumpValue(g.roles[0].name) == "\"admin-value\"");
}

TEST_CASE("cfn: Fn::ForEach inside properties expands into map entries") {
  std::string text = std::string(kLoopHead) + R"(  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Fn::ForEach::Keys:
          - K
          - [a, b]
          - Key${K}: !Sub "value-${K}"
        Other: x
      PermissionsBoundary:
        Fn::ForEach::Unknown:
          - U
          - !Ref Unknown
          - Tag&{U}: !Ref U
)";
  Graph g = LoadOne("p.yaml", text);
  REQUIRE(g.roles.size() == 1);
  CHECK(DumpValue(g.roles[0].trust_policy) == "{\"Keya\": \"value-a\", \"Keyb\": \"value-b\", \"Other\": \"x\"}");
  // An unknown collection: one abstract entry, its key as written.
  CHECK(DumpValue(g.roles[0].permissions_boundary) ==
        "{\"Tag&{U}\": \"\u27e8unknown: element of Fn::ForEach::Unknown, whose collection is not known\u27e9\"}");
  CHECK(g.parse_errors.empty());
}
