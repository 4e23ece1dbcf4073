// bytes -> one Terraform module of one file (HCL, or Terraform JSON syntax when the
// first non-blank byte is `{`) -> parse, evaluation, graph, every rule.
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

#include "frontend/terraform/terraform.h"
#include "fuzz_common.h"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trustlint;
  const std::string text = fuzz::Text(data, size);
  const fs::path& dir = ModuleDir();
  WriteOnly(dir, fuzz::LooksLikeJsonObject(text) ? "main.tf.json" : "main.tf", text);
  TerraformInputs inputs;
  inputs.scan_root = dir.string();
  inputs.module_dirs = {dir.string()};
  GraphBuilder builder;
  LoadTerraform(inputs, builder);
  fuzz::LinkAndCheck(builder);
  return 0;
}
