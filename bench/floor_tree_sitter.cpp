// The raw parse floor of Terraform: tree-sitter parses every .tf file under the given
// folders with the HCL grammar trustlint uses (src/frontend/terraform/hcl.cpp), then
// frees the tree; nothing is evaluated.
#include <tree_sitter/api.h>

#include "floor_walk.h"

extern "C" const TSLanguage* tree_sitter_hcl();

int main(int argc, char** argv) {
  TSParser* parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_hcl())) return 1;
  int failed = 0;
  const int status = bench::ForEachFile(argc, argv, {".tf"}, [&](const std::string& path, const std::string& text) {
    TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
    if (tree == nullptr || ts_node_has_error(ts_tree_root_node(tree))) {
      std::cerr << path << ": does not parse\n";
      ++failed;
    }
    ts_tree_delete(tree);
  });
  ts_parser_delete(parser);
  return status != 0 || failed != 0 ? 1 : 0;
}
