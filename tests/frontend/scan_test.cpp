#include <algorithm>
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cfn_test_util.h"
#include "frontend/scan.h"

using namespace trustlint;
using trustlint::testing::DumpGraph;
using trustlint::testing::LoadOne;

namespace {

namespace fs = std::filesystem;

// A fresh temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("trustlint-fe-" + std::to_string(::getpid()) + "-" + std::to_string(next_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << text;
  }

 private:
  static inline int next_ = 0;
  fs::path path_;
};

// Scans `dir` with the current directory set to it, so that paths print relative.
Graph ScanIn(const fs::path& dir, ScanOptions options = {}) {
  fs::path old = fs::current_path();
  fs::current_path(dir);
  Graph g = ScanPaths(options);
  fs::current_path(old);
  return g;
}

const char* kPoolTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties: {AllowUnauthenticatedIdentities: false}
Outputs:
  PoolId:
    Value: !Ref Pool
    Export: {Name: shared-pool}
)";

const char* kAttachTemplate = R"(Resources:
  Attach:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !ImportValue shared-pool
      Roles: {authenticated: !GetAtt Role.Arn}
      RoleMappings:
        google:
          IdentityProvider: accounts.google.com
          Type: Rules
          AmbiguousRoleResolution: Deny
          RulesConfiguration:
            Rules:
              - {Claim: groups, MatchType: Contains, Value: admin, RoleARN: !GetAtt Role.Arn}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [!Ref Managed, arn:aws:iam::aws:policy/ReadOnlyAccess]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties: {PolicyDocument: {Statement: []}}
  Rcp:
    Type: AWS::Organizations::Policy
    Properties: {Type: RESOURCE_CONTROL_POLICY, Content: {Statement: []}}
  Scp:
    Type: AWS::Organizations::Policy
    Properties: {Type: SERVICE_CONTROL_POLICY, Content: {Statement: []}}
)";

}  // namespace

TEST_CASE("scan: Fn::ImportValue resolves across templates; duplicate logical IDs are qualified") {
  TempDir dir;
  dir.Write("a/pool.yaml", kPoolTemplate);
  dir.Write("b/attach.yml", kAttachTemplate);
  dir.Write("b/dup.json", R"({"Resources": {"Role": {"Type": "AWS::IAM::Role",
    "Properties": {"AssumeRolePolicyDocument": {}}}}})");
  dir.Write("b/notes.yaml", "just: some yaml\n");
  dir.Write("b/readme.md", "Resources:\n  X:\n    Type: y\n");
  Graph g = ScanIn(dir.path());
  CHECK(DumpGraph(g) ==
        "input a/pool.yaml cloudformation ok\n"
        "input b/attach.yml cloudformation ok\n"
        "input b/dup.json cloudformation ok\n"
        "pool Pool a/pool.yaml:3:3-5 unauth=false classic=false id=\"\u27e8ID of pool "
        "Pool\u27e9\"\n"
        "attachment Attach b/attach.yml:2:3-14 pool=\"\u27e8ID of pool Pool\u27e9\"#0 auth=\"\u27e8ARN "
        "of role Role\u27e9\"#0 unauth=null#-1\n"
        "  mapping \"accounts.google.com\" \"Rules\" \"Deny\" roles=[\"\u27e8ARN of role Role\u27e9\"]\n"
        "role b/attach.yml#Role b/attach.yml:15:3-19 arn=\"\u27e8ARN of role Role\u27e9\" name=null\n"
        "  trust {}\n"
        "  managed [\"\u27e8Managed\u27e9\", \"arn:aws:iam::aws:policy/ReadOnlyAccess\"]\n"
        "  policies Managed\n"
        "role b/dup.json#Role b/dup.json:1:16-2 arn=\"\u27e8ARN of role Role\u27e9\" name=null\n"
        "  trust {}\n"
        "policy Managed AWS::IAM::ManagedPolicy b/attach.yml:20:3-22 arn=\"\u27e8Managed\u27e9\" "
        "roles=[]\n"
        "  document {\"Statement\": []}\n"
        "policy Rcp AWS::Organizations::Policy b/attach.yml:23:3-25 rcp arn=null roles=[]\n"
        "  document {\"Statement\": []}\n");
}

TEST_CASE("scan: JSON templates keep 1-based positions") {
  Graph g = LoadOne("t.json", "{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\",\n"
                              "      \"Properties\": {\"AssumeRolePolicyDocument\": {\"Statement\": \"x\"}}\n    }\n  }\n}\n");
  REQUIRE(g.roles.size() == 1);
  CHECK(FormatLocation(g.roles[0].loc) == "t.json:3:5");
  const Value* st = g.roles[0].trust_policy.Find("Statement");
  REQUIRE(st != nullptr);
  CHECK(FormatLocation(st->loc) == "t.json:5:64");
  CHECK(DumpValue(*st) == "\"x\"");  // a scalar Statement is the policy parser's problem, not a crash
}

TEST_CASE("scan: Serverless Framework resources and IAM policy types") {
  Graph g = LoadOne("api/serverless.yml", R"(service: x
provider: {name: aws}
resources:
  Resources:
    Pol:
      Type: AWS::IAM::Policy
      Properties:
        PolicyName: p
        PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
        Roles: [!Ref Role]
    RolePol:
      Type: AWS::IAM::RolePolicy
      Properties: {RoleName: !Ref Role, PolicyName: q, PolicyDocument: '{"Statement": []}'}
    Role:
      Type: AWS::IAM::Role
      Properties: {AssumeRolePolicyDocument: {}, PermissionsBoundary: arn:aws:iam::1:policy/b}
)");
  CHECK(DumpGraph(g) ==
        "input api/serverless.yml serverless ok\n"
        "role Role api/serverless.yml:14:5-16 arn=\"\u27e8ARN of role Role\u27e9\" name=null\n"
        "  trust {}\n"
        "  boundary \"arn:aws:iam::1:policy/b\"\n"
        "  policies Pol RolePol\n"
        "policy Pol AWS::IAM::Policy api/serverless.yml:5:5-10 arn=null roles=[\"\u27e8name of role "
        "Role\u27e9\"]\n"
        "  document {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}\n"
        "policy RolePol AWS::IAM::RolePolicy api/serverless.yml:11:5-13 arn=null roles=[\"\u27e8name of role "
        "Role\u27e9\"]\n"
        "  document \"{\\\"Statement\\\": []}\"\n");
  CHECK(g.roles[0].trust_policy.path == "resources/Resources/Role/Properties/AssumeRolePolicyDocument");
}

TEST_CASE("scan: suppressions from Metadata and from comments") {
  Graph g = LoadOne("s.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  # trustlint:ignore TL101,TL104 -- reviewed with security
  A:
    Type: AWS::IAM::Role
    Metadata:
      trustlint:
        ignore:
          - {rule: TL110, reason: "public demo"}
          - TL203
    Properties:
      AssumeRolePolicyDocument: {}  # trustlint:ignore TL102
  # unrelated comment
  B:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
)");
  REQUIRE(g.roles.size() == 2);
  CHECK(testing::DumpSuppressions(g.roles[0]) ==
        "  ignore TL110 \"public demo\" @9\n"
        "  ignore TL203 \"\" @10\n"
        "  ignore TL101 \"reviewed with security\" @3\n"
        "  ignore TL104 \"reviewed with security\" @3\n"
        "  ignore TL102 \"\" @12\n");
  CHECK(g.roles[1].suppressions.empty());
}

TEST_CASE("scan: malformed templates are TL001 with line and column; the scan goes on") {
  TempDir dir;
  dir.Write("bad.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: [unclosed\n  B: x\n");
  dir.Write("list.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  - Type: AWS::IAM::Role\n");
  dir.Write("notype.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: {Properties: {}}\n");
  dir.Write("other.yaml", "key: [unclosed\n");  // not template-like: skipped silently
  dir.Write("ok.yml", kPoolTemplate);
  ScanOptions options;
  Graph g = ScanIn(dir.path(), options);
  CHECK(DumpGraph(g).substr(0, DumpGraph(g).find("pool Pool")) ==
        "input bad.yaml cloudformation error\n"
        "input list.yaml cloudformation error\n"
        "input notype.yaml cloudformation error\n"
        "input ok.yml cloudformation ok\n"
        "TL001 bad.yaml:4:4 cannot parse cloudformation template: end of sequence flow not found\n"
        "TL001 list.yaml:3:3 Resources is not a mapping\n"
        "TL001 notype.yaml:3:3 resource A has no Type\n");
  options.max_file_bytes = 100;
  Graph small = ScanIn(dir.path(), options);
  REQUIRE(small.parse_errors.size() == 4);  // only ok.yml is over 100 bytes
  CHECK(FormatLocation(small.parse_errors[3].loc) == "ok.yml:1:1");
  CHECK(small.parse_errors[3].message == "file is 223 bytes, over the 100-byte limit");
}

TEST_CASE("scan: hostile inputs are refused, not crashed on") {
  const std::string head = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Role\n"
                           "    Properties:\n      AssumeRolePolicyDocument: ";
  SUBCASE("100k-deep flow sequences") {
    Graph g = LoadOne("deep.yaml", head + std::string(100000, '[') + "\n");
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(FormatLocation(g.parse_errors[0].loc) == "deep.yaml:6:1");
    CHECK(g.parse_errors[0].message == "cannot parse cloudformation template: nesting deeper than 256 levels");
  }
  SUBCASE("100k-deep JSON objects") {
    std::string text = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": ";
    for (int i = 0; i < 100000; ++i) text += "{\"a\":";
    Graph g = LoadOne("deep.json", text);
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message == "cannot parse cloudformation template: nesting deeper than 256 levels");
  }
  SUBCASE("deep block indentation") {
    std::string text = "AWSTemplateFormatVersion: x\nResources:\n";
    for (int i = 0; i < 300; ++i) text += std::string(i + 1, ' ') + "a:\n";
    Graph g = LoadOne("indent.yaml", text);
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message == "cannot parse cloudformation template: nesting deeper than 256 levels");
  }
  SUBCASE("billion laughs") {
    std::string text = "AWSTemplateFormatVersion: '2010-09-09'\nX:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 10; ++i) {
      std::string prev = "*l" + std::to_string(i - 1);
      text += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev + ", " + prev + ", " + prev +
              ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + "]\n";
    }
    text += head.substr(text.find("Resources") == std::string::npos ? head.find("Resources") : 0) + "*l9\n";
    Graph g = LoadOne("lol.yaml", text);
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message.find("scan budget \"bytes\" exhausted") == 0);
    CHECK(g.roles.empty());
  }
  SUBCASE("a self-referencing alias") {
    // It contains itself: its expansion is larger than any budget.
    Graph g = LoadOne("self.yaml", head + "&a [*a]\n");
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(FormatLocation(g.parse_errors[0].loc) == "self.yaml:6:37");
    CHECK(g.parse_errors[0].message.find("scan budget \"bytes\" exhausted") == 0);
  }
}

TEST_CASE("scan: skips .git, node_modules and symlinks that leave the root; survives loops") {
  TempDir outside;
  outside.Write("secret.yaml", kPoolTemplate);
  TempDir dir;
  dir.Write("root/.git/x.yaml", kPoolTemplate);
  dir.Write("root/node_modules/x.yaml", kPoolTemplate);
  dir.Write("root/.terraform/x.yaml", kPoolTemplate);
  dir.Write("root/in/pool.yaml", kPoolTemplate);
  fs::create_symlink(outside.path() / "secret.yaml", dir.path() / "root/leak.yaml");
  fs::create_directory_symlink(outside.path(), dir.path() / "root/leakdir");
  fs::create_directory_symlink(dir.path() / "root", dir.path() / "root/in/loop");
  fs::create_symlink(dir.path() / "root/in/pool.yaml", dir.path() / "root/alias.yaml");
  ScanOptions options;
  options.paths = {"root"};
  Graph g = ScanIn(dir.path(), options);
  // One file under two names is read once (SPEC 7), under the first name the walk meets.
  REQUIRE(g.inputs.size() == 1);
  CHECK(g.inputs[0].path == "root/alias.yaml");
  options.skip_paths = {"alias.yaml"};
  REQUIRE(ScanIn(dir.path(), options).inputs.size() == 1);
  CHECK(ScanIn(dir.path(), options).inputs[0].path == "root/in/pool.yaml");
  options.skip_paths = {"in/*", "alias.yaml"};
  CHECK(ScanIn(dir.path(), options).inputs.empty());
}

TEST_CASE("scan: a 50 MB template is refused cleanly by the size cap") {
  TempDir dir;
  {
    std::ofstream out(dir.path() / "big.yaml");
    out << "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
    std::string body =
        "    Type: AWS::Lambda::Function\n    Properties:\n      Code: {ZipFile: 'print(1)'}\n"
        "      Environment: {Variables: {A: a, B: b, C: c, D: d, E: e, F: f, G: g}}\n"
        "      Tags: [{Key: k1, Value: v1}, {Key: k2, Value: v2}, {Key: k3, Value: v3}]\n";
    std::size_t size = 0;
    for (int i = 0; size < (50u << 20); ++i) {
      std::string item = "  Fn" + std::to_string(i) + ":\n" + body;
      out << item;
      size += item.size();
      if (i % 100 == 0) {
        std::string role = "  Role" + std::to_string(i) + ":\n    Type: AWS::IAM::Role\n    Properties:\n"
                           "      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Action: '*'}]}\n";
        out << role;
        size += role.size();
      }
    }
  }
  // Refused by the size cap before it is read (parse speed is measured by `make bench`).
  Graph g = ScanIn(dir.path());
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].loc.line == 1);
  CHECK(g.parse_errors[0].message.find("-byte limit") != std::string::npos);
  CHECK(g.roles.empty());
}

// The shared corpus is scanned through the CLI by tests/crash_corpus_test.cpp.
