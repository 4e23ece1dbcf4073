#include "frontend/terraform/json_value.h"

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>

#include "base/json_text.h"

namespace trustlint::terraform {
namespace {

constexpr int kMaxJsonDepth = 128;
// Private-use code points that bracket the index of a symbol part in the text.
constexpr std::string_view kHoleOpen = "\xEE\x80\x80";   // U+E000
constexpr std::string_view kHoleClose = "\xEE\x80\x81";  // U+E001

// The text with every symbol replaced by a hole naming its index in `parts`.
std::string WithHoles(const std::vector<StringPart>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i].symbol) {
      out += parts[i].literal;
    } else {
      out += kHoleOpen;
      out += std::to_string(i);
      out += kHoleClose;
    }
  }
  return out;
}

// A scalar's text with holes turned back into the symbols they stand for.
std::vector<StringPart> FillHoles(const std::string& text, const std::vector<StringPart>& parts) {
  std::vector<StringPart> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find(kHoleOpen, pos);
    size_t close = open == std::string::npos ? open : text.find(kHoleClose, open);
    if (close == std::string::npos) {
      out.push_back(StringPart{text.substr(pos), std::nullopt});
      break;
    }
    out.push_back(StringPart{text.substr(pos, open - pos), std::nullopt});
    std::string digits = text.substr(open + kHoleOpen.size(), close - open - kHoleOpen.size());
    size_t index = digits.empty() || digits.size() > 6 ? parts.size() : std::stoul(digits);
    if (index < parts.size()) out.push_back(parts[index]);
    pos = close + kHoleClose.size();
  }
  return out;
}

Location Shift(const Location& start, const YAML::Mark& mark) {
  if (mark.line < 0) return start;
  Location loc = start;
  loc.line = start.line + mark.line;
  // Every line of the text starts at start.column: 1 for files and heredocs (plus
  // the indentation a `<<-` heredoc strips); a quoted string is one source line.
  loc.column = start.column + mark.column;
  return loc;
}

Value FromYaml(const YAML::Node& node, const std::vector<StringPart>& parts, const Location& start, int depth) {
  Location loc = Shift(start, node.Mark());
  if (depth > kMaxJsonDepth) return Value::Unknown("JSON nesting deeper than " + std::to_string(kMaxJsonDepth), loc);
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      std::vector<std::pair<std::string, Value>> entries;
      for (const auto& kv : node) {
        entries.emplace_back(kv.first.Scalar(), FromYaml(kv.second, parts, start, depth + 1));
      }
      return Value::Map(std::move(entries), loc);
    }
    case YAML::NodeType::Sequence: {
      std::vector<Value> items;
      for (const auto& item : node) items.push_back(FromYaml(item, parts, start, depth + 1));
      return Value::List(std::move(items), loc);
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() != "!") {  // plain (unquoted) scalar: a JSON literal
        if (s == "true" || s == "false") return Value::Bool(s == "true", loc);
        if (s == "null") return Value::Null(loc);
        if (s.find(kHoleOpen) == std::string::npos) return Value::Number(s, loc);
      }
      return Value::Symbolic(FillHoles(s, parts), loc);
    }
    default: return Value::Null(loc);
  }
}

Value FromJson(const nlohmann::json& j, const std::vector<StringPart>& parts, const Location& loc, int depth) {
  if (depth > kMaxJsonDepth) return Value::Unknown("JSON nesting deeper than " + std::to_string(kMaxJsonDepth), loc);
  if (j.is_object()) {
    std::vector<std::pair<std::string, Value>> entries;
    for (const auto& [k, v] : j.items()) entries.emplace_back(k, FromJson(v, parts, loc, depth + 1));
    return Value::Map(std::move(entries), loc);
  }
  if (j.is_array()) {
    std::vector<Value> items;
    for (const auto& v : j) items.push_back(FromJson(v, parts, loc, depth + 1));
    return Value::List(std::move(items), loc);
  }
  if (j.is_string()) return Value::Symbolic(FillHoles(j.get<std::string>(), parts), loc);
  if (j.is_boolean()) return Value::Bool(j.get<bool>(), loc);
  if (j.is_null()) return Value::Null(loc);
  return Value::Number(j.dump(), loc);
}

bool LooksLikeJsonDocument(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[');
}

}  // namespace

std::optional<Value> ParseJsonParts(const std::vector<StringPart>& parts, const Location& start) {
  std::string text = WithHoles(parts);
  if (!LooksLikeJsonDocument(text)) return std::nullopt;
  // JSON is YAML: yaml-cpp keeps marks. It rejects some valid JSON (tabs before a
  // value, "\/"), so nlohmann is the fallback, with every value at the start. Text
  // that yaml-cpp would expand (anchors, aliases) or recurse deeply on goes straight
  // to nlohmann, whose parser is iterative and which refuses what is not JSON.
  if (!CheckJsonText(text, start, kMaxJsonDepth)) {
    try {
      YAML::Node node = YAML::Load(text);
      if (node.IsMap() || node.IsSequence()) return FromYaml(node, parts, start, 0);
    } catch (const YAML::Exception&) {
    }
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !(j.is_object() || j.is_array())) return std::nullopt;
  return FromJson(j, parts, start, 0);
}

}  // namespace trustlint::terraform
