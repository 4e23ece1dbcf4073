// Source positions: every value and node keeps where it came from.
#pragma once

#include <string>
#include <string_view>
#include <tuple>

namespace trustlint {

// The name of a scanned file, interned: every Location of a file shares one copy of
// its name. A scan builds millions of values and each keeps its Location, so a
// std::string per value cost a heap block per value and per copy (a fifth of a
// large scan's memory); this is one pointer. Names live until the process ends:
// there is one per file read, never one per value.
class FileName {
 public:
  FileName();  // ""
  explicit FileName(std::string_view name);
  FileName& operator=(std::string_view name) { return *this = FileName(name); }

  const std::string& str() const { return *name_; }
  // NOLINTNEXTLINE(google-explicit-constructor): a name reads as the string it is
  operator const std::string&() const { return *name_; }
  operator std::string_view() const { return *name_; }  // NOLINT(google-explicit-constructor)
  bool empty() const { return name_->empty(); }

  // One name, one copy: equal names are the same pointer.
  friend bool operator==(const FileName& a, const FileName& b) { return a.name_ == b.name_; }
  friend bool operator==(const FileName& a, std::string_view b) { return *a.name_ == b; }
  friend bool operator<(const FileName& a, const FileName& b) { return a.name_ != b.name_ && *a.name_ < *b.name_; }
  friend std::string operator+(const FileName& a, std::string_view b) { return *a.name_ + std::string(b); }
  friend std::string operator+(std::string_view a, const FileName& b) { return std::string(a) + *b.name_; }

 private:
  const std::string* name_;
};

// 1-based line and column; 0 means "unknown". Converted once, at the front-end
// boundary, from each library's own (0-based) form.
struct Location {
  FileName file;  // as given on the command line / relative to the cwd
  int line = 0;
  int column = 0;

  Location() = default;
  // Implicit, as the aggregate it replaced was: `Location{path, line, column}` from any
  // string or from an interned name.
  // NOLINTBEGIN(google-explicit-constructor)
  Location(FileName file, int line = 0, int column = 0) : file(file), line(line), column(column) {}
  Location(std::string_view file, int line = 0, int column = 0) : file(file), line(line), column(column) {}
  // NOLINTEND(google-explicit-constructor)

  bool Known() const { return line > 0; }
  friend bool operator<(const Location& a, const Location& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  }
  friend bool operator==(const Location& a, const Location& b) = default;
};

// "file:line:col" (or "file" when the position is unknown).
std::string FormatLocation(const Location& loc);

}  // namespace trustlint
