// ASCII case folding and trimming. std::tolower, std::toupper and std::isspace
// follow the C locale; these never do, so identifiers, keys and keywords read the
// same whatever locale the scan runs in. Other bytes (UTF-8 included) pass through
// unchanged.
#pragma once

#include <string>
#include <string_view>

namespace trustlint {

constexpr char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char UpperAscii(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string LowerAscii(std::string_view s);
std::string UpperAscii(std::string_view s);

// Same length and the same bytes once A-Z are folded to a-z.
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);

// The white space of std::isspace in the C locale.
inline constexpr std::string_view kAsciiWhitespace = " \t\n\v\f\r";

// `s` without the leading and trailing bytes that are in `chars`; a view into `s`.
std::string_view TrimAscii(std::string_view s, std::string_view chars = kAsciiWhitespace);

}  // namespace trustlint
