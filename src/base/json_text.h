// A check of JSON text before yaml-cpp reads it. trustlint reads JSON as YAML (a JSON
// text is a YAML document, and yaml-cpp keeps line and column marks), but YAML has
// what JSON has not: anchors, aliases and tags. An alias bomb (`&a [*a, *a]`) expands
// exponentially or forever once loaded, and yaml-cpp's loader recurses once per
// nesting level; so both are refused here, on the text, before anything expands.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/location.h"

namespace trustlint {

struct JsonTextProblem {
  Location where;
  std::string message;  // "YAML alias `*` in JSON text: JSON has no aliases", ...
};

// The first place where `text` (a JSON document; `start` is where its first character
// is) uses a YAML anchor, alias or tag, or nests `[`/`{` deeper than `max_depth`
// outside strings. Characters outside strings that JSON does not allow are the JSON
// parser's to report; this only finds the ones yaml-cpp would act on.
std::optional<JsonTextProblem> CheckJsonText(std::string_view text, const Location& start, int max_depth);

}  // namespace trustlint
