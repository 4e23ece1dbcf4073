#include "policy/arn.h"

#include <cstddef>

namespace trustlint {

std::optional<std::array<std::string_view, 6>> SplitArnFields(std::string_view text) {
  std::array<std::string_view, 6> fields;
  std::size_t start = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    fields[i] = text.substr(start, colon - start);
    start = colon + 1;
  }
  fields[5] = text.substr(start);
  return fields;
}

std::optional<ArnParts> SplitArn(std::string_view text) {
  const std::optional<std::array<std::string_view, 6>> fields = SplitArnFields(text);
  if (!fields || (*fields)[0] != "arn") return std::nullopt;
  return ArnParts{(*fields)[1], (*fields)[2], (*fields)[3], (*fields)[4], (*fields)[5]};
}

}  // namespace trustlint
