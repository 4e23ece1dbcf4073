// The HCL grammar from npm must load into the vendored runtime: an ABI mismatch
// makes ts_parser_set_language fail, and everything Terraform would silently vanish.
#include <doctest/doctest.h>
#include <tree_sitter/api.h>

#include <string>

extern "C" const TSLanguage* tree_sitter_hcl();

TEST_CASE("the HCL grammar loads into the tree-sitter runtime and parses a block") {
  TSParser* parser = ts_parser_new();
  const TSLanguage* hcl = tree_sitter_hcl();
  CHECK(ts_language_abi_version(hcl) <= TREE_SITTER_LANGUAGE_VERSION);
  REQUIRE(ts_parser_set_language(parser, hcl));
  const char source[] = "resource \"aws_iam_role\" \"r\" {\n  name = \"x\"\n}\n";
  TSTree* tree = ts_parser_parse_string(parser, nullptr, source, sizeof(source) - 1);
  TSNode root = ts_tree_root_node(tree);
  CHECK_FALSE(ts_node_has_error(root));
  CHECK(std::string(ts_node_type(root)) == "config_file");
  ts_tree_delete(tree);
  ts_parser_delete(parser);
}
