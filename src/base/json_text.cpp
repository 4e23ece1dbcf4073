#include "base/json_text.h"

namespace trustlint {

namespace {

// What a YAML-only character outside a JSON string means, or nullptr.
const char* YamlOnlyMeaning(char c) {
  switch (c) {
    case '&':
      return "YAML anchor `&` in JSON text: JSON has no anchors";
    case '*':
      return "YAML alias `*` in JSON text: JSON has no aliases";
    case '!':
      return "YAML tag `!` in JSON text: JSON has no tags";
    default:
      return nullptr;
  }
}

}  // namespace

std::optional<JsonTextProblem> CheckJsonText(std::string_view text, const Location& start, int max_depth) {
  int depth = 0;
  int line = start.line > 0 ? start.line : 1;
  int column = start.column > 0 ? start.column - 1 : 0;
  bool quoted = false;
  auto here = [&] { return Location{start.file, line, column}; };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
    } else if (quoted) {
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
        ++i;
        ++column;
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return JsonTextProblem{here(), "JSON text nests deeper than " + std::to_string(max_depth) + " levels"};
      }
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (const char* meaning = YamlOnlyMeaning(c)) {
      return JsonTextProblem{here(), meaning};
    }
  }
  return std::nullopt;
}

}  // namespace trustlint
