// Data files compiled into the binary (see src/policy/permissions.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace trustlint {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree: "data/scope_down.json"
  std::string_view text;
};

// Every embedded file, in the order permissions.cmake lists them.
const std::vector<EmbeddedFile>& EmbeddedDataFiles();

}  // namespace trustlint
