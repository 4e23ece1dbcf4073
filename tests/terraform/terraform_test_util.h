// Helpers for the Terraform front-end tests: load folders and dump the graph in
// a stable text form (whole-string comparisons).
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "base/budget.h"
#include "frontend/terraform/terraform.h"
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

// A fresh folder holding `files` (relative path, content).
class TempFolder {
 public:
  explicit TempFolder(const std::vector<std::pair<std::string, std::string>>& files) {
    dir_ = std::filesystem::temp_directory_path() /
           ("trustlint-tf-" + std::to_string(::getpid()) + "-" + std::to_string(++n_));
    std::filesystem::create_directories(dir_);
    for (const auto& [path, text] : files) {
      std::filesystem::create_directories((dir_ / path).parent_path());
      std::ofstream(dir_ / path, std::ios::binary) << text;
    }
    dir_ = std::filesystem::canonical(dir_);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  // Scans the folder as `trustlint check DIR` would: every folder with a .tf file.
  Graph Load(BudgetLimits limits = {}) const {
    TerraformInputs inputs;
    inputs.scan_root = dir_.string();
    inputs.limits = limits;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_)) {
      if (e.is_directory()) continue;
      const std::string name = e.path().filename().string();
      if (!name.ends_with(".tf") && !name.ends_with(".tf.json")) continue;
      const std::string folder = e.path().parent_path().string();
      if (std::find(inputs.module_dirs.begin(), inputs.module_dirs.end(), folder) == inputs.module_dirs.end()) {
        inputs.module_dirs.push_back(folder);
      }
    }
    std::sort(inputs.module_dirs.begin(), inputs.module_dirs.end());
    GraphBuilder builder;
    LoadTerraform(inputs, builder);
    return builder.Link();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
  static inline int n_ = 0;
};

}  // namespace trustlint::testing
