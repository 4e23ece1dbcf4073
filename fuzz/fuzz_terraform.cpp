// bytes -> one Terraform module of one file (HCL, or Terraform JSON syntax when the
// first non-blank byte is `{`) -> parse, evaluation, graph, every rule, twice: read
// sparsely (reach.h) and with every block parsed. The two JSON reports must be the
// same bytes; a difference aborts, so that the fuzzer keeps the input.
//
// The Terraform front end reads module folders from disk (a module is every file
// of its folder, and file()/templatefile() read beside it), so each input is
// written to a folder of this process's own, made once.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "check/summary.h"
#include "frontend/terraform/terraform.h"
#include "fuzz_common.h"
#include "report/writer.h"

namespace {

namespace fs = std::filesystem;

const fs::path& ModuleDir();

void RemoveModuleDir() {
  std::error_code ec;
  fs::remove_all(ModuleDir(), ec);
}

// Made on first use, removed when the fuzzer exits normally (a crash leaves it).
const fs::path& ModuleDir() {
  static const fs::path dir = [] {
    std::string pattern = (fs::temp_directory_path() / "trustlint-fuzz-tf-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    return fs::canonical(pattern);
  }();
  static const bool removed_at_exit = std::atexit(RemoveModuleDir) == 0;
  (void)removed_at_exit;
  return dir;
}

void WriteOnly(const fs::path& dir, const std::string& name, const std::string& text) {
  std::error_code ec;
  fs::remove(dir / "main.tf", ec);
  fs::remove(dir / "main.tf.json", ec);
  std::ofstream(dir / name, std::ios::binary) << text;
}

// The JSON report of the module in `dir`.
std::string Report(const fs::path& dir, bool every_block) {
  using namespace trustlint;
  TerraformInputs inputs;
  inputs.scan_root = dir.string();
  inputs.module_dirs = {dir.string()};
  inputs.every_block = every_block;
  GraphBuilder builder;
  LoadTerraform(inputs, builder);
  const Graph graph = builder.Link();
  const CheckResult result = RunChecks(graph, RuleSet(), CheckOptions{});
  return FindWriter("json")->Render(RunReport{graph, result, Summarize(graph, result)});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = trustlint::fuzz::Text(data, size);
  const fs::path& dir = ModuleDir();
  WriteOnly(dir, trustlint::fuzz::LooksLikeJsonObject(text) ? "main.tf.json" : "main.tf", text);
  if (Report(dir, false) != Report(dir, true)) std::abort();
  return 0;
}
