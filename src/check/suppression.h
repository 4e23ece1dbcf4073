// What counts as a reasoned suppression, shared by the checker and rule TL002.
#pragma once

#include <algorithm>
#include <cctype>

#include "graph/graph.h"

namespace trustlint {

// A reason of only blanks is no reason: the finding stays visible and TL002 fires.
inline bool HasReason(const Suppression& s) {
  return std::any_of(s.reason.begin(), s.reason.end(), [](unsigned char c) { return !std::isspace(c); });
}

}  // namespace trustlint
