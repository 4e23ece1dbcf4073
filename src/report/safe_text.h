// Text from scanned files in reports: messages and addresses quote template text,
// which may hold control characters or invalid UTF-8 (hostile input).
#pragma once

#include <string>
#include <string_view>

namespace trustlint {

// `s` with every control character (C0, DEL) and every byte of invalid UTF-8
// written as \xNN, except the characters in `keep` (a format that escapes
// newlines its own way keeps "\r\n"). Valid UTF-8 passes unchanged.
std::string Printable(std::string_view s, std::string_view keep = "");

}  // namespace trustlint
