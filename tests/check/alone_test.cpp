// A template nothing else links to is checked on its own, on the worker that read
// it (AloneChecker), and leaves the scan as findings and an outline: every report
// must be the whole graph's, byte for byte.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../file_text.h"
#include "../scratch.h"
#include "check/checker.h"
#include "check/summary.h"
#include "frontend/scan.h"
#include "report/writer.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using trustlint::testing::Scratch;
using trustlint::testing::Write;

namespace {

struct Reports {
  std::string text;   // every report format of the run, one after another
  std::string undrawn;  // those of the formats that draw no graph
  size_t alone = 0;   // files checked on their own
};

// One check of `paths`, its files checked on their own where they stand alone
// (`alone`), or all in the whole graph; `drawing`: their outlines keep what a
// drawing shows, else only the writers that draw no graph report (`undrawn`).
Reports Check(const std::vector<std::string>& paths, bool alone, unsigned jobs = 1, bool drawing = true) {
  trustlint::ScanOptions scan;
  scan.paths = paths;
  scan.jobs = jobs;
  trustlint::CheckOptions options;
  options.jobs = jobs;
  trustlint::AloneChecker checker(trustlint::RuleSet(), options, drawing);
  if (alone) scan.analyze_alone = [&checker](trustlint::GraphBuilder& part) { return checker.Analyze(part); };
  std::vector<std::unique_ptr<trustlint::FileAnalysis>> analyses;
  const trustlint::Graph graph = trustlint::ScanPaths(scan, &analyses);
  Reports out;
  out.alone = analyses.size();
  const trustlint::CheckResult result = trustlint::RunChecks(graph, trustlint::RuleSet(), options, std::move(analyses));
  const trustlint::RunReport run{graph, result, trustlint::Summarize(graph, result)};
  for (const auto& writer : trustlint::AllWriters()) {
    if (writer->NeedsWholeGraph()) continue;
    const std::string report = writer->Render(run) + "\n----\n";
    if (drawing) out.text += report;
    if (!writer->DrawsGraph()) out.undrawn += report;
  }
  return out;
}

const std::string kTrust =
    "      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
    "            Principal: {Federated: cognito-identity.amazonaws.com}\n"
    "            Action: sts:AssumeRoleWithWebIdentity\n            Condition:\n"
    "              StringEquals: {\"cognito-identity.amazonaws.com:aud\": !Ref Pool}\n";

// A pool with guests and its two roles, the signed-in one open to guests (TL104)
// and suppressed in some stacks, the guest one broad (TL202): every stack uses
// the same logical IDs, so every address is qualified by its file.
std::string PoolStack(int i) {
  std::string t = "Resources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n"
                  "      AllowUnauthenticatedIdentities: true\n";
  t += "  AuthRole:\n    Type: AWS::IAM::Role\n";
  if (i % 3 == 1) t += "    Metadata: {trustlint: {ignore: [{rule: TL104, reason: reviewed}]}}\n";
  if (i % 3 == 2) t += "    Metadata: {trustlint: {ignore: [{rule: TL104}]}}\n";  // no reason: TL002
  t += "    Properties:\n" + kTrust;
  t += "  GuestRole:\n    Type: AWS::IAM::Role\n    Properties:\n" + kTrust +
       "              ForAnyValue:StringLike: {\"cognito-identity.amazonaws.com:amr\": unauthenticated}\n"
       "      Policies:\n        - PolicyName: broad\n          PolicyDocument:\n"
       "            Statement: [{Effect: Allow, Action: \"s3:*\", Resource: \"*\"}]\n";
  t += "  Attach:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n    Properties:\n"
       "      IdentityPoolId: !Ref Pool\n"
       "      Roles: {authenticated: !GetAtt AuthRole.Arn, unauthenticated: !GetAtt GuestRole.Arn}\n";
  return t;
}

}  // namespace

TEST_CASE("alone: templates checked on their own give the whole graph's reports, addresses qualified by the scan") {
  Scratch s("trustlint_alone_");
  const fs::path repo = s.dir() / "repo";
  for (int i = 0; i < 6; ++i) Write(repo / ("stack" + std::to_string(i) + ".yaml"), PoolStack(i));
  Write(repo / "broken.yaml", "Resources:\n  Pool: [unclosed\n");
  // An export keeps this one in the graph: its Pool shares the others' address.
  Write(repo / "exported.yaml", PoolStack(0) + "Outputs:\n  Id:\n    Value: !Ref Pool\n    Export: {Name: pool}\n");
  const Reports whole = Check({repo.string()}, false);
  const Reports alone = Check({repo.string()}, true);
  CHECK(whole.alone == 0);
  CHECK(alone.alone == 7);  // the six stacks and the broken file
  CHECK(alone.text == whole.text);
  CHECK(whole.text.find("stack3.yaml#GuestRole") != std::string::npos);
  CHECK(whole.text.find("\"TL104\"") != std::string::npos);
  CHECK(whole.text.find("\"TL002\"") != std::string::npos);
  CHECK(whole.text.find("\"TL001\"") != std::string::npos);
  CHECK(Check({repo.string()}, true, 4).text == whole.text);
  // One stack alone: nothing shares its addresses, which stay unqualified.
  const std::string one = (repo / "stack1.yaml").string();
  CHECK(Check({one}, true).alone == 1);
  CHECK(Check({one}, true).text == Check({one}, false).text);
  CHECK(Check({one}, true).text.find("\"resource\": \"GuestRole\"") != std::string::npos);
}

TEST_CASE("alone: a template whose reference another file answers is linked with the whole graph after all") {
  Scratch s("trustlint_alone_linked_");
  const fs::path repo = s.dir() / "repo";
  // The guest role has a literal name, so a.yaml stays in the graph...
  Write(repo / "a.yaml",
        "Resources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n"
        "      AllowUnauthenticatedIdentities: true\n"
        "  GuestRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: app-guest\n" +
            kTrust +
            "              ForAnyValue:StringLike: {\"cognito-identity.amazonaws.com:amr\": unauthenticated}\n"
            "  Attach:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n    Properties:\n"
            "      IdentityPoolId: !Ref Pool\n      Roles: {unauthenticated: !GetAtt GuestRole.Arn}\n");
  // ...and b.yaml, which stands alone, names that role: read again into the graph.
  Write(repo / "b.yaml",
        "Resources:\n  Broad:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: broad\n"
        "      Roles: [app-guest]\n"
        "      PolicyDocument: {Statement: [{Effect: Allow, Action: \"s3:*\", Resource: \"*\"}]}\n");
  // c.yaml names a role nothing declares, and an AWS managed policy: it stays alone.
  Write(repo / "c.yaml",
        "Resources:\n  Other:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: other\n"
        "      Roles: [nobody]\n"
        "      PolicyDocument: {Statement: [{Effect: Allow, Action: \"s3:GetObject\", Resource: \"*\"}]}\n"
        "  Worker:\n    Type: AWS::IAM::Role\n    Properties:\n"
        "      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, "
        "Action: sts:AssumeRole}]}\n"
        "      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]\n");
  const Reports whole = Check({repo.string()}, false);
  const Reports alone = Check({repo.string()}, true);
  CHECK(alone.alone == 1);  // c.yaml
  CHECK(alone.text == whole.text);
  const size_t tl202 = whole.text.find("\"TL202\"");
  REQUIRE(tl202 != std::string::npos);
  CHECK(whole.text.find("Broad", tl202) != std::string::npos);  // b.yaml's policy, on a.yaml's role
}

TEST_CASE("alone: every fixture, golden case, example and the shared corpus give the whole graph's reports") {
  const fs::path source = TRUSTLINT_SOURCE_DIR;
  std::vector<fs::path> folders;
  for (const fs::path& rule : trustlint::testing::SortedEntries(source / "fixtures" / "rules")) {
    for (const fs::path& front_end : trustlint::testing::SortedEntries(rule)) folders.push_back(front_end);
  }
  for (const char* dir : {"tests/golden", "tests/data/golden", "examples"}) {
    for (const fs::path& child : trustlint::testing::SortedEntries(source / dir)) folders.push_back(child);
  }
  if (fs::is_directory(source / ".." / "shared" / "corpus")) folders.push_back(source / ".." / "shared" / "corpus");
  size_t taken = 0;
  for (const fs::path& folder : folders) {
    CAPTURE(folder);
    const Reports alone = Check({folder.string()}, true);
    const Reports whole = Check({folder.string()}, false);
    CHECK(alone.text == whole.text);
    // Outlines without drawings: every report that draws no graph is the same.
    CHECK(Check({folder.string()}, true, 1, false).undrawn == whole.undrawn);
    taken += alone.alone;
  }
  CHECK(taken > 100);
}

TEST_CASE("alone: an attachment without a pool is drawn from itself, in the whole graph's place") {
  Scratch s("trustlint_alone_nopool_");
  const fs::path repo = s.dir() / "repo";
  const std::string stack =
      "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
      "      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
      "            Principal: {Federated: cognito-identity.amazonaws.com}\n"
      "            Action: sts:AssumeRoleWithWebIdentity\n"
      "      Policies:\n        - PolicyName: p\n"
      "          PolicyDocument: {Statement: [{Effect: Allow, Action: \"s3:*\", Resource: \"*\"}]}\n"
      "  Attach:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n    Properties:\n"
      "      Roles: {unauthenticated: !GetAtt Role.Arn}\n";
  Write(repo / "a.yaml", stack);
  Write(repo / "b.yaml", stack);
  Write(repo / "c.yaml", PoolStack(0) + "Outputs:\n  Id:\n    Value: !Ref Pool\n    Export: {Name: pool}\n");
  const Reports alone = Check({repo.string()}, true);
  CHECK(alone.alone == 2);
  CHECK(alone.text == Check({repo.string()}, false).text);
  const size_t drawn = alone.text.find("  attachment1{");  // b.yaml's, after a.yaml's
  REQUIRE(drawn != std::string::npos);
  CHECK(alone.text.substr(drawn, alone.text.find('\n', drawn) - drawn).find("b.yaml#35;Attach (pool unresolved)") !=
        std::string::npos);
}
