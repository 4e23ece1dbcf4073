#include "frontend/cloudformation/intrinsics.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "base/ascii.h"

namespace trustlint::cfn {
namespace {

constexpr std::array<std::string_view, 7> kPseudoParameters = {
    "AWS::AccountId", "AWS::Region",    "AWS::Partition",         "AWS::StackName",
    "AWS::StackId",   "AWS::URLSuffix", "AWS::NotificationARNs"};
constexpr std::array<std::string_view, 20> kShortTags = {
    "Ref",    "Sub",    "GetAtt", "Join", "Select",    "Split",       "If",     "Equals",    "Not",          "And",
    "Or",     "FindInMap", "ImportValue", "Base64", "GetAZs", "Condition", "Cidr", "Transform", "Length", "ToJsonString"};
// Fn::If combinations a Join/Sub may multiply into before it becomes unknown.
constexpr std::size_t kMaxReadings = 16;

bool IsPseudo(std::string_view name) {
  return std::find(kPseudoParameters.begin(), kPseudoParameters.end(), name) != kPseudoParameters.end();
}

bool IsIntrinsicKey(std::string_view key) { return key == "Ref" || key.starts_with("Fn::"); }

bool IsNumber(std::string_view s) {
  size_t i = (s.starts_with('-') || s.starts_with('+')) ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

std::vector<std::string> SplitText(std::string_view text, std::string_view delim) {
  std::vector<std::string> out;
  if (delim.empty()) {
    out.emplace_back(text);
    return out;
  }
  size_t pos = 0;
  while (true) {
    size_t next = text.find(delim, pos);
    if (next == std::string_view::npos) break;
    out.emplace_back(text.substr(pos, next - pos));
    pos = next + delim.size();
  }
  out.emplace_back(text.substr(pos));
  return out;
}

// Where an unknown was made: its template, logical path and position. Two
// different expressions never share it (SPEC 4: one constant per input, and
// only one).
std::string UseSite(const Location& loc, const std::string& path) {
  return loc.file + "#" + path + "@" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

// The string parts a value contributes when it is spliced into a string.
std::vector<StringPart> PartsOf(const Value& v) {
  auto unknown = [&](std::string reason) {
    Symbol sym{Symbol::Kind::kUnknown, std::move(reason), UseSite(v.loc, v.path)};
    return std::vector<StringPart>{StringPart{"", std::move(sym)}};
  };
  switch (v.kind) {
    case Value::Kind::kString: return v.parts;
    case Value::Kind::kBool:
    case Value::Kind::kNumber: return {StringPart{v.text, std::nullopt}};
    case Value::Kind::kNull: return {};
    case Value::Kind::kUnknown: return unknown(v.reason);
    case Value::Kind::kAlternatives: return unknown("undecided Fn::If inside a string");
    case Value::Kind::kList:
    case Value::Kind::kMap: break;
  }
  return unknown("a list or map used as a string");
}

// Concatenates pieces (with `delim` between them) into one string, or into
// alternatives when some piece is an undecided Fn::If.
Value Concat(const std::vector<Value>& pieces, const std::string& delim, const Location& loc) {
  std::vector<std::vector<StringPart>> readings(1);
  bool from_default = false;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Value& piece = pieces[i];
    from_default = from_default || piece.from_default;
    std::vector<Value> options;
    if (piece.kind == Value::Kind::kAlternatives) {
      options = piece.items;
    } else {
      options.push_back(piece);
    }
    if (readings.size() * options.size() > kMaxReadings) {
      return Value::Unknown("too many Fn::If combinations in one string", loc);
    }
    std::vector<std::vector<StringPart>> next;
    for (const auto& r : readings) {
      for (const auto& o : options) {
        auto parts = r;
        if (i > 0 && !delim.empty()) parts.push_back(StringPart{delim, std::nullopt});
        auto more = PartsOf(o);
        parts.insert(parts.end(), more.begin(), more.end());
        next.push_back(std::move(parts));
      }
    }
    readings = std::move(next);
  }
  Value out;
  if (readings.size() == 1) {
    out = Value::Symbolic(std::move(readings[0]), loc);
  } else {
    std::vector<Value> alts;
    for (auto& r : readings) alts.push_back(Value::Symbolic(std::move(r), loc));
    out = Value::Alternatives(std::move(alts), loc);
  }
  out.from_default = from_default;
  return out;
}

// Sets the logical path on a value built elsewhere (parameter defaults, mappings).
Value At(Value v, const std::string& path) {
  v.path = path;
  return v;
}

}  // namespace

std::string ShortTagFunction(std::string_view tag) {
  if (!tag.starts_with('!') || tag.starts_with("!!")) return "";
  std::string_view name = tag.substr(1);
  if (std::find(kShortTags.begin(), kShortTags.end(), name) == kShortTags.end()) return "";
  if (name == "Ref" || name == "Condition") return std::string(name);
  return "Fn::" + std::string(name);
}

namespace {

std::string AlphanumericOnly(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

// Calls `on_name(offset, length, name, alnum)` for each `${name}` / `&{name}` that
// names a binding, `on_text` for the text between them.
template <typename Text, typename Name>
void ScanBindings(std::string_view text, const std::map<std::string, Value>& bindings, Text on_text, Name on_name) {
  size_t i = 0;
  size_t literal_from = 0;
  while (i + 1 < text.size()) {
    if ((text[i] == '$' || text[i] == '&') && text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close != std::string_view::npos) {
        auto it = bindings.find(std::string(text.substr(i + 2, close - i - 2)));
        if (it != bindings.end()) {
          on_text(text.substr(literal_from, i - literal_from));
          on_name(it->second, text[i] == '&', text.substr(i, close + 1 - i));
          i = close + 1;
          literal_from = i;
          continue;
        }
      }
    }
    ++i;
  }
  on_text(text.substr(literal_from));
}

}  // namespace

Value SubstituteBindings(std::string_view text, const std::map<std::string, Value>& bindings, const Location& loc) {
  std::vector<StringPart> parts;
  ScanBindings(
      text, bindings, [&](std::string_view t) { parts.push_back(StringPart{std::string(t), std::nullopt}); },
      [&](const Value& v, bool alnum, std::string_view) {
        auto lit = v.Literal();
        if (lit) {
          parts.push_back(StringPart{alnum ? AlphanumericOnly(*lit) : *lit, std::nullopt});
        } else {
          auto more = PartsOf(v);
          parts.insert(parts.end(), more.begin(), more.end());
        }
      });
  return Value::Symbolic(std::move(parts), loc);
}

std::string SubstituteLiteral(std::string_view text, const std::map<std::string, Value>& bindings) {
  std::string out;
  ScanBindings(
      text, bindings, [&](std::string_view t) { out += t; },
      [&](const Value& v, bool alnum, std::string_view written) {
        auto lit = v.Literal();
        out += lit ? (alnum ? AlphanumericOnly(*lit) : *lit) : std::string(written);
      });
  return out;
}

Evaluator::Evaluator(std::string file, const RawNode* parameters, const RawNode* mappings, const RawNode* conditions,
                     std::map<std::string, std::string> resource_types, TemplateInputs inputs,
                     EvaluatorLimits limits)
    : file_(std::move(file)),
      parameters_(parameters),
      mappings_(mappings),
      conditions_(conditions),
      resource_types_(std::move(resource_types)),
      inputs_(std::move(inputs)),
      limits_(limits) {}

Value Evaluator::UnknownAt(std::string reason, const RawNode& at, const std::string& path) const {
  Location loc = Loc(at);
  std::string scope = UseSite(loc, path);
  return At(Value::SymbolString(Symbol{Symbol::Kind::kUnknown, std::move(reason), std::move(scope)}, loc), path);
}

std::optional<Value> Evaluator::Convert(const RawNode& node, const std::string& path) { return Conv(node, path, 0); }

void Evaluator::Charge(const RawNode& node, int depth) {
  if (++values_ > limits_.max_values) {
    std::string what = aliases_ > 0 ? "alias expansion exceeds " : "template expands to more than ";
    throw LimitExceeded{what + std::to_string(limits_.max_values) + " nodes", node.line, node.column};
  }
  if (depth > limits_.max_depth) {
    throw LimitExceeded{"nesting deeper than " + std::to_string(limits_.max_depth) + " levels", node.line,
                        node.column};
  }
}

Value Evaluator::Scalar(const RawNode& node) const {
  Location loc = Loc(node);
  const std::string& s = node.scalar;
  if (!bindings_.empty() && (s.find("${") != std::string::npos || s.find("&{") != std::string::npos)) {
    Value v = SubstituteBindings(s, bindings_, loc);
    if (!(v.IsLiteralString() && v.parts[0].literal == s)) return v;
  }
  if (node.quoted || !node.tag.empty()) return Value::String(s, loc);
  if (s == "true" || s == "True" || s == "TRUE") return Value::Bool(true, loc);
  if (s == "false" || s == "False" || s == "FALSE") return Value::Bool(false, loc);
  if (IsNumber(s)) return Value::Number(s, loc);
  return Value::String(s, loc);
}

std::optional<Value> Evaluator::Conv(const RawNode& node, const std::string& path, int depth, bool skip_tag) {
  Charge(node, depth);
  if (node.kind == RawNode::Kind::kAlias) {
    if (++aliases_ > limits_.max_alias_expansions) {
      throw LimitExceeded{"alias expansion exceeds " + std::to_string(limits_.max_alias_expansions) + " aliases",
                          node.line, node.column};
    }
    return Conv(*node.alias, path, depth + 1);
  }
  if (!skip_tag && !node.tag.empty()) {
    std::string fn = ShortTagFunction(node.tag);
    if (!fn.empty()) return Intrinsic(fn, node, node, path, depth);
  }
  std::optional<Value> out;
  switch (node.kind) {
    case RawNode::Kind::kNull: out = Value::Null(Loc(node)); break;
    case RawNode::Kind::kScalar: out = Scalar(node); break;
    case RawNode::Kind::kSequence: {
      std::vector<Value> items;
      for (size_t i = 0; i < node.children.size(); ++i) {
        auto item = Conv(*node.children[i], path + "/" + std::to_string(i), depth + 1);
        if (item) items.push_back(std::move(*item));
      }
      out = Value::List(std::move(items), Loc(node));
      break;
    }
    case RawNode::Kind::kMap: {
      auto for_each = [&](const RawNode& key) {
        return language_extensions_ && key.IsScalar() && key.scalar.starts_with("Fn::ForEach::");
      };
      if (node.children.size() == 2 && node.children[0]->IsScalar() && IsIntrinsicKey(node.children[0]->scalar) &&
          !for_each(*node.children[0])) {
        return Intrinsic(node.children[0]->scalar, *node.children[1], node, path, depth);
      }
      std::vector<std::pair<std::string, Value>> entries;
      for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
        const RawNode& key = *node.children[i];
        if (for_each(key)) {
          ForEachEntries(key, *node.children[i + 1], path, depth, entries);
          continue;
        }
        std::string name = key.IsScalar() ? key.scalar : "";
        if (!bindings_.empty()) name = SubstituteLiteral(name, bindings_);
        auto value = Conv(*node.children[i + 1], path + "/" + name, depth + 1);
        if (value) entries.emplace_back(name, std::move(*value));
      }
      out = Value::Map(std::move(entries), Loc(node));
      break;
    }
    case RawNode::Kind::kAlias: break;  // handled above
  }
  if (out) out->path = path;
  return out;
}

void Evaluator::ForEachEntries(const RawNode& key, const RawNode& loop_node, const std::string& path, int depth,
                               std::vector<std::pair<std::string, Value>>& entries) {
  const RawNode& loop = loop_node.kind == RawNode::Kind::kAlias && loop_node.alias ? *loop_node.alias : loop_node;
  const auto& args = loop.children;
  const RawNode* output = args.size() == 3 ? args[2].get() : nullptr;
  if (output && output->kind == RawNode::Kind::kAlias) output = output->alias;
  if (loop.kind != RawNode::Kind::kSequence || args.size() != 3 || !args[0]->IsScalar() || !output ||
      !output->IsMap()) {
    entries.emplace_back(key.scalar, UnknownAt("malformed " + key.scalar, key, path + "/" + key.scalar));
    return;
  }
  const std::string& identifier = args[0]->scalar;
  auto collection = Conv(*args[1], path + "/" + key.scalar + "/1", depth + 1);
  std::vector<Value> elements;
  if (collection && collection->IsList()) {
    elements = collection->items;
  } else {
    // One abstract entry: the element is one fixed value the scan cannot see.
    Location loc = Loc(*args[1]);
    elements.push_back(Value::SymbolString(Symbol{Symbol::Kind::kUnknown,
                                                  "element of " + key.scalar + ", whose collection is not known",
                                                  UseSite(Loc(key), path + "/" + key.scalar)},
                                           loc));
  }
  const auto saved = bindings_;
  for (const Value& element : elements) {
    bindings_[identifier] = element;
    for (size_t i = 0; i + 1 < output->children.size(); i += 2) {
      const RawNode& k = *output->children[i];
      std::string name = SubstituteLiteral(k.IsScalar() ? k.scalar : "", bindings_);
      auto value = Conv(*output->children[i + 1], path + "/" + name, depth + 1);
      if (value) entries.emplace_back(name, std::move(*value));
    }
  }
  bindings_ = saved;
}

std::optional<std::string> Evaluator::LiteralArg(const RawNode& node, const std::string& path, int depth) {
  auto v = Conv(node, path, depth + 1);
  if (!v) return std::nullopt;
  return v->Literal();
}

std::optional<Value> Evaluator::Intrinsic(std::string_view fn, const RawNode& arg, const RawNode& at,
                                          const std::string& path, int depth) {
  const bool self = &arg == &at;  // a short tag: the argument is the tagged node itself
  auto unknown = [&](std::string reason) { return At(Value::Unknown(std::move(reason), Loc(at)), path); };
  if (fn == "Ref") {
    if (!arg.IsScalar()) {
      // AWS::LanguageExtensions: `Ref: {Fn::Sub: "Subnet${Identifier}"}` names a resource of the loop.
      auto named = Conv(arg, path, depth + 1, self);
      auto name = named ? named->Literal() : std::nullopt;
      if (!name) return unknown("Ref of a value that is not a name");
      return Ref(*name, at, path, depth);
    }
    return Ref(arg.scalar, at, path, depth);
  }
  if (fn == "Fn::GetAtt") {
    std::string id;
    std::string attr;
    if (arg.IsScalar()) {
      std::string text = bindings_.empty() ? arg.scalar : SubstituteLiteral(arg.scalar, bindings_);
      size_t dot = text.find('.');
      if (dot == std::string::npos) return unknown("Fn::GetAtt " + text + " names no attribute");
      id = text.substr(0, dot);
      attr = text.substr(dot + 1);
    } else if (arg.kind == RawNode::Kind::kSequence && arg.children.size() == 2) {
      auto named = LiteralArg(*arg.children[0], path, depth);
      if (!named) return UnknownAt("Fn::GetAtt of a resource that is not known", at, path);
      id = *named;
      auto a = LiteralArg(*arg.children[1], path, depth);
      if (!a) return UnknownAt("Fn::GetAtt of " + id + " with an attribute that is not known", at, path);
      attr = *a;
    } else {
      return unknown("malformed Fn::GetAtt");
    }
    return At(GetAtt(id, attr, at), path);
  }
  if (fn == "Fn::Sub") return At(Sub(arg, at, path, depth), path);
  if (fn == "Fn::Join") return At(Join(arg, at, path, depth), path);
  if (fn == "Fn::Select") return At(Select(arg, at, path, depth), path);
  if (fn == "Fn::Split") return At(Split(arg, at, path, depth), path);
  if (fn == "Fn::FindInMap") return FindInMap(arg, at, path, depth);
  if (fn == "Fn::If") return If(arg, at, path, depth);
  if (fn == "Fn::ImportValue") {
    auto name = self ? (arg.IsScalar() ? std::optional<std::string>(arg.scalar) : std::nullopt)
                     : LiteralArg(arg, path, depth);
    if (self && !arg.IsScalar()) {
      auto v = Conv(arg, path, depth + 1, /*skip_tag=*/true);
      if (v) name = v->Literal();
    }
    if (!name) return UnknownAt("Fn::ImportValue of a name that is not known", at, path);
    return At(Value::SymbolString(Symbol{Symbol::Kind::kImport, *name}, Loc(at)), path);
  }
  if (fn == "Fn::Equals" || fn == "Fn::Not" || fn == "Fn::And" || fn == "Fn::Or" || fn == "Condition") {
    auto b = CondExpr(at, depth, false);
    if (!b) return unknown(std::string(fn) + " that the template does not decide");
    return At(Value::Bool(*b, Loc(at)), path);
  }
  if (fn == "Fn::Length") {
    auto v = Conv(arg, path, depth + 1, self);
    if (v && v->IsList()) return At(Value::Number(std::to_string(v->items.size()), Loc(at)), path);
    return unknown("Fn::Length of a list that is not known");
  }
  if (fn == "Fn::Base64") return UnknownAt("Fn::Base64 is not evaluated", at, path);
  if (fn == "Fn::GetAZs") return unknown("Fn::GetAZs depends on the deployment region");
  if (fn == "Fn::Cidr") return unknown("Fn::Cidr is not evaluated");
  if (fn == "Fn::Transform") return unknown("Fn::Transform runs a macro at deploy time");
  if (fn == "Fn::ToJsonString") return ToJsonString(arg, at, path, depth, self);
  return unknown("unsupported intrinsic " + std::string(fn));
}

std::optional<Value> Evaluator::Ref(const std::string& name, const RawNode& at, const std::string& path, int depth) {
  if (name == "AWS::NoValue") return std::nullopt;
  if (auto bound = bindings_.find(name); bound != bindings_.end()) return At(bound->second, path);
  if (!bindings_.empty() && name.find('{') != std::string::npos) {
    std::string substituted = SubstituteLiteral(name, bindings_);
    if (substituted != name) return Ref(substituted, at, path, depth);
  }
  if (IsPseudo(name)) return At(Pseudo(name, at), path);
  if (const RawNode* decl = parameters_ ? parameters_->Find(name) : nullptr) {
    return At(Parameter(name, *decl, at, depth), path);
  }
  if (resource_types_.count(name)) return At(ResourceRef(name, at), path);
  return At(Value::Unknown("Ref to " + name + ", which the template does not define", Loc(at)), path);
}

Value Evaluator::Parameter(const std::string& name, const RawNode& decl, const RawNode& at, int depth) {
  const RawNode* type_node = decl.Find("Type");
  std::string type = type_node && type_node->IsScalar() ? type_node->scalar : "String";
  const RawNode* def = decl.Find("Default");
  bool is_list = type.starts_with("List<") || type == "CommaDelimitedList";
  auto split = [&](const std::string& text, const Location& loc, bool from_default) {
    std::vector<Value> items;
    for (const auto& item : SplitText(text, ",")) {
      items.push_back(Value::String(std::string(TrimAscii(item)), loc));
      items.back().from_default = from_default;
    }
    return Value::List(std::move(items), Loc(at));
  };
  if (type.starts_with("AWS::SSM::Parameter::Value")) {
    // Its Default (or a given value) is the SSM parameter's name, not its value.
    return Value::SymbolString(
        Symbol{Symbol::Kind::kUnknown, "parameter " + name + " is read from SSM at deploy time", file_}, Loc(at));
  }
  auto given = inputs_.parameters.find(name);
  if (given != inputs_.parameters.end()) {
    if (is_list) return split(given->second, Loc(at), false);
    return Value::String(given->second, Loc(at));
  }
  if (def == nullptr || def->kind == RawNode::Kind::kNull) {
    std::string reason = "parameter " + name + " has no default";
    if (is_list) return Value::Unknown(reason, Loc(at));
    // One parameter is one constant in the whole template (SPEC 4).
    Symbol input{Symbol::Kind::kUnknown, reason, file_};
    Constrain(input, type, decl);
    return Value::SymbolString(std::move(input), Loc(at));
  }
  Value out;
  if (def->IsScalar() && is_list) {
    out = split(def->scalar, Loc(*def), true);
  } else if (def->IsScalar()) {
    // A Ref to a parameter is always a string, whatever YAML made of the default.
    out = Value::String(def->scalar, Loc(at));
  } else {
    auto v = Conv(*def, "Parameters/" + name + "/Default", depth + 1);
    out = v ? *v : Value::Null(Loc(at));
  }
  out.from_default = true;
  return out;
}

void Evaluator::Constrain(const Symbol& input, const std::string& type, const RawNode& decl) {
  if (!constrained_.insert(input.name).second) return;
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  auto size = [&](const RawNode* n) -> std::optional<size_t> {
    if (n == nullptr || !n->IsScalar() || n->scalar.empty() || n->scalar.size() > 9 ||
        !std::all_of(n->scalar.begin(), n->scalar.end(), digit)) {
      return std::nullopt;
    }
    return static_cast<size_t>(std::stoul(n->scalar));
  };
  InputConstraint c;
  if (const RawNode* values = decl.Find("AllowedValues"); values && values->kind == RawNode::Kind::kSequence) {
    for (const auto& v : values->children) {
      if (v->IsScalar()) c.allowed_values.push_back(v->scalar);
    }
  }
  if (const RawNode* pattern = decl.Find("AllowedPattern"); pattern && pattern->IsScalar()) {
    c.allowed_pattern = pattern->scalar;
  } else if (type == "Number") {
    c.allowed_pattern = "-?[0-9]+(\\.[0-9]+)?";
  }
  c.min_length = size(decl.Find("MinLength"));
  c.max_length = size(decl.Find("MaxLength"));
  if (c.allowed_values.empty() && c.allowed_pattern.empty() && !c.min_length && !c.max_length) return;
  constraints_.push_back({input, std::move(c)});
}

Value Evaluator::Pseudo(const std::string& name, const RawNode& at) const { return PseudoValue(name, Loc(at)); }

Value Evaluator::PseudoValue(const std::string& name, Location loc) const {
  if (name == "AWS::Region" && !inputs_.region.empty()) return Value::String(inputs_.region, loc);
  if (name == "AWS::AccountId" && !inputs_.account.empty()) return Value::String(inputs_.account, loc);
  if (name == "AWS::Partition") return Value::String(std::string(PartitionOf(inputs_.region).name), loc);
  if (name == "AWS::URLSuffix") return Value::String(std::string(PartitionOf(inputs_.region).url_suffix), loc);
  return Value::SymbolString(Symbol{Symbol::Kind::kPseudo, name}, loc);
}

Partition PartitionOf(std::string_view region) {
  // Longest prefix first: us-isob- before us-iso-.
  if (region.starts_with("cn-")) return {"aws-cn", "amazonaws.com.cn"};
  if (region.starts_with("us-gov-")) return {"aws-us-gov", "amazonaws.com"};
  if (region.starts_with("us-isob-")) return {"aws-iso-b", "sc2s.sgov.gov"};
  if (region.starts_with("us-iso-")) return {"aws-iso", "c2s.ic.gov"};
  return {"aws", "amazonaws.com"};  // also when the region is not known
}

Value Evaluator::ResourceRef(const std::string& id, const RawNode& at) const {
  const std::string& type = resource_types_.at(id);
  Symbol::Kind kind = Symbol::Kind::kResourceRef;
  if (type == "AWS::Cognito::IdentityPool") kind = Symbol::Kind::kPoolId;
  if (type == "AWS::IAM::Role") kind = Symbol::Kind::kRoleName;
  return Value::SymbolString(Symbol{kind, Key(id)}, Loc(at));
}

Value Evaluator::GetAtt(const std::string& id, const std::string& attr, const RawNode& at) const {
  auto it = resource_types_.find(id);
  if (it == resource_types_.end()) {
    return Value::Unknown("Fn::GetAtt of " + id + ", which the template does not define", Loc(at));
  }
  if (it->second == "AWS::IAM::Role" && attr == "Arn") {
    return Value::SymbolString(Symbol{Symbol::Kind::kRoleArn, Key(id)}, Loc(at));
  }
  return Value::SymbolString(Symbol{Symbol::Kind::kResourceRef, Key(id) + "." + attr}, Loc(at));
}

namespace {

void AppendJsonLiteral(std::string_view s, std::vector<StringPart>& out) {
  std::string text;
  for (char c : s) {
    switch (c) {
      case '"': text += "\\\""; break;
      case '\\': text += "\\\\"; break;
      case '\n': text += "\\n"; break;
      case '\r': text += "\\r"; break;
      case '\t': text += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          text += "\\u00";
          text += kHex[(c >> 4) & 0xf];
          text += kHex[c & 0xf];
        } else {
          text += c;
        }
    }
  }
  out.push_back(StringPart{std::move(text), std::nullopt});
}

// Compact JSON text of `v`, symbols kept as symbols inside the string they stand in.
// False when some part is not known as a whole (an unknown value, an undecided Fn::If).
bool AppendJson(const Value& v, std::vector<StringPart>& out) {
  auto lit = [&](std::string s) { out.push_back(StringPart{std::move(s), std::nullopt}); };
  switch (v.kind) {
    case Value::Kind::kNull: lit("null"); return true;
    case Value::Kind::kBool:
    case Value::Kind::kNumber: lit(v.text); return true;
    case Value::Kind::kString:
      lit("\"");
      for (const auto& p : v.parts) {
        if (p.symbol) {
          out.push_back(p);
        } else {
          AppendJsonLiteral(p.literal, out);
        }
      }
      lit("\"");
      return true;
    case Value::Kind::kList:
      lit("[");
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) lit(",");
        if (!AppendJson(v.items[i], out)) return false;
      }
      lit("]");
      return true;
    case Value::Kind::kMap:
      lit("{");
      for (size_t i = 0; i < v.entries.size(); ++i) {
        if (i > 0) lit(",");
        lit("\"");
        AppendJsonLiteral(v.entries[i].first, out);
        lit("\":");
        if (!AppendJson(v.entries[i].second, out)) return false;
      }
      lit("}");
      return true;
    case Value::Kind::kAlternatives:
    case Value::Kind::kUnknown: return false;
  }
  return false;
}

}  // namespace

std::optional<Value> Evaluator::ToJsonString(const RawNode& arg, const RawNode& at, const std::string& path,
                                             int depth, bool self) {
  auto v = Conv(arg, path, depth + 1, self);
  if (!v) return UnknownAt("Fn::ToJsonString of AWS::NoValue", at, path);
  std::vector<StringPart> parts;
  if (!AppendJson(*v, parts)) {
    std::string reason;
    v->DependsOnUnknown(&reason);
    if (reason.empty()) reason = "Fn::ToJsonString of a value with an undecided Fn::If";
    return UnknownAt(reason, at, path);
  }
  return At(Value::Symbolic(std::move(parts), Loc(at)), path);
}

Value Evaluator::Sub(const RawNode& arg, const RawNode& at, const std::string& path, int depth) {
  const RawNode* text_node = &arg;
  const RawNode* vars = nullptr;
  if (arg.kind == RawNode::Kind::kSequence && !arg.children.empty()) {
    text_node = arg.children[0].get();
    if (arg.children.size() > 1) vars = arg.children[1].get();
  }
  if (!text_node->IsScalar()) return UnknownAt("Fn::Sub of a template that is not a string", at, path);
  std::string text = text_node->scalar;
  if (!bindings_.empty() && text.find("&{") != std::string::npos) {
    // The alphanumeric form is replaced first; ${Name} is an ordinary Fn::Sub variable below.
    std::map<std::string, Value> alnum_only;
    for (const auto& [name, value] : bindings_) {
      if (value.Literal()) alnum_only.emplace(name, value);
    }
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      size_t amp = text.find("&{", i);
      if (amp == std::string::npos) break;
      out += text.substr(i, amp - i);
      size_t close = text.find('}', amp);
      if (close == std::string::npos) break;
      out += SubstituteLiteral(text.substr(amp, close + 1 - amp), alnum_only);
      i = close + 1;
    }
    text = out + (i < text.size() ? text.substr(i) : "");
  }
  std::vector<Value> pieces;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) pieces.push_back(Value::String(std::exchange(literal, ""), Loc(at)));
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) {
      literal += text.substr(i);
      break;
    }
    literal += text.substr(i, open - i);
    std::string name = text.substr(open + 2, close - open - 2);
    i = close + 1;
    if (name.starts_with('!')) {  // ${!Literal} is the text ${Literal}
      literal += "${" + name.substr(1) + "}";
      continue;
    }
    const std::string trimmed(TrimAscii(name));
    const RawNode* var = vars ? vars->Find(trimmed) : nullptr;
    std::optional<Value> piece;
    size_t dot = trimmed.find('.');
    if (var) {
      piece = Conv(*var, path + "/" + trimmed, depth + 1);
    } else if (auto bound = bindings_.find(trimmed); bound != bindings_.end()) {
      piece = bound->second;
    } else if (IsPseudo(trimmed) || (parameters_ && parameters_->Find(trimmed)) || resource_types_.count(trimmed)) {
      piece = Ref(trimmed, at, path, depth);
    } else if (dot != std::string::npos && resource_types_.count(trimmed.substr(0, dot))) {
      piece = GetAtt(trimmed.substr(0, dot), trimmed.substr(dot + 1), at);
    } else {
      // Not a CloudFormation name: an IAM policy variable such as
      // ${cognito-identity.amazonaws.com:sub} or ${aws:username}; keep it as text.
      literal += "${" + name + "}";
      continue;
    }
    flush();
    if (piece) pieces.push_back(std::move(*piece));
  }
  flush();
  return Concat(pieces, "", Loc(at));
}

Value Evaluator::Join(const RawNode& arg, const RawNode& at, const std::string& path, int depth) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 2) {
    return Value::Unknown("malformed Fn::Join", Loc(at));
  }
  auto delim = LiteralArg(*arg.children[0], path, depth);
  if (!delim) delim = arg.children[0]->kind == RawNode::Kind::kNull ? std::optional<std::string>("") : std::nullopt;
  if (!delim) return UnknownAt("Fn::Join with a delimiter that is not known", at, path);
  auto list = Conv(*arg.children[1], path, depth + 1);
  if (!list || !list->IsList()) {
    std::string why = list && list->IsUnknown() ? list->reason : "Fn::Join of a list that is not known";
    return UnknownAt(why, at, path);
  }
  return Concat(list->items, *delim, Loc(at));
}

Value Evaluator::Select(const RawNode& arg, const RawNode& at, const std::string& path, int depth) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 2) {
    return Value::Unknown("malformed Fn::Select", Loc(at));
  }
  auto index = LiteralArg(*arg.children[0], path, depth);
  auto list = Conv(*arg.children[1], path, depth + 1);
  if (!index || !IsNumber(*index) || index->find_first_of(".-+") != std::string::npos || index->size() > 9) {
    return UnknownAt("Fn::Select with an index that is not known", at, path);
  }
  if (!list || !list->IsList()) return UnknownAt("Fn::Select from a list that is not known", at, path);
  size_t i = std::stoul(*index);
  if (i >= list->items.size()) return Value::Unknown("Fn::Select index " + *index + " is out of range", Loc(at));
  return list->items[i];
}

Value Evaluator::Split(const RawNode& arg, const RawNode& at, const std::string& path, int depth) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 2) {
    return Value::Unknown("malformed Fn::Split", Loc(at));
  }
  auto delim = LiteralArg(*arg.children[0], path, depth);
  auto source = LiteralArg(*arg.children[1], path, depth);
  if (!delim || !source) return Value::Unknown("Fn::Split of a value that is not known", Loc(at));
  std::vector<Value> items;
  for (auto& piece : SplitText(*source, *delim)) items.push_back(Value::String(std::move(piece), Loc(at)));
  return Value::List(std::move(items), Loc(at));
}

namespace {

const RawNode* Deref(const RawNode* node) {
  for (int hops = 0; node != nullptr && node->kind == RawNode::Kind::kAlias && hops < 64; ++hops) node = node->alias;
  return node;
}

// Every value `Fn::FindInMap` can give when some keys are not known: all entries at
// those levels. False when one is not a plain scalar, or there are too many to list.
bool MappedValues(const RawNode* level, const std::vector<std::optional<std::string>>& keys, size_t depth,
                  std::vector<std::string>* out) {
  constexpr size_t kMaxValues = 1000;
  level = Deref(level);
  if (level == nullptr) return true;  // a key that is absent adds nothing
  if (depth == keys.size()) {
    if (!level->IsScalar() || out->size() >= kMaxValues) return false;
    if (std::find(out->begin(), out->end(), level->scalar) == out->end()) out->push_back(level->scalar);
    return true;
  }
  if (keys[depth]) return MappedValues(level->Find(*keys[depth]), keys, depth + 1, out);
  if (!level->IsMap()) return false;
  for (size_t i = 1; i < level->children.size(); i += 2) {
    if (!MappedValues(level->children[i].get(), keys, depth + 1, out)) return false;
  }
  return true;
}

}  // namespace

std::optional<Value> Evaluator::FindInMap(const RawNode& arg, const RawNode& at, const std::string& path, int depth) {
  auto unknown = [&](std::string reason) { return At(Value::Unknown(std::move(reason), Loc(at)), path); };
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() < 3) return unknown("malformed Fn::FindInMap");
  std::vector<std::optional<std::string>> lookup;  // nullopt: a key the template does not decide
  std::string deciding;                             // the input behind the first such key
  for (size_t i = 0; i < 3; ++i) {
    std::optional<Value> k = Conv(*arg.children[i], path, depth + 1);
    lookup.push_back(k ? k->Literal() : std::nullopt);
    if (!lookup.back() && k && deciding.empty()) k->DependsOnUnknown(&deciding);
  }
  if (std::find(lookup.begin(), lookup.end(), std::nullopt) != lookup.end()) {
    // One of the mapped values, whichever the key: a constant bounded by them.
    const std::string map_name = lookup[0] ? *lookup[0] : std::string("a map");
    Value out = UnknownAt("Fn::FindInMap in " + map_name + " with a key that is not known" +
                              (deciding.empty() ? "" : " (" + deciding + ")"),
                          at, path);
    std::vector<std::string> values;
    if (MappedValues(mappings_, lookup, 0, &values)) {
      const RawNode* fallback = arg.children.size() > 3 ? arg.children[3]->Find("DefaultValue") : nullptr;
      if (fallback == nullptr || (fallback->IsScalar() && (values.push_back(fallback->scalar), true))) {
        constraints_.push_back({*out.parts.front().symbol, InputConstraint{std::move(values), "", {}, {}}});
      }
    }
    return out;
  }
  std::vector<std::string> keys;
  for (const auto& k : lookup) keys.push_back(*k);
  const RawNode* found = mappings_ ? mappings_->Find(keys[0]) : nullptr;
  if (found) found = found->Find(keys[1]);
  if (found) found = found->Find(keys[2]);
  if (!found) {
    // The optional fourth argument: {DefaultValue: x}.
    const RawNode* fallback = arg.children.size() > 3 ? arg.children[3]->Find("DefaultValue") : nullptr;
    if (fallback) return Conv(*fallback, path, depth + 1);
    return unknown("Fn::FindInMap " + keys[0] + "/" + keys[1] + "/" + keys[2] + " is not in Mappings");
  }
  auto v = Conv(*found, path, depth + 1);
  if (v) v->path = path;
  return v;
}

std::optional<Value> Evaluator::If(const RawNode& arg, const RawNode& at, const std::string& path, int depth) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 3 || !arg.children[0]->IsScalar()) {
    return At(Value::Unknown("malformed Fn::If", Loc(at)), path);
  }
  std::optional<bool> decided = Condition(arg.children[0]->scalar);
  if (decided) return Conv(*arg.children[*decided ? 1 : 2], path, depth + 1);
  std::vector<Value> branches;
  for (size_t i = 1; i < 3; ++i) {
    auto v = Conv(*arg.children[i], path, depth + 1);
    branches.push_back(v ? std::move(*v) : At(Value::Null(Loc(*arg.children[i])), path));
  }
  return At(Value::Alternatives(std::move(branches), Loc(at)), path);
}

std::optional<bool> Evaluator::Condition(const std::string& name) {
  auto memo = condition_memo_.find(name);
  if (memo != condition_memo_.end()) return memo->second;
  const RawNode* expr = conditions_ ? conditions_->Find(name) : nullptr;
  if (!expr || conditions_in_progress_.count(name)) return std::nullopt;  // undefined or circular
  conditions_in_progress_.insert(name);
  std::optional<bool> out = CondExpr(*expr, 0, false);
  conditions_in_progress_.erase(name);
  condition_memo_[name] = out;
  return out;
}

std::optional<bool> Evaluator::CondExpr(const RawNode& node, int depth, bool skip_tag) {
  Charge(node, depth);
  if (node.kind == RawNode::Kind::kAlias) return CondExpr(*node.alias, depth + 1, false);
  std::string fn;
  const RawNode* arg = nullptr;
  if (!skip_tag && !node.tag.empty()) {
    fn = ShortTagFunction(node.tag);
    arg = &node;
  } else if (node.IsMap() && node.children.size() == 2 && node.children[0]->IsScalar()) {
    fn = node.children[0]->scalar;
    arg = node.children[1].get();
  } else if (node.IsScalar()) {
    if (node.scalar == "true") return true;
    if (node.scalar == "false") return false;
    return std::nullopt;
  }
  if (arg == nullptr) return std::nullopt;
  if (fn == "Condition") return arg->IsScalar() ? Condition(arg->scalar) : std::nullopt;
  if (arg->kind != RawNode::Kind::kSequence) return std::nullopt;
  const auto& args = arg->children;
  if (fn == "Fn::Equals" && args.size() == 2) {
    auto a = Conv(*args[0], "Conditions", depth + 1);
    auto b = Conv(*args[1], "Conditions", depth + 1);
    if (!a || !b) return std::nullopt;
    auto la = a->Literal();
    auto lb = b->Literal();
    if (la && lb) return *la == *lb;
    // The same symbols in the same order are the same text, whatever they are.
    if (a->IsString() && b->IsString() && RenderForMatching(a->parts) == RenderForMatching(b->parts)) return true;
    return std::nullopt;
  }
  if (fn == "Fn::Not" && args.size() == 1) {
    auto v = CondExpr(*args[0], depth + 1, false);
    if (!v) return std::nullopt;
    return !*v;
  }
  if (fn == "Fn::And" || fn == "Fn::Or") {
    const bool is_and = fn == "Fn::And";
    bool undecided = false;
    for (const auto& a : args) {
      auto v = CondExpr(*a, depth + 1, false);
      if (!v) {
        undecided = true;
      } else if (*v != is_and) {
        return !is_and;  // a false in And, a true in Or decides
      }
    }
    if (undecided) return std::nullopt;
    return is_and;
  }
  return std::nullopt;
}

}  // namespace trustlint::cfn
