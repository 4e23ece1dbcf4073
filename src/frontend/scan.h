// Walks the paths given on the command line, recognises each file (SPEC 1) and
// hands it to its front end. Untrusted input: skips .git/, .terraform/,
// node_modules/ and symlinks leaving the scanned root, caps file size, and never
// lets a parse problem stop the scan (it becomes TL001).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace trustlint {

struct ScanOptions {
  std::vector<std::string> paths;            // files or folders; default "."
  std::vector<std::string> skip_paths;       // from .trustlint.yaml (globs, relative to the root)
  std::vector<std::string> var_files;        // Terraform --var-file
  std::vector<std::pair<std::string, std::string>> vars;  // Terraform --var NAME=VALUE
  // CloudFormation --parameter NAME=VALUE / --parameters FILE / config `parameters`:
  // they win over a parameter's Default, in every template that declares NAME.
  std::vector<std::pair<std::string, std::string>> parameters;
  // --import NAME=VALUE / config `imports`: Fn::ImportValue that no scanned template exports.
  std::vector<std::pair<std::string, std::string>> imports;
  // Configured region and account (SPEC 8): AWS::Region / AWS::AccountId, and a
  // Terraform provider or data.aws_region / data.aws_caller_identity that sets none.
  // Empty: unknown.
  std::string region;
  std::string account;
  // Larger files are TL001, never read. CloudFormation itself takes at most 1 MB
  // of template; 32 MiB leaves room for generated Terraform and plans while a
  // hostile 50 MB file is refused before it costs memory.
  std::size_t max_file_bytes = 32u << 20;
  // Told after each input file the walk reaches, with an estimate of how many it
  // will reach, for a progress line on a terminal. Empty: nothing is counted.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Threads that read templates and plans, and parse the Terraform files of each root
  // module (--jobs). 1: one file after another on
  // the calling thread. The graph is the same whatever the number.
  unsigned jobs = 1;
  // Called on the worker that read a template, with its declarations: the file's
  // analysis when the caller took the file on its own (GraphBuilder::StandsAlone),
  // nullptr when it must join the graph. Unset: every file joins the graph.
  std::function<std::unique_ptr<FileAnalysis>(GraphBuilder& part)> analyze_alone;
  // TerraformInputs::every_block: for tests that compare it with a sparse reading.
  bool terraform_every_block = false;
};

// Reads every recognised file under `options.paths` into one linked graph. With
// `options.analyze_alone`, the files it took are in `alone`, in walk order, and in
// the graph only as outlines; a file it took is read again into the graph after
// all when one of its unresolved references names something of the graph
// (Offers), and is then not in `alone`.
Graph ScanPaths(const ScanOptions& options, std::vector<std::unique_ptr<FileAnalysis>>* alone = nullptr);

// The front ends, for tests: parse one file's text as if read from `path`.
void LoadCloudFormationText(const std::string& path, const std::string& text, GraphBuilder& builder);

}  // namespace trustlint
