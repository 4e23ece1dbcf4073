// The symbols inside a rendered policy string (RenderForMatching): each
// "⟨kind:name⟩" sentinel is one fixed value the scan cannot see (SPEC 4), and the
// literal text around it is known exactly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trustlint {

struct RenderedPiece {
  std::string literal;   // when sentinel is empty
  std::string sentinel;  // the whole "⟨kind:name⟩" text of a symbol, else empty
};

// Splits rendered text into literal runs and sentinels, in order. Text that only
// looks like a sentinel (an unknown kind tag, no closing bracket) stays literal.
std::vector<RenderedPiece> SplitRendered(std::string_view rendered);

// True when the text holds at least one sentinel.
bool HasSentinel(std::string_view rendered);

// The kind tag ("pool", "pseudo", "unknown", ...) and name of a sentinel.
std::string_view SentinelKind(std::string_view sentinel);
std::string_view SentinelName(std::string_view sentinel);

// Replaces every sentinel that `value_of` knows by its value; others stay.
template <typename Lookup>
std::string SubstituteSentinels(std::string_view rendered, const Lookup& value_of) {
  std::string out;
  for (const RenderedPiece& piece : SplitRendered(rendered)) {
    if (piece.sentinel.empty()) {
      out += piece.literal;
    } else if (const std::string* value = value_of(piece.sentinel)) {
      out += *value;
    } else {
      out += piece.sentinel;
    }
  }
  return out;
}

}  // namespace trustlint
