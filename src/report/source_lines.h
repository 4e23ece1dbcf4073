// The lines of scanned files, read once per file however many findings quote
// them (SARIF's column conversion, the audit report's source excerpts).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace trustlint {

class SourceLines {
 public:
  // The file's lines without their line ending ("\n" or "\r\n"); empty when the
  // file cannot be read.
  const std::vector<std::string>& Of(const std::string& file);

 private:
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace trustlint
