// Writes every hostile shape of tests/hostile/shapes.h under the folder given, one
// sub-folder each, for the benchmark (`make bench-hostile`) and for running by hand.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "shapes.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_hostile_shapes OUTPUT_FOLDER\n";
    return 2;
  }
  const std::filesystem::path root = argv[1];
  for (const auto& shape : trustlint::hostile::Shapes()) {
    for (const auto& [relative, content] : shape.files) {
      const std::filesystem::path path = root / shape.name / relative;
      std::filesystem::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << content;
    }
    std::cout << shape.name << "\t" << shape.fault << "\n";
  }
  return 0;
}
