// The Terraform front end forgets parsed modules between units once they pass its
// cache (so that a monorepo holds about one unit's syntax trees at a time): a module
// parsed again gives the same graph, and its diagnostics are reported once.
#include <doctest/doctest.h>

#include <filesystem>

#include "frontend/terraform/hcl.h"
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

TEST_CASE("terraform: ModuleBlocksOf keeps the top-level module blocks, not what strings or heredocs spell") {
  const std::string text =
      "resource \"aws_iam_role\" \"r\" {\n"
      "  name = \"x-${var.a}-}\"\n"
      "  policy = <<EOF\n"
      "module \"fake\" {\n"
      "  source = \"./fake\"\n"
      "}\n"
      "EOF\n"
      "}\n"
      "# a comment that says module\n"
      "module \"a\" {\n"
      "  source = \"./a\"\n"
      "  tags = { k = \"${var.x}\" }\n"
      "}\n"
      "data \"aws_caller_identity\" \"me\" {}\n"
      "module \"b\" { source = \"../b\" }\n";
  CHECK(terraform::ModuleBlocksOf(text) ==
        "\n# a comment that says module\nmodule \"a\" {\n  source = \"./a\"\n  tags = { k = \"${var.x}\" }\n}\n"
        "\nmodule \"b\" { source = \"../b\" }\n");
  CHECK(terraform::ModuleBlocksOf("resource \"x\" \"y\" {\n  a = 1\n}\n") == "");
  CHECK(terraform::ModuleBlocksOf("module \"open\" {\n  source = \"./x\"\n") == "");  // never closed
}

// Root modules are found from each folder's module blocks alone (the whole file is
// parsed once, by the unit that reads it): a call spelt inside a heredoc is no call,
// and a module that no unit reaches is still read, listed and its errors reported.
TEST_CASE("terraform: root modules come from the module blocks; a module no unit reaches is still read") {
  const testing::TempFolder folder({
      {"root/main.tf",
       "resource \"aws_iam_role\" \"r\" {\n  name = \"r\"\n  description = <<EOF\nmodule \"ghost\" {\n"
       "  source = \"../ghost\"\n}\nEOF\n  assume_role_policy = \"{}\"\n}\n"
       "module \"auth\" {\n  source = \"../auth\"\n}\n"
       "module \"off\" {\n  source = \"../off\"\n  count  = 0\n}\n"},
      {"auth/main.tf", "resource \"aws_iam_role\" \"a\" {\n  name = \"a\"\n  assume_role_policy = \"{}\"\n}\n"},
      {"ghost/main.tf", "resource \"aws_iam_role\" \"g\" {\n  name = \"g\"\n  assume_role_policy = \"{}\"\n}\n"},
      {"off/main.tf", "resource \"aws_iam_role\" \"o\" {\n  name = \"o\"\n  assume_role_policy = \n}\n"},
  });
  const std::string dump = testing::DumpTerraformGraph(folder.Load());
  CAPTURE(dump);
  CHECK(dump.find("module.auth.aws_iam_role.a") != std::string::npos);  // auth is called: not a root
  CHECK(dump.find("ghost#aws_iam_role.g") != std::string::npos);        // ghost is a root of its own
  CHECK(dump.find("auth#") == std::string::npos);
  CHECK(dump.find("input " + folder.Path("off/main.tf") + " terraform error") != std::string::npos);
  const auto first = dump.find("error " + folder.Path("off/main.tf"));
  REQUIRE(first != std::string::npos);
  CHECK(dump.find("error " + folder.Path("off/main.tf"), first + 1) == std::string::npos);
}
