// Helpers for the Terraform front-end tests: load folders and dump the graph in
// a stable text form (whole-string comparisons).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace trustlint::testing {

// Loads `dirs` (relative to the source tree, which becomes the cwd) with `root` as
// the scan root, and the configured region and account ("" = unknown).
Graph LoadTerraformDirs(const std::string& root, const std::vector<std::string>& dirs,
                        const std::vector<std::pair<std::string, std::string>>& vars = {},
                        const std::vector<std::string>& var_files = {}, const std::string& region = "",
                        const std::string& account = "");
// Inputs, parse errors and every node with its values, one per line.
std::string DumpTerraformGraph(const Graph& graph);

}  // namespace trustlint::testing
