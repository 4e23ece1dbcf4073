// A sparse reading parses into a .tf file's tree only the top-level blocks the
// evaluator can reach (reach.h) and checks the others for syntax errors: the graph,
// the errors and every report must be those of parsing every block.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../file_text.h"
#include "../scratch.h"
#include "check/checker.h"
#include "check/summary.h"
#include "frontend/scan.h"
#include "frontend/terraform/hcl.h"
#include "frontend/terraform/reach.h"
#include "report/writer.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using trustlint::terraform::TopBlock;
using trustlint::testing::Scratch;
using trustlint::testing::Write;

namespace {

// Every report of one check of `folder`, read sparsely or block by block.
std::string Reports(const fs::path& folder, bool every_block) {
  trustlint::ScanOptions scan;
  scan.paths = {folder.string()};
  scan.terraform_every_block = every_block;
  const trustlint::Graph graph = trustlint::ScanPaths(scan);
  const trustlint::CheckResult result = trustlint::RunChecks(graph, trustlint::RuleSet(), trustlint::CheckOptions{});
  const trustlint::RunReport run{graph, result, trustlint::Summarize(graph, result)};
  std::string out;
  for (const auto& writer : trustlint::AllWriters()) out += writer->Render(run) + "\n----\n";
  return out;
}

// The blocks of one module's texts as a sparse reading marks them: "kept" or
// "dropped" per block, in order.
std::vector<std::string> Marks(const std::vector<std::string>& texts) {
  std::vector<std::vector<TopBlock>> blocks;
  for (const auto& text : texts) {
    auto laid_out = trustlint::terraform::TopBlocksOf(text);
    REQUIRE(laid_out);
    blocks.push_back(std::move(*laid_out));
  }
  std::vector<std::pair<std::string_view, std::vector<TopBlock>*>> files;
  for (size_t i = 0; i < texts.size(); ++i) files.emplace_back(texts[i], &blocks[i]);
  trustlint::terraform::MarkReachable(files);
  std::vector<std::string> out;
  for (const auto& file : blocks) {
    for (const TopBlock& b : file) out.push_back(b.kept ? "kept" : "dropped");
  }
  return out;
}

// An identity pool with guests and its guest role, attached.
const std::string kGuestPool =
    "resource \"aws_cognito_identity_pool\" \"pool\" {\n  identity_pool_name = \"p\"\n"
    "  allow_unauthenticated_identities = true\n}\n"
    "resource \"aws_iam_role\" \"guest\" {\n  name = \"guest\"\n"
    "  assume_role_policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = "
    "\"sts:AssumeRoleWithWebIdentity\",\n"
    "    Principal = { Federated = \"cognito-identity.amazonaws.com\" },\n"
    "    Condition = { \"ForAnyValue:StringLike\" = { \"cognito-identity.amazonaws.com:amr\" = "
    "\"unauthenticated\" } } }] })\n}\n"
    "resource \"aws_cognito_identity_pool_roles_attachment\" \"a\" {\n"
    "  identity_pool_id = aws_cognito_identity_pool.pool.id\n"
    "  roles = { unauthenticated = aws_iam_role.guest.arn }\n}\n";

const std::string kPolicy =
    "resource \"aws_iam_role_policy\" \"p\" {\n"
    "  role   = aws_iam_role.guest.id\n"
    "  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = \"s3:GetObject\",\n"
    "    Resource = \"arn:aws:s3:::${aws_s3_bucket.uploads.bucket}/*\" }] })\n"
    "}\n";

}  // namespace

TEST_CASE("sparse reading: the lexer lays out top-level blocks with their comments and headers") {
  const std::string text =
      "# leading comment\n"
      "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x-}\"\n  policy = <<EOF\n}\nEOF\n}\n"
      "/* between */ locals {\n  a = { b = [1] }\n}\n"
      "resource aws_lambda_function f {}\n"
      "# trailing comment\n";
  const auto blocks = trustlint::terraform::TopBlocksOf(text);
  REQUIRE(blocks);
  REQUIRE(blocks->size() == 3);
  CHECK((*blocks)[0].start == 0);
  CHECK((*blocks)[0].header == std::vector<std::string>{"resource", "aws_s3_bucket", "b"});
  CHECK((*blocks)[1].start == (*blocks)[0].end);
  CHECK(text.substr((*blocks)[1].start, 2) == "\n/");
  CHECK((*blocks)[1].header == std::vector<std::string>{"locals"});
  CHECK((*blocks)[2].header == std::vector<std::string>{"resource", "aws_lambda_function", "f"});
  CHECK((*blocks)[2].end == text.size());  // the trailing comment comes with the last block
  // A header the lexer cannot read is kept whatever it is.
  CHECK(trustlint::terraform::TopBlocksOf("resource \"a\\\"b\" \"c\" {}\n")->front().header.empty());
  CHECK(trustlint::terraform::TopBlocksOf("x = {\n}\n")->front().header.empty());
  // Not a plain sequence of blocks: the file is parsed whole.
  CHECK_FALSE(trustlint::terraform::TopBlocksOf("x = [1]\n"));
  CHECK_FALSE(trustlint::terraform::TopBlocksOf("resource \"a\" \"b\" {\n"));
  CHECK_FALSE(trustlint::terraform::TopBlocksOf("resource \"a\" \"b\" {}\nstray\n"));
  CHECK_FALSE(trustlint::terraform::TopBlocksOf("# only a comment\n"));
  CHECK_FALSE(trustlint::terraform::TopBlocksOf(std::string(600, '{') + std::string(600, '}')));
}

TEST_CASE("sparse reading: a resource the graph does not map is kept when a kept block names it, transitively") {
  const std::string main =
      kPolicy +
      "resource \"aws_s3_bucket\" \"uploads\" {\n  bucket = \"${local.name}-${aws_kms_key . k.key_id}\"\n}\n"
      "resource \"aws_kms_key\" \"k\" {}\n"
      "resource \"aws_lambda_function\" \"f\" {\n  role = aws_iam_role.guest.arn\n}\n"
      "resource \"aws_sqs_queue\" \"q\" {}\n"
      "resource \"aws_sqs_queue\" \"dash-ed\" {}\n"
      "resource \"aws_sqs_queue\" \"in_heredoc\" {}\n"
      "resource \"aws_sqs_queue\" \"by_output\" {}\n";
  const std::string other =
      "locals {\n  name = \"n\"\n  doc = <<EOF\n${aws_sqs_queue.in_heredoc.arn}\nEOF\n"
      "  n = aws_sqs_queue.dash-ed.arn\n}\n"
      "output \"o\" {\n  value = aws_sqs_queue.by_output.url\n}\n"
      "data \"aws_iam_policy_document\" \"d\" {}\n";
  CHECK(Marks({main, other}) == std::vector<std::string>{"kept", "kept", "kept", "dropped", "dropped", "kept", "kept",
                                                         "kept", "kept", "kept", "kept"});
}

TEST_CASE("sparse reading: kept blocks keep their places, comments and values; dropped ones are only checked") {
  const std::string text =
      "resource \"aws_lambda_function\" \"f\" {\n  role = 1\n}\n"
      "# trustlint:ignore TL202 -- reviewed\n" +
      kPolicy + "resource \"aws_sqs_queue\" \"q\" {\n  # not read\n}\n";
  std::vector<TopBlock> blocks = *trustlint::terraform::TopBlocksOf(text);
  trustlint::terraform::MarkReachable({{text, &blocks}});
  REQUIRE(blocks.size() == 3);
  CHECK_FALSE(blocks[0].kept);
  CHECK(blocks[1].kept);
  const auto sparse = trustlint::terraform::ParseTerraformFile("main.tf", text, std::chrono::seconds(10), &blocks);
  const auto whole = trustlint::terraform::ParseTerraformFile("main.tf", text);
  CHECK_FALSE(sparse->error);
  const auto items = trustlint::terraform::ReadFileBody(*sparse);
  REQUIRE(items.blocks.size() == 1);
  CHECK(items.blocks[0].labels == std::vector<std::string>{"aws_iam_role_policy", "p"});
  CHECK(items.blocks[0].loc.line == 5);
  CHECK(items.blocks[0].loc == trustlint::terraform::ReadFileBody(*whole).blocks[1].loc);
  REQUIRE(sparse->comments.size() == 1);
  CHECK(sparse->comments[0].line == 4);
  CHECK(items.blocks[0].node.Text().starts_with("resource \"aws_iam_role_policy\""));

  // A syntax error in a dropped block is the whole parse's error, in its words.
  const std::string broken = kPolicy + "resource \"aws_sqs_queue\" \"q\" {\n  name = \n}\n";
  std::vector<TopBlock> broken_blocks = *trustlint::terraform::TopBlocksOf(broken);
  trustlint::terraform::MarkReachable({{broken, &broken_blocks}});
  CHECK_FALSE(broken_blocks[1].kept);
  const auto sparse_error =
      trustlint::terraform::ParseTerraformFile("b.tf", broken, std::chrono::seconds(10), &broken_blocks);
  const auto whole_error = trustlint::terraform::ParseTerraformFile("b.tf", broken);
  REQUIRE(sparse_error->error);
  REQUIRE(whole_error->error);
  CHECK(sparse_error->error->first == whole_error->error->first);
  CHECK(sparse_error->error->second == whole_error->error->second);
}

TEST_CASE("sparse reading: a policy naming a bucket's literal name sees it, as when every block is parsed") {
  Scratch s("trustlint_sparse_");
  const fs::path repo = s.dir() / "repo";
  Write(repo / "main.tf", kGuestPool + kPolicy +
                              "resource \"aws_s3_bucket\" \"uploads\" {\n  bucket = \"uploads-bucket\"\n}\n" +
                              "resource \"aws_lambda_function\" \"f\" {\n  role = aws_iam_role.guest.arn\n}\n");
  const std::string sparse = Reports(repo, false);
  CHECK(sparse == Reports(repo, true));
  CHECK(sparse.find("arn:aws:s3:::uploads-bucket/*") != std::string::npos);
}

TEST_CASE("sparse reading: what a file read whole names is reached too (JSON syntax)") {
  Scratch s("trustlint_sparse_json_");
  const fs::path repo = s.dir() / "repo";
  Write(repo / "pool.tf", kGuestPool);
  Write(repo / "buckets.tf", "resource \"aws_s3_bucket\" \"uploads\" {\n  bucket = \"json-named-bucket\"\n}\n");
  Write(repo / "policy.tf.json",
        "{\"resource\": {\"aws_iam_role_policy\": {\"p\": {\"role\": \"${aws_iam_role.guest.id}\", \"policy\": "
        "\"${jsonencode({Statement = [{Effect = \\\"Allow\\\", Action = \\\"s3:GetObject\\\", "
        "Resource = \\\"arn:aws:s3:::${aws_s3_bucket.uploads.bucket}/*\\\"}]})}\"}}}}\n");
  const std::string sparse = Reports(repo, false);
  CHECK(sparse == Reports(repo, true));
  CHECK(sparse.find("arn:aws:s3:::json-named-bucket/*") != std::string::npos);
}

TEST_CASE("sparse reading: every fixture, test folder, example and the shared corpus give every block's reports") {
  const fs::path source = TRUSTLINT_SOURCE_DIR;
  std::vector<fs::path> folders;
  for (const fs::path& rule : trustlint::testing::SortedEntries(source / "fixtures" / "rules")) {
    for (const fs::path& front_end : trustlint::testing::SortedEntries(rule)) folders.push_back(front_end);
  }
  for (const char* dir : {"tests/golden", "tests/data/golden", "tests/data/terraform", "examples"}) {
    for (const fs::path& child : trustlint::testing::SortedEntries(source / dir)) folders.push_back(child);
  }
  if (fs::is_directory(source / ".." / "shared" / "corpus")) folders.push_back(source / ".." / "shared" / "corpus");
  size_t thinned = 0;  // .tf files a sparse reading does not parse whole
  for (const fs::path& folder : folders) {
    if (!fs::is_directory(folder)) continue;
    std::map<fs::path, std::vector<std::string>> modules;  // folder -> its .tf texts
    for (const auto& e : fs::recursive_directory_iterator(folder)) {
      if (e.path().extension() == ".tf") modules[e.path().parent_path()].push_back(trustlint::testing::Slurp(e.path()));
    }
    if (modules.empty()) continue;
    for (const auto& [dir, texts] : modules) {
      std::vector<std::vector<TopBlock>> blocks;
      std::vector<std::pair<std::string_view, std::vector<TopBlock>*>> files;
      blocks.reserve(texts.size());
      for (const std::string& text : texts) {
        if (auto laid_out = trustlint::terraform::TopBlocksOf(text)) {
          blocks.push_back(std::move(*laid_out));
          files.emplace_back(text, &blocks.back());
        }
      }
      trustlint::terraform::MarkReachable(files);
      for (const auto& file : blocks) {
        thinned += std::any_of(file.begin(), file.end(), [](const TopBlock& b) { return !b.kept; });
      }
    }
    CAPTURE(folder);
    CHECK(Reports(folder, false) == Reports(folder, true));
  }
  MESSAGE(thinned << " .tf files read sparsely");
  CHECK(thinned > 20);
}
