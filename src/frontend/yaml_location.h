// yaml-cpp's Mark → our Location: positions are converted once, here, for every reader
// of YAML or JSON through yaml-cpp (CloudFormation, Terraform JSON, plans, the config).
// Rules never include this: they see Location only.
#pragma once

#include <algorithm>
#include <string>

#include <yaml-cpp/mark.h>

#include "base/location.h"

namespace trustlint {

// yaml-cpp counts lines and columns from 0 and says -1 where it has no position;
// Location counts from 1 and says 0 ("unknown").
inline Location LocationOf(const std::string& file, const YAML::Mark& mark) {
  return Location{file, mark.line < 0 ? 0 : mark.line + 1, mark.column < 0 ? 0 : mark.column + 1};
}

// Where a parse error is reported: a diagnostic always points into the file, at line 1,
// column 1 when yaml-cpp has no position.
inline Location ErrorLocationOf(const std::string& file, const YAML::Mark& mark) {
  Location loc = LocationOf(file, mark);
  loc.line = std::max(loc.line, 1);
  loc.column = std::max(loc.column, 1);
  return loc;
}

}  // namespace trustlint
