// --jobs: files read on several threads and merged in walk order give the graph,
// and the reports, of one thread, byte for byte.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "../cli_run.h"
#include "../frontend/cfn_test_util.h"
#include "../scratch.h"
#include "base/parallel.h"
#include "frontend/scan.h"

namespace fs = std::filesystem;
using trustlint::RunInOrder;
using trustlint::testing::Scratch;
using trustlint::testing::Slurp;
using trustlint::testing::Write;

namespace {

// A stack of the benchmark's shape (a pool with guests, its two roles, an export)
// or one of several faults, so that the folder has findings of many rules, links
// across files (Fn::ImportValue of the previous stack's export), logical IDs shared
// by every file, suppressions, and a parse error.
std::string Stack(int i) {
  const std::string n = std::to_string(i);
  const std::string trust_amr = i % 4 == 1 ? "\"*authenticated\"" : "authenticated";
  const std::string pool = i % 4 == 2 ? "!ImportValue pool-" + std::to_string(i - 1) : "!Ref Pool";
  if (i % 10 == 7) return "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Broken: [unclosed\n";
  std::string t = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n";
  t += "  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      AllowUnauthenticatedIdentities: " +
       std::string(i % 3 == 0 ? "true" : "false") + "\n      AllowClassicFlow: " + (i % 5 == 0 ? "true" : "false") +
       "\n";
  t += "  AuthRole:\n    Type: AWS::IAM::Role\n";
  if (i % 6 == 3) t += "    Metadata:\n      trustlint:\n        ignore: [{rule: TL104, reason: reviewed " + n + "}]\n";
  t += "    Properties:\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n"
       "          - Effect: Allow\n            Principal: {Federated: cognito-identity.amazonaws.com}\n"
       "            Action: sts:AssumeRoleWithWebIdentity\n            Condition:\n";
  if (i % 8 != 5) t += "              StringEquals: {\"cognito-identity.amazonaws.com:aud\": " + pool + "}\n";
  t += "              ForAnyValue:StringLike: {\"cognito-identity.amazonaws.com:amr\": " + trust_amr + "}\n";
  t += "      Policies:\n        - PolicyName: data\n          PolicyDocument:\n            Version: \"2012-10-17\"\n"
       "            Statement:\n              - {Effect: Allow, Action: " +
       std::string(i % 9 == 4 ? "\"*\"" : "[s3:GetObject]") + ", Resource: \"arn:aws:s3:::b" + n + "/*\"}\n";
  t += "  GuestRole:  # trustlint:ignore TL202\n    Type: AWS::IAM::Role\n    Properties:\n"
       "      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
       "            Principal: {Federated: cognito-identity.amazonaws.com}\n"
       "            Action: sts:AssumeRoleWithWebIdentity\n            Condition:\n"
       "              StringEquals: {\"cognito-identity.amazonaws.com:aud\": " + pool + "}\n"
       "              ForAnyValue:StringLike: {\"cognito-identity.amazonaws.com:amr\": unauthenticated}\n"
       "      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]\n";
  t += "  Attach:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n    Properties:\n      IdentityPoolId: " +
       pool + "\n      Roles: {authenticated: !GetAtt AuthRole.Arn, unauthenticated: !GetAtt GuestRole.Arn}\n";
  t += "Outputs:\n  PoolId:\n    Value: !Ref Pool\n    Export: {Name: pool-" + n + "}\n";
  return t;
}

void WriteStacks(const fs::path& dir, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string name = "stack" + std::string(i < 10 ? "00" : i < 100 ? "0" : "") + std::to_string(i);
    Write(dir / ("team" + std::to_string(i % 7)) / (name + (i % 11 == 3 ? ".json" : ".yaml")),
          i % 11 == 3 ? "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {}}}}" : Stack(i));
  }
  Write(dir / "tf" / "main.tf",
        "resource \"aws_iam_role\" \"open\" {\n  assume_role_policy = jsonencode({Statement = [{Effect = \"Allow\", "
        "Principal = {Federated = \"cognito-identity.amazonaws.com\"}, Action = "
        "\"sts:AssumeRoleWithWebIdentity\"}]})\n}\n");
}

// JSON and SARIF of one `check` run with `--jobs jobs`, in one string.
std::string Reports(const Scratch& s, const std::string& path, int jobs) {
  const std::string j = std::to_string(jobs);
  const auto run = s.RunIn(trustlint::testing::Binary(), "NO_COLOR=1",
                           "check '" + path + "' --jobs " + j + " --fail-on never --format json -o out" + j +
                               ".json --format sarif -o out" + j + ".sarif");
  CHECK_MESSAGE(run.code == 0, run.err);
  return Slurp(s.dir() / ("out" + j + ".json")) + "\n----\n" + Slurp(s.dir() / ("out" + j + ".sarif"));
}

}  // namespace

TEST_CASE("parallel: RunInOrder does each item once and hands them on in order, whatever the jobs") {
  for (unsigned jobs : {0u, 1u, 2u, 8u, 64u}) {
    CAPTURE(jobs);
    const std::size_t count = 300;
    std::vector<std::atomic<int>> worked(count);
    std::vector<std::size_t> order;
    RunInOrder(
        count, jobs, [&](std::size_t i) { worked[i].fetch_add(1); },
        [&](std::size_t i) {
          CHECK(worked[i].load() == 1);  // done(i) only after work(i)
          order.push_back(i);
        });
    REQUIRE(order.size() == count);
    for (std::size_t i = 0; i < count; ++i) {
      CHECK(order[i] == i);
      CHECK(worked[i].load() == 1);
    }
  }
  std::size_t none = 0;
  RunInOrder(0, 4, [&](std::size_t) { ++none; }, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("parallel: an exception of one item reaches the caller after the items before it") {
  for (unsigned jobs : {1u, 2u, 8u}) {
    CAPTURE(jobs);
    std::vector<std::size_t> done;
    CHECK_THROWS_AS(RunInOrder(
                        100, jobs,
                        [](std::size_t i) {
                          if (i == 40) throw std::runtime_error("item 40");
                        },
                        [&](std::size_t i) { done.push_back(i); }),
                    std::runtime_error);
    REQUIRE(done.size() == 40);
    CHECK(done.back() == 39);
  }
}

TEST_CASE("scan: --jobs reads files on several threads into the graph of one job") {
  Scratch s("trustlint_jobs_graph_");
  WriteStacks(s.dir() / "repo", 60);
  trustlint::ScanOptions options;
  options.paths = {(s.dir() / "repo").string(), (s.dir() / "repo" / "team1").string()};  // team1 twice: read once
  std::size_t reached = 0;
  options.progress = [&](std::size_t done, std::size_t) { reached = done; };
  options.jobs = 1;
  const std::string serial = trustlint::testing::DumpGraph(trustlint::ScanPaths(options));
  const std::size_t serial_reached = reached;
  CHECK(serial.find("TL001") != std::string::npos);
  CHECK(serial.find("⟨import pool-1⟩") == std::string::npos);  // stack002 imports stack001's export
  for (unsigned jobs : {2u, 8u}) {
    CAPTURE(jobs);
    options.jobs = jobs;
    reached = 0;
    CHECK(trustlint::testing::DumpGraph(trustlint::ScanPaths(options)) == serial);
    CHECK(reached == serial_reached);  // the progress line counts every file once
  }
}

// Sixty stacks cover every variant of Stack() (its faults repeat every 2 to 11
// stacks) with more files than workers; all of fixtures/ adds Terraform modules and
// plans. (Under the sanitizers each scan of it takes seconds: it runs at 1 and 8.)
TEST_CASE("cli: --jobs 1, 2 and 8 write byte-identical JSON and SARIF") {
  Scratch s("trustlint_jobs_cli_");
  WriteStacks(s.dir() / "repo", 60);
  const std::string repo_serial = Reports(s, "repo", 1);
  CHECK(repo_serial.find("\"TL104\"") != std::string::npos);
  CHECK(Reports(s, "repo", 2) == repo_serial);
  CHECK(Reports(s, "repo", 8) == repo_serial);
  const std::string fixtures = std::string(TRUSTLINT_SOURCE_DIR) + "/fixtures";
  const std::string fixtures_serial = Reports(s, fixtures, 1);
  CHECK(fixtures_serial.find("\"TL104\"") != std::string::npos);
  CHECK(Reports(s, fixtures, 8) == fixtures_serial);
  const auto bad = s.RunIn(trustlint::testing::Binary(), "NO_COLOR=1", "check repo --jobs 0");
  CHECK(bad.code == 2);
}
