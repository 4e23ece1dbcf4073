// Splitting an ARN, `arn:partition:service:region:account:resource`, into its fields.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace trustlint {

// The fields of an ARN, as views into the text that was split.
struct ArnParts {
  std::string_view partition, service, region, account, resource;
};

// The six colon-separated fields of an ARN-shaped text, the first being "arn" in an ARN
// (a pattern may hold a glob there). The sixth, the resource, keeps any further colons
// (`identitypool/us-east-1:…`). nullopt when the text has fewer than five colons.
std::optional<std::array<std::string_view, 6>> SplitArnFields(std::string_view text);

// The fields of an ARN; nullopt unless the text has five colons and starts "arn:".
std::optional<ArnParts> SplitArn(std::string_view text);

}  // namespace trustlint
