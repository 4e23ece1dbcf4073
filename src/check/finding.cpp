#include "check/finding.h"

#include <cstdint>
#include <cstdio>
#include <tuple>

#include "check/checker.h"

namespace trustlint {

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.loc.file, a.loc.line, a.loc.column, a.rule, a.resource, a.message) <
         std::tie(b.loc.file, b.loc.line, b.loc.column, b.rule, b.resource, b.message);
}

// Declared in checker.h; kept here so that reporters and tests need no rule code.
std::string Fingerprint(const Finding& f) { return Fingerprint(f.rule, f.resource, f.loc.file); }

std::string Fingerprint(std::string_view rule, std::string_view resource, std::string_view file) {
  // FNV-1a 64: stable across platforms and runs, unlike std::hash.
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
  };
  mix(rule);
  mix(std::string_view("\0", 1));
  mix(resource);
  mix(std::string_view("\0", 1));
  mix(file);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace trustlint
