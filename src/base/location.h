// Source positions: every value and node keeps where it came from.
#pragma once

#include <string>
#include <tuple>

namespace trustlint {

// 1-based line and column; 0 means "unknown". Converted once, at the front-end
// boundary, from each library's own (0-based) form.
struct Location {
  std::string file;  // as given on the command line / relative to the cwd
  int line = 0;
  int column = 0;

  bool Known() const { return line > 0; }
  friend bool operator<(const Location& a, const Location& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  }
  friend bool operator==(const Location& a, const Location& b) = default;
};

// "file:line:col" (or "file" when the position is unknown).
std::string FormatLocation(const Location& loc);

}  // namespace trustlint
