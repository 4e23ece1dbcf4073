// The lines of scanned files, read once per file however many findings quote
// them (SARIF's column conversion, the audit report's source excerpts).
#pragma once

#include <cstddef>
#include <deque>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace trustlint {

class SourceLines {
 public:
  // Keeps the lines of at most `files` files, dropping the one read first: a
  // writer that goes through findings in file order needs only the last few.
  explicit SourceLines(size_t files = std::numeric_limits<size_t>::max()) : max_files_(files) {}

  // The file's lines without their line ending ("\n" or "\r\n"); empty when the
  // file cannot be read. Valid until the next call.
  const std::vector<std::string>& Of(const std::string& file);

 private:
  size_t max_files_;
  std::map<std::string, std::vector<std::string>> files_;
  std::deque<std::string> read_order_;
};

}  // namespace trustlint
