// Terraform JSON syntax → HCL native syntax (see json_syntax.h). The JSON is read
// with yaml-cpp (JSON is YAML) so that every key keeps its line.
#include "frontend/terraform/json_syntax.h"

#include <yaml-cpp/yaml.h>

#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json_text.h"
#include "frontend/yaml_location.h"

namespace trustlint::terraform {
namespace {

constexpr int kMaxDepth = 128;

// Nested block types of the resources, data sources and providers the front end
// reads, and Terraform's own meta blocks. Anything else holding an object is a map.
bool IsBlockType(std::string_view name) {
  static const std::set<std::string, std::less<>> kBlocks = {
      "statement",   "principals",   "not_principals", "condition", "inline_policy", "role_mapping",
      "mapping_rule", "assume_role", "default_tags",   "content",   "lifecycle",     "validation",
      "timeouts",    "cognito_identity_providers"};
  return kBlocks.count(name) > 0;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// A literal string: like Quote, with `${` and `%{` escaped so nothing interpolates.
std::string QuoteLiteral(std::string_view s) {
  std::string escaped;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == '$' || s[i] == '%') && i + 1 < s.size() && s[i + 1] == '{') escaped += s[i];
    escaped += s[i];
  }
  return Quote(escaped);
}

// End (index of the closing brace) of the `${`/`%{` sequence opening at `open`, or
// npos. Braces and quoted strings inside the expression are skipped.
size_t InterpolationEnd(std::string_view s, size_t open) {
  int depth = 0;
  bool quoted = false;
  for (size_t i = open + 1; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// A JSON string as an HCL quoted template: literal text escaped, `${...}` and
// `%{...}` copied as written (on one line), `$${` kept as the escape it is.
std::string Template(std::string_view s) {
  std::string out = "\"";
  size_t literal_start = 0;
  auto flush_literal = [&](size_t end) {
    std::string q = Quote(s.substr(literal_start, end - literal_start));
    out += q.substr(1, q.size() - 2);
  };
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] != '$' && s[i] != '%') || s[i + 1] != '{') continue;
    if (i > 0 && s[i - 1] == s[i]) continue;  // `$${`: an escaped literal, kept as written
    size_t end = InterpolationEnd(s, i);
    if (end == std::string_view::npos) break;
    flush_literal(i);
    for (size_t j = i; j <= end; ++j) out += (s[j] == '\n' || s[j] == '\r') ? ' ' : s[j];
    i = end;
    literal_start = end + 1;
  }
  flush_literal(s.size());
  return out + "\"";
}

class Translator {
 public:
  explicit Translator(std::string* out) : out_(*out) {}

  void File(const YAML::Node& root) {
    for (const auto& kv : root) {
      const std::string& kind = kv.first.Scalar();
      if (kind == "resource" || kind == "data") {
        ForEachObject(kv.second, [&](const YAML::Node& types) {
          for (const auto& type : types) {
            ForEachObject(type.second, [&](const YAML::Node& names) {
              for (const auto& name : names) {
                ForEachObject(name.second, [&](const YAML::Node& body) {
                  Block(kind, {type.first.Scalar(), name.first.Scalar()}, body, LineOf(name.first), 0);
                });
              }
            });
          }
        });
      } else if (kind == "variable" || kind == "output" || kind == "module" || kind == "provider") {
        ForEachObject(kv.second, [&](const YAML::Node& names) {
          for (const auto& name : names) {
            ForEachObject(name.second, [&](const YAML::Node& body) {
              Block(kind, {name.first.Scalar()}, body, LineOf(name.first), 0);
            });
          }
        });
      } else if (kind == "locals") {
        ForEachObject(kv.second, [&](const YAML::Node& body) { Block("locals", {}, body, LineOf(kv.first), 0); });
      }
      // `terraform` (backend, required_providers) and comments carry nothing to analyse.
    }
  }

 private:
  // An object, or each object of an array of them.
  template <typename F>
  static void ForEachObject(const YAML::Node& node, F&& f) {
    if (node.IsMap()) {
      f(node);
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
        if (item.IsMap()) f(item);
      }
    }
  }

  static int LineOf(const YAML::Node& node) { return LocationOf({}, node.Mark()).line; }

  // Starts a new output line, padding with empty lines up to `line` (1-based).
  void StartLine(int line) {
    if (!out_.empty() && out_.back() != '\n') {
      out_ += '\n';
      ++line_;
    }
    while (line_ < line) {
      out_ += '\n';
      ++line_;
    }
  }

  void Block(const std::string& type, const std::vector<std::string>& labels, const YAML::Node& body, int line,
             int depth) {
    if (depth > kMaxDepth) return;
    StartLine(line);
    out_ += type;
    for (const auto& l : labels) out_ += " " + Quote(l);
    out_ += " {";
    const bool variable = type == "variable";
    for (const auto& kv : body) {
      const std::string& key = kv.first.Scalar();
      const YAML::Node& value = kv.second;
      if (key == "//" || key == "depends_on" || (type == "lifecycle" && key == "ignore_changes")) continue;
      if (key == "dynamic" && value.IsMap()) {
        for (const auto& d : value) {
          ForEachObject(d.second, [&](const YAML::Node& b) {
            Block("dynamic", {d.first.Scalar()}, b, LineOf(d.first), depth + 1);
          });
        }
        continue;
      }
      bool objects = value.IsMap() || (value.IsSequence() && value.size() > 0 && value[0].IsMap());
      if (IsBlockType(key) && objects) {
        ForEachObject(value, [&](const YAML::Node& b) { Block(key, {}, b, LineOf(kv.first), depth + 1); });
        continue;
      }
      StartLine(LineOf(kv.first));
      out_ += key + " = ";
      if ((variable && key == "type") || key == "provider") {
        out_ += value.IsScalar() ? value.Scalar() : "null";  // an expression written as a string
      } else {
        out_ += Expression(value, variable && key == "default", depth + 1);
      }
    }
    StartLine(line_ + 1);
    out_ += "}";
  }

  // A JSON value as an HCL expression. `literal`: strings do not interpolate.
  std::string Expression(const YAML::Node& v, bool literal, int depth) {
    if (depth > kMaxDepth) return "null";
    switch (v.Type()) {
      case YAML::NodeType::Map: {
        std::string out = "{";
        bool first = true;
        for (const auto& kv : v) {
          if (kv.first.Scalar() == "//") continue;
          out += first ? "" : ", ";
          first = false;
          out += Quote(kv.first.Scalar()) + " = " + Expression(kv.second, literal, depth + 1);
        }
        return out + "}";
      }
      case YAML::NodeType::Sequence: {
        std::string out = "[";
        for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Expression(v[i], literal, depth + 1);
        return out + "]";
      }
      case YAML::NodeType::Scalar: {
        const std::string& s = v.Scalar();
        if (v.Tag() != "!") return s;  // plain scalar: a JSON number, true, false
        return literal ? QuoteLiteral(s) : Template(s);
      }
      default: return "null";
    }
  }

  std::string& out_;
  int line_ = 1;
};

}  // namespace

JsonSyntaxTranslation TranslateJsonSyntax(const std::string& path, const std::string& text) {
  JsonSyntaxTranslation result;
  // Refused on the text, before yaml-cpp expands an alias or recurses per level.
  if (std::optional<JsonTextProblem> problem = CheckJsonText(text, Location{path, 1, 1}, kMaxDepth)) {
    result.error.emplace(problem->where, "Terraform JSON syntax: " + problem->message);
    return result;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    result.error.emplace(ErrorLocationOf(path, e.mark), "Terraform JSON syntax error: " + e.msg);
    return result;
  }
  if (root.IsNull()) return result;  // an empty file declares nothing
  if (!root.IsMap()) {
    result.error.emplace(Location{path, 1, 1}, "Terraform JSON syntax: the file must hold one JSON object");
    return result;
  }
  Translator translator(&result.hcl);
  translator.File(root);
  result.hcl += "\n";
  return result;
}

std::unique_ptr<HclFile> ParseJsonSyntaxFile(std::string path, const std::string& text,
                                             std::chrono::milliseconds parse_time) {
  JsonSyntaxTranslation translated = TranslateJsonSyntax(path, text);
  auto file = ParseHcl(std::move(path), std::move(translated.hcl), 0, parse_time);
  if (translated.error) file->error = translated.error;
  return file;
}

}  // namespace trustlint::terraform
