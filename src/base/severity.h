#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trustlint {

// SARIF levels, ordered so that a larger value is more severe.
enum class Severity { kNote = 1, kWarning = 2, kError = 3 };

std::string_view SeverityName(Severity s);  // "error", "warning", "note"
std::optional<Severity> ParseSeverity(std::string_view text);

}  // namespace trustlint
