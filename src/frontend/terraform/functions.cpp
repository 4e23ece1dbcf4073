// The function library: a name -> handler table (SPEC 1 lists what is evaluated;
// any other function is unknown), file() and templatefile() inside the scanned root.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "frontend/terraform/eval_internal.h"
#include "frontend/terraform/json_value.h"

namespace fs = std::filesystem;

namespace trustlint::terraform {
namespace {

Value Flatten(const Value& v, int depth) {
  if (!v.IsList()) return v;
  std::vector<Value> out;
  for (const auto& item : v.items) {
    if (item.IsList() && depth < 32) {
      Value inner = Flatten(item, depth + 1);
      out.insert(out.end(), inner.items.begin(), inner.items.end());
    } else {
      out.push_back(item);
    }
  }
  return Value::List(std::move(out), v.loc);
}

const Value* FirstUnknown(const std::vector<Value>& args) {
  for (const auto& a : args) {
    if (a.IsUnknown()) return &a;
  }
  return nullptr;
}

// Terraform orders a set of strings lexically.
Value ToSet(const Value& v) {
  Value set = Distinct(v);
  if (set.IsList() && std::all_of(set.items.begin(), set.items.end(), [](const Value& i) { return i.IsLiteralString(); })) {
    std::stable_sort(set.items.begin(), set.items.end(),
                     [](const Value& a, const Value& b) { return *a.Literal() < *b.Literal(); });
  }
  return set;
}

Value JsonDecode(const Value& text, const Location& loc) {
  if (!text.IsString()) return text.IsUnknown() ? text : Value::Unknown("jsondecode of a non-string", loc);
  if (auto v = ParseJsonParts(text.parts, text.loc)) return *v;
  return Value::Unknown("jsondecode argument is not a JSON object or array", loc);
}

Value Concat(const std::vector<Value>& args, const Location& loc) {
  if (const Value* u = FirstUnknown(args)) return *u;
  std::vector<Value> items;
  for (const auto& a : args) {
    if (!a.IsList()) return Value::Unknown("concat of a value that is not a list", loc);
    items.insert(items.end(), a.items.begin(), a.items.end());
  }
  return Value::List(std::move(items), loc);
}

Value Merge(const std::vector<Value>& args, const Location& loc) {
  if (const Value* u = FirstUnknown(args)) return *u;
  std::vector<std::pair<std::string, Value>> entries;
  for (const auto& a : args) {
    if (a.IsNull()) continue;
    if (!a.IsMap()) return Value::Unknown("merge of a value that is not a map", loc);
    for (const auto& [k, v] : a.entries) {
      // clang 14 cannot capture a structured binding: capture it by a name of its own.
      auto e = std::find_if(entries.begin(), entries.end(), [&key = k](const auto& x) { return x.first == key; });
      if (e != entries.end()) {
        e->second = v;
      } else {
        entries.emplace_back(k, v);
      }
    }
  }
  return Value::Map(std::move(entries), loc);
}

Value Lookup(const std::vector<Value>& args, const Location& loc) {
  auto key = args[1].Literal();
  if (args[0].IsMap() && key) {
    if (const Value* v = args[0].Find(*key)) return *v;
    if (args.size() >= 3) return args[2];
    return Value::Unknown("lookup: key " + *key + " is not in the map", loc);
  }
  if (args[0].IsUnknown()) return args[0];
  return Value::Unknown("lookup in a map or key that is not known", loc);
}

Value Length(const Value& v, const Location& loc) {
  if (v.IsList() || v.IsMap()) {
    size_t n = v.IsList() ? v.items.size() : v.entries.size();
    return Value::Number(std::to_string(n), loc);
  }
  if (auto lit = v.Literal(); lit && v.IsString()) return Value::Number(std::to_string(lit->size()), loc);
  return Value::Unknown("length of a value that is not known", loc);
}

Value Join(const std::vector<Value>& args, const Location& loc) {
  auto sep = args[0].Literal();
  if (!sep || !args[1].IsList()) return Value::Unknown("join of values that are not known", loc);
  std::vector<StringPart> parts;
  for (size_t i = 0; i < args[1].items.size(); ++i) {
    if (i) parts.push_back(StringPart{*sep, std::nullopt});
    AppendAsString(args[1].items[i], parts);
  }
  return Value::Symbolic(std::move(parts), loc);
}

Value Format(const std::vector<Value>& args, const Location& loc) {
  auto fmt = args[0].Literal();
  if (!fmt) return Value::Unknown("format string is not known", loc);
  std::vector<StringPart> parts;
  size_t next_arg = 1;
  for (size_t i = 0; i < fmt->size(); ++i) {
    char c = (*fmt)[i];
    if (c != '%') {
      parts.push_back(StringPart{std::string(1, c), std::nullopt});
      continue;
    }
    char verb = i + 1 < fmt->size() ? (*fmt)[++i] : '\0';
    if (verb == '%') {
      parts.push_back(StringPart{"%", std::nullopt});
    } else if ((verb == 's' || verb == 'd' || verb == 'v') && next_arg < args.size()) {
      AppendAsString(args[next_arg++], parts);
    } else {
      return Value::Unknown(std::string("format verb %") + verb + " is not evaluated", loc);
    }
  }
  return Value::Symbolic(std::move(parts), loc);
}

}  // namespace

Value Evaluator::EvalFunction(const NodeRef& node, const Scope& scope) {
  TSNode id = ChildOfType(node.node, "identifier");
  std::string name(node.file->Text(id));
  std::vector<Value> args;
  TSNode arguments = ChildOfType(node.node, "function_arguments");
  for (TSNode c : NamedChildren(arguments)) {
    if (Is(c, "ellipsis")) return Value::Unknown("function arguments expanded with ... are not evaluated", node.Loc());
    if (Is(c, "expression")) args.push_back(Eval(NodeRef{node.file, c}, scope));
  }
  return CallFunction(name, std::move(args), node.Loc());
}

Value Evaluator::CallFunction(const std::string& name, std::vector<Value> args, const Location& loc) {
  struct Call {
    Evaluator& evaluator;
    std::vector<Value>& args;
    const Location& loc;
  };
  struct Function {
    size_t min_args;
    Value (*handler)(Call&);
  };
  // Lambdas defined here may use the evaluator's private members (file reads).
  static const std::map<std::string_view, Function> kFunctions = {
      {"concat", {0, [](Call& c) { return Concat(c.args, c.loc); }}},
      {"distinct", {1, [](Call& c) { return Distinct(c.args[0]); }}},
      {"file",
       {1,
        [](Call& c) {
          Value unknown;
          auto file = c.evaluator.ResolveFile(c.args[0], c.loc, &unknown);
          return file ? c.evaluator.ReadFile(*file, *c.args[0].Literal(), c.loc) : unknown;
        }}},
      {"flatten", {1, [](Call& c) { return c.args[0].IsList() ? Flatten(c.args[0], 0) : c.args[0]; }}},
      {"format", {1, [](Call& c) { return c.evaluator.Built(Format(c.args, c.loc)); }}},
      {"join", {2, [](Call& c) { return c.evaluator.Built(Join(c.args, c.loc)); }}},
      {"jsondecode", {1, [](Call& c) { return JsonDecode(c.args[0], c.loc); }}},
      {"jsonencode", {1, [](Call& c) { return At(std::move(c.args[0]), c.loc); }}},
      {"length", {1, [](Call& c) { return Length(c.args[0], c.loc); }}},
      {"lookup", {2, [](Call& c) { return c.evaluator.LookupOneOf(c.args, c.loc); }}},
      {"merge", {0, [](Call& c) { return Merge(c.args, c.loc); }}},
      {"templatefile", {2, [](Call& c) { return c.evaluator.TemplateFile(c.args[0], c.args[1], c.loc); }}},
      {"tobool", {1, [](Call& c) { return At(std::move(c.args[0]), c.loc); }}},
      {"tolist", {1, [](Call& c) { return At(std::move(c.args[0]), c.loc); }}},
      {"tomap", {1, [](Call& c) { return At(std::move(c.args[0]), c.loc); }}},
      {"tonumber", {1, [](Call& c) { return At(std::move(c.args[0]), c.loc); }}},
      {"toset", {1, [](Call& c) { return ToSet(c.args[0]); }}},
      {"tostring", {1, [](Call& c) { return At(std::move(c.args[0]), c.loc); }}},
  };
  auto found = kFunctions.find(name);
  if (found == kFunctions.end() || args.size() < found->second.min_args) {
    return Value::Unknown("function " + name + " is not evaluated", loc);
  }
  Call call{*this, args, loc};
  return found->second.handler(call);
}

Value Evaluator::LookupOneOf(const std::vector<Value>& args, const Location& loc) {
  Value out = Lookup(args, loc);
  if (!args[0].IsMap() || args[1].Literal()) return out;
  InputConstraint one_of;
  for (const auto& [key, value] : args[0].entries) {
    if (!value.IsLiteralString()) return out;
    one_of.allowed_values.push_back(*value.Literal());
  }
  if (args.size() >= 3) {
    if (!args[2].IsLiteralString()) return out;
    one_of.allowed_values.push_back(*args[2].Literal());
  }
  std::string why;
  args[1].DependsOnUnknown(&why);
  Symbol symbol{Symbol::Kind::kUnknown, "lookup with a key that is not known" + (why.empty() ? "" : " (" + why + ")"),
                loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column)};
  if (context_.constrain) context_.constrain(symbol, std::move(one_of));
  return Value::SymbolString(std::move(symbol), loc);
}

std::optional<Evaluator::FilePath> Evaluator::ResolveFile(const Value& path, const Location& loc, Value* unknown) {
  auto p = path.Literal();
  if (!p) {
    std::string why = "file path is not known";
    path.DependsOnUnknown(&why);
    *unknown = Value::Unknown(why, loc);
    return std::nullopt;
  }
  // Terraform resolves relative paths from the root module's folder (the working
  // directory of `terraform plan`), inside a template too.
  fs::path full = fs::path(*p).is_absolute() ? fs::path(*p) : (fs::path(root_) / *p).lexically_normal();
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(full, ec);
  fs::path rel = ec ? fs::path("..") : canonical.lexically_relative(context_.scan_root);
  if (rel.empty() || *rel.begin() == "..") {
    *unknown = Value::Unknown("file outside the scanned root: " + *p, loc);
    return std::nullopt;
  }
  return FilePath{canonical.string(), full.string()};
}

Value Evaluator::ReadFile(const FilePath& file, const std::string& as_written, const Location& loc) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(file.canonical, ec);
  if (ec || !fs::is_regular_file(file.canonical, ec)) {
    return Value::Unknown("file " + as_written + " cannot be read", loc);
  }
  if (size > kMaxReadBytes) return Value::Unknown("file " + as_written + " is too large", loc);
  SpendBytes(size, loc);
  std::ifstream in(file.canonical, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return Value::String(text.str(), Location{file.shown, 1, 1});
}

// Marks a templatefile() file as being rendered for as long as it is.
class Evaluator::RenderingGuard {
 public:
  RenderingGuard(std::vector<std::string>& stack, std::string path) : stack_(stack) {
    stack_.push_back(std::move(path));
  }
  ~RenderingGuard() { stack_.pop_back(); }
  RenderingGuard(const RenderingGuard&) = delete;
  RenderingGuard& operator=(const RenderingGuard&) = delete;

 private:
  std::vector<std::string>& stack_;
};

Value Evaluator::TemplateFile(const Value& path, const Value& vars, const Location& loc) {
  Value unknown;
  std::optional<FilePath> file = ResolveFile(path, loc, &unknown);
  if (!file) return unknown;
  // A template that (through others) renders itself would never end. Terraform
  // refuses templatefile() inside a template at all.
  if (std::find(rendering_.begin(), rendering_.end(), file->canonical) != rendering_.end()) {
    return Value::Unknown("templatefile: " + file->shown +
                              " is already being rendered (Terraform refuses templatefile inside a template)",
                          loc);
  }
  Value content = ReadFile(*file, *path.Literal(), loc);
  auto text = content.Literal();
  if (!text) return content;
  if (!vars.IsMap()) return Value::Unknown("templatefile variables are not known", loc);
  RenderingGuard rendering(rendering_, file->canonical);
  return RenderTemplate(*text, Location{file->shown, 1, 1}, vars, loc);
}

Value Evaluator::RenderTemplate(const std::string& text, const Location& start, const Value& vars,
                                const Location& loc) {
  constexpr std::string_view kMarker = "TRUSTLINT_TEMPLATE_END";
  if (text.find(kMarker) != std::string::npos) return Value::Unknown("the template is not evaluated", loc);
  bool trailing_newline = !text.empty() && text.back() == '\n';
  std::string wrapped = "t = <<" + std::string(kMarker) + "\n" + text + (trailing_newline ? "" : "\n") +
                        std::string(kMarker) + "\n";
  // Parsed once per place and text; the template's first line is line 2 of the
  // wrapper: it shows as `start.line`.
  std::string key = start.file + "\n" + std::to_string(start.line) + "\n" + wrapped;
  auto cached = templates_.find(key);
  if (cached == templates_.end()) {
    const auto parse_time = budget_.limits().ParseTimeFor(wrapped.size());
    auto parsed = ParseHcl(start.file, std::move(wrapped), 2 - std::max(start.line, 1), parse_time);
    cached = templates_.emplace(std::move(key), std::move(parsed)).first;
  }
  const HclFile& file = *cached->second;
  if (file.out_of_time) throw BudgetExhausted("parse-time", file.error->second, loc);
  if (file.error) return Value::Unknown("template " + start.file + " does not parse: " + file.error->second, loc);
  BodyItems body = ReadFileBody(file);
  const NodeRef* expr = body.Attribute("t");
  if (!expr) return Value::Unknown("template " + start.file + " does not parse", loc);
  Scope inner{nullptr, nullptr, {}};
  for (const auto& [k, v] : vars.entries) inner.names[k] = std::make_shared<const Value>(v);
  Value v = Eval(*expr, inner);
  if (!trailing_newline && v.IsString() && !v.parts.empty() && !v.parts.back().symbol &&
      v.parts.back().literal.ends_with("\n")) {
    v.parts.back().literal.pop_back();
  }
  return v;
}

}  // namespace trustlint::terraform
