// The Terraform front end forgets parsed modules between units once they pass its
// cache (so that a monorepo holds about one unit's syntax trees at a time): a module
// parsed again gives the same graph, and its diagnostics are reported once.
#include <doctest/doctest.h>

#include <filesystem>

#include "terraform_test_util.h"

using namespace trustlint;
namespace fs = std::filesystem;

namespace {

std::string Load(const std::string& root, const std::vector<std::string>& dirs, std::size_t cache_bytes) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  TerraformInputs inputs;
  inputs.scan_root = fs::canonical(root).string();
  inputs.module_dirs = dirs;
  inputs.parsed_module_cache_bytes = cache_bytes;
  GraphBuilder builder;
  LoadTerraform(inputs, builder);
  return testing::DumpTerraformGraph(builder.Link());
}

}  // namespace

TEST_CASE("terraform: a module forgotten between units and parsed again gives the same graph") {
  const std::string data = "tests/data/terraform/modules/";
  const std::vector<std::string> dirs = {data + "envs/dev", data + "envs/prod", data + "modules/auth"};
  const std::string cached = Load(data, dirs, std::size_t{1} << 30);
  CHECK(cached.find("role ") != std::string::npos);
  CHECK(Load(data, dirs, 0) == cached);
}

TEST_CASE("terraform: a broken module called by two roots is TL001 once, whether or not it was forgotten") {
  const testing::TempFolder folder({
      {"a/main.tf", "module \"shared\" {\n  source = \"../shared\"\n}\n"},
      {"b/main.tf", "module \"shared\" {\n  source = \"../shared\"\n}\n"},
      {"shared/main.tf", "resource \"aws_iam_role\" \"r\" {\n  name = \"x\"\n  assume_role_policy = \n}\n"},
  });
  const std::string root = fs::path(folder.Path("a")).parent_path().string();
  const std::vector<std::string> dirs = {folder.Path("a"), folder.Path("b"), folder.Path("shared")};
  const std::string cached = Load(root, dirs, std::size_t{1} << 30);
  const std::string forgotten = Load(root, dirs, 0);
  CHECK(forgotten == cached);
  const auto first = cached.find("\nerror ");  // one line per TL001
  REQUIRE(first != std::string::npos);
  CHECK(cached.find("\nerror ", first + 1) == std::string::npos);
}
