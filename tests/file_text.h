// A whole file's bytes, for tests that compare what a run wrote with what they expect.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace trustlint::testing {

// "" when the file cannot be read: the comparison that follows then fails and says so.
inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace trustlint::testing
