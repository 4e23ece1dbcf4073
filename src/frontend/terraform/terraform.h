// The Terraform front end: reads the HCL (and JSON) modules of a scan, evaluates
// root modules with their local child modules, and declares identity pools, role
// attachments, roles and policies into the graph builder (SPEC 1, "Terraform").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/budget.h"
#include "graph/graph.h"

namespace trustlint {

struct TerraformInputs {
  std::string scan_root;                 // canonical root; file()/templatefile() may not leave it
  std::vector<std::string> module_dirs;  // every folder holding *.tf / *.tf.json, sorted, as the user sees them
  std::vector<std::string> var_files;    // --var-file
  std::vector<std::pair<std::string, std::string>> vars;  // --var NAME=VALUE
  std::string region;   // configured region: a provider that sets none; "" unknown
  std::string account;  // configured account; "" unknown
  // What one unit (a root module with every module it calls) may cost; parse_time
  // bounds the parse of each file.
  BudgetLimits limits;
  // Parsed modules are kept for the units that call them until their text passes
  // this many bytes (a syntax tree takes ~100 bytes per byte of HCL); then they are
  // forgotten between units and parsed again when needed. 0: one unit at a time.
  std::size_t parsed_module_cache_bytes = std::size_t{1} << 20;
  // Threads that parse the files of a root module and the modules it calls (--jobs);
  // the graph does not depend on it.
  unsigned jobs = 1;
  // Parse every top-level block of a .tf file into its tree, also those the evaluator
  // cannot reach (reach.h), which a sparse reading only checks for syntax errors
  // and drops. The graph is the same either way; tests compare the two.
  bool every_block = false;
};

// Declares every Terraform input file (AddInput), syntax error (AddParseError, TL001)
// and resource node of the scan into `builder`. Never throws on bad input. A root
// module whose evaluation exhausts its budget contributes only a TL001 naming the
// budget (and its input files): none of its nodes, since a partial graph could give
// wrong verdicts; the scan goes on with the next root module.
void LoadTerraform(const TerraformInputs& inputs, GraphBuilder& builder);

}  // namespace trustlint
