#include "base/location.h"

namespace trustlint {

std::string FormatLocation(const Location& loc) {
  if (!loc.Known()) return loc.file;
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

}  // namespace trustlint
