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

// Appends `part` to `out`, charging its bytes first; a literal merges into a literal
// before it, so that equal strings have equal parts.
void AppendPart(std::vector<StringPart>& out, StringPart part, Budget& budget, const Location& where) {
  if (!part.symbol && part.literal.empty()) return;
  budget.SpendBytes(part.Bytes(), where);
  if (!part.symbol && !out.empty() && !out.back().symbol) {
    out.back().literal += part.literal;
  } else {
    out.push_back(std::move(part));
  }
}

// Appends the string parts a value contributes when it is spliced into a string.
void AppendParts(const Value& v, std::vector<StringPart>& out, Budget& budget, const Location& where) {
  auto unknown = [&](std::string reason) {
    AppendPart(out, StringPart{"", Symbol{Symbol::Kind::kUnknown, std::move(reason), UseSite(v.loc, v.path)}}, budget,
               where);
  };
  switch (v.kind) {
    case Value::Kind::kString:
      for (const StringPart& p : v.parts) AppendPart(out, p, budget, where);
      return;
    case Value::Kind::kBool:
    case Value::Kind::kNumber: AppendPart(out, StringPart{v.text, std::nullopt}, budget, where); return;
    case Value::Kind::kNull: return;
    case Value::Kind::kUnknown: unknown(v.reason); return;
    case Value::Kind::kAlternatives: unknown("undecided Fn::If inside a string"); return;
    case Value::Kind::kList:
    case Value::Kind::kMap: break;
  }
  unknown("a list or map used as a string");
}

// Builds one string from pieces (Fn::Join, Fn::Sub), or alternatives when a piece is
// an undecided Fn::If, in time linear in what it appends: each piece is appended in
// place to each reading, and every byte is charged to the budget before it is copied.
class StringBuilder {
 public:
  StringBuilder(Budget& budget, Location loc) : budget_(budget), loc_(loc), readings_(1) {}

  void AddLiteral(std::string_view text) {
    if (too_many_) return;
    for (auto& r : readings_) AppendPart(r, StringPart{std::string(text), std::nullopt}, budget_, loc_);
  }

  void Add(const Value& piece) {
    from_default_ = from_default_ || piece.from_default;
    if (too_many_) return;
    const bool alternatives = piece.kind == Value::Kind::kAlternatives;
    const size_t n = alternatives ? piece.items.size() : 1;
    // An Fn::If always has two branches; an empty alternative list leaves no reading.
    if (n == 0) {
      readings_.clear();
      return;
    }
    if (readings_.size() * n > kMaxReadings) {
      too_many_ = true;
      return;
    }
    if (n != 1) {
      // Each reading becomes one per branch. Readings at least double each time, so
      // this copies at most log2(kMaxReadings) times.
      std::vector<std::vector<StringPart>> next;
      next.reserve(readings_.size() * n);
      for (const auto& r : readings_) {
        for (size_t k = 0; k < n; ++k) {
          for (const StringPart& p : r) budget_.SpendBytes(p.Bytes(), loc_);
          next.push_back(r);
        }
      }
      readings_ = std::move(next);
    }
    for (size_t r = 0; r < readings_.size(); ++r) {
      AppendParts(alternatives ? piece.items[r % n] : piece, readings_[r], budget_, loc_);
    }
  }

  Value Finish() && {
    if (too_many_) return Value::Unknown("too many Fn::If combinations in one string", loc_);
    Value out;
    if (readings_.size() == 1) {
      out = String(std::move(readings_[0]));
    } else {
      std::vector<Value> alts;
      for (auto& r : readings_) alts.push_back(String(std::move(r)));
      out = Value::Alternatives(std::move(alts), loc_);
    }
    out.from_default = from_default_;
    return out;
  }

 private:
  Budget& budget_;
  Location loc_;
  std::vector<std::vector<StringPart>> readings_;
  bool from_default_ = false;
  bool too_many_ = false;

  // A string of parts that AppendPart has already merged (Value::Symbolic would copy
  // them once more to merge them).
  Value String(std::vector<StringPart> parts) const {
    Value out = Value::Symbolic({}, loc_);
    if (!parts.empty()) out.parts = std::move(parts);
    return out;
  }
};

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

Value SubstituteBindings(std::string_view text, const std::map<std::string, Value>& bindings, const Location& loc,
                         Budget& budget) {
  std::vector<StringPart> parts;
  ScanBindings(
      text, bindings,
      [&](std::string_view t) {
        AppendPart(parts, StringPart{std::string(t), std::nullopt}, budget, loc);
      },
      [&](const Value& v, bool alnum, std::string_view) {
        auto lit = v.Literal();
        if (lit) {
          AppendPart(parts, StringPart{alnum ? AlphanumericOnly(*lit) : *lit, std::nullopt}, budget, loc);
        } else {
          AppendParts(v, parts, budget, loc);
        }
      });
  return Value::Symbolic(std::move(parts), loc);
}

std::string SubstituteLiteral(std::string_view text, const std::map<std::string, Value>& bindings, Budget& budget,
                              const Location& loc) {
  std::string out;
  auto append = [&](std::string_view piece) {
    budget.SpendBytes(piece.size(), loc);
    out += piece;
  };
  ScanBindings(text, bindings, append, [&](const Value& v, bool alnum, std::string_view written) {
    auto lit = v.Literal();
    append(lit ? (alnum ? AlphanumericOnly(*lit) : *lit) : std::string(written));
  });
  return out;
}

std::uint64_t ValueBytes(const Value& v) {
  std::uint64_t bytes = 0;
  std::vector<const Value*> todo{&v};
  while (!todo.empty()) {
    const Value* x = todo.back();
    todo.pop_back();
    bytes += 1 + x->text.size() + x->reason.size() + x->path.size();
    for (const StringPart& p : x->parts) bytes += p.Bytes();
    for (const Value& item : x->items) todo.push_back(&item);
    for (const auto& [key, value] : x->entries) {
      bytes += key.size();
      todo.push_back(&value);
    }
  }
  return bytes;
}

// One level of the evaluation's recursion (a Conv or CondExpr frame), for as long as
// it lives. The count is the Evaluator's, not a parameter: it is never restarted when
// one function calls another (Condition -> CondExpr -> Conv -> Condition ...), so the
// cap bounds the real depth of the stack.
class Evaluator::Nesting {
 public:
  Nesting(Evaluator& e, const RawNode& at) : depth_(e.depth_) {
    if (depth_ >= e.limits_.max_depth) {
      throw LimitExceeded{
          {"nesting deeper than " + std::to_string(e.limits_.max_depth) + " levels", at.line, at.column}};
    }
    ++depth_;
  }
  ~Nesting() { --depth_; }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;

 private:
  int& depth_;
};

Evaluator::Evaluator(std::string file, const RawNode* parameters, const RawNode* mappings, const RawNode* conditions,
                     std::map<std::string, std::string> resource_types, Budget& budget, TemplateInputs inputs,
                     EvaluatorLimits limits)
    : file_(std::move(file)),
      parameters_(parameters),
      mappings_(mappings),
      conditions_(conditions),
      resource_types_(std::move(resource_types)),
      budget_(budget),
      inputs_(std::move(inputs)),
      limits_(limits) {}

Value Evaluator::UnknownAt(std::string reason, const RawNode& at, const std::string& path) const {
  Location loc = Loc(at);
  std::string scope = UseSite(loc, path);
  return At(Value::SymbolString(Symbol{Symbol::Kind::kUnknown, std::move(reason), std::move(scope)}, loc), path);
}

std::optional<Value> Evaluator::Convert(const RawNode& node, const std::string& path) { return Conv(node, path); }

const RawNode* Evaluator::Lookup(const RawNode* map, std::string_view key) {
  constexpr size_t kIndexFrom = 32;  // entries; below this a linear Find is as fast
  const RawNode* self = map != nullptr && map->kind == RawNode::Kind::kAlias ? map->alias : map;
  if (self == nullptr || !self->IsMap() || self->children.size() < 2 * kIndexFrom) {
    return map ? map->Find(key) : nullptr;
  }
  auto [it, fresh] = indexes_.try_emplace(self);
  auto& index = it->second;
  if (fresh) {
    for (size_t i = 0; i + 1 < self->children.size(); i += 2) {
      const RawNode* k = self->children[i].get();
      if (k->kind == RawNode::Kind::kAlias && k->alias != nullptr) k = k->alias;
      if (k->kind != RawNode::Kind::kScalar) continue;
      const RawNode* v = self->children[i + 1].get();
      index.try_emplace(k->scalar, v->kind == RawNode::Kind::kAlias && v->alias != nullptr ? v->alias : v);
    }
  }
  auto found = index.find(key);
  return found == index.end() ? nullptr : found->second;
}

const Value& Evaluator::Bound(const Value& value, const RawNode& at) {
  budget_.SpendBytes(ValueBytes(value), Loc(at));
  return value;
}

Value Evaluator::Scalar(const RawNode& node) {
  Location loc = Loc(node);
  const std::string& s = node.scalar;
  if (!bindings_.empty() && (s.find("${") != std::string::npos || s.find("&{") != std::string::npos)) {
    Value v = SubstituteBindings(s, bindings_, loc, budget_);
    if (!(v.IsLiteralString() && v.parts[0].literal == s)) return v;
  }
  // Its text is copied: charged unless an enclosing alias (or Default, or mapped
  // value) has paid for its whole subtree. Fn::ForEach converts a body once per element.
  if (copying_ == 0) budget_.SpendBytes(s.size(), loc);
  if (node.quoted || !node.tag.empty()) return Value::String(s, loc);
  if (s == "true" || s == "True" || s == "TRUE") return Value::Bool(true, loc);
  if (s == "false" || s == "False" || s == "FALSE") return Value::Bool(false, loc);
  if (IsNumber(s)) return Value::Number(s, loc);
  return Value::String(s, loc);
}

std::optional<Value> Evaluator::ConvCopy(const RawNode& target, const RawNode& at, const std::string& path,
                                         bool charge) {
  if (charge) budget_.SpendBytes(target.expanded_bytes, Loc(at));
  ++copying_;
  auto out = Conv(target, path);
  --copying_;
  return out;
}

std::optional<Value> Evaluator::Conv(const RawNode& node, const std::string& path, bool skip_tag) {
  Nesting nesting(*this, node);
  // Each value built, and its logical path (a copy of every key above it), is charged.
  budget_.SpendValues(1, Loc(node));
  budget_.SpendBytes(path.size(), Loc(node));
  if (node.kind == RawNode::Kind::kAlias) {
    // The whole expanded subtree is charged here, at the outermost alias, before any
    // of it is copied: an alias of a 1 MB scalar runs out after 64 uses, not 5,000.
    return ConvCopy(*node.alias, node, path, copying_ == 0);
  }
  if (!skip_tag && !node.tag.empty()) {
    std::string fn = ShortTagFunction(node.tag);
    if (!fn.empty()) return Intrinsic(fn, node, node, path);
  }
  std::optional<Value> out;
  switch (node.kind) {
    case RawNode::Kind::kNull: out = Value::Null(Loc(node)); break;
    case RawNode::Kind::kScalar: out = Scalar(node); break;
    case RawNode::Kind::kSequence: {
      std::vector<Value> items;
      items.reserve(node.children.size());
      for (size_t i = 0; i < node.children.size(); ++i) {
        auto item = Conv(*node.children[i], path + "/" + std::to_string(i));
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
        return Intrinsic(node.children[0]->scalar, *node.children[1], node, path);
      }
      std::vector<std::pair<std::string, Value>> entries;
      for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
        const RawNode& key = *node.children[i];
        if (for_each(key)) {
          ForEachEntries(key, *node.children[i + 1], path, entries);
          continue;
        }
        std::string name = key.IsScalar() ? key.scalar : "";
        if (!bindings_.empty()) name = SubstituteLiteral(name, bindings_, budget_, Loc(key));
        auto value = Conv(*node.children[i + 1], path + "/" + name);
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

void Evaluator::ForEachEntries(const RawNode& key, const RawNode& loop_node, const std::string& path,
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
  auto collection = Conv(*args[1], path + "/" + key.scalar + "/1");
  std::vector<Value> elements;
  if (collection && collection->IsList()) {
    elements = std::move(collection->items);
  } else {
    // One abstract entry: the element is one fixed value the scan cannot see.
    Location loc = Loc(*args[1]);
    elements.push_back(Value::SymbolString(Symbol{Symbol::Kind::kUnknown,
                                                  "element of " + key.scalar + ", whose collection is not known",
                                                  UseSite(Loc(key), path + "/" + key.scalar)},
                                           loc));
  }
  // The output is converted once per element: each conversion is a new copy, charged
  // even inside an alias whose expansion was paid for once.
  std::optional<Value> outer;
  if (auto it = bindings_.find(identifier); it != bindings_.end()) outer = std::move(it->second);
  const int copying = std::exchange(copying_, 0);
  for (const Value& element : elements) {
    bindings_[identifier] = Bound(element, key);
    for (size_t i = 0; i + 1 < output->children.size(); i += 2) {
      const RawNode& k = *output->children[i];
      std::string name = SubstituteLiteral(k.IsScalar() ? k.scalar : "", bindings_, budget_, Loc(k));
      auto value = Conv(*output->children[i + 1], path + "/" + name);
      if (value) entries.emplace_back(name, std::move(*value));
    }
  }
  copying_ = copying;
  if (outer) {
    bindings_[identifier] = std::move(*outer);
  } else {
    bindings_.erase(identifier);
  }
}

std::optional<std::string> Evaluator::LiteralArg(const RawNode& node, const std::string& path) {
  auto v = Conv(node, path);
  if (!v) return std::nullopt;
  return v->Literal();
}

std::optional<Value> Evaluator::Intrinsic(std::string_view fn, const RawNode& arg, const RawNode& at,
                                          const std::string& path) {
  const bool self = &arg == &at;  // a short tag: the argument is the tagged node itself
  auto unknown = [&](std::string reason) { return At(Value::Unknown(std::move(reason), Loc(at)), path); };
  if (fn == "Ref") {
    if (!arg.IsScalar()) {
      // AWS::LanguageExtensions: `Ref: {Fn::Sub: "Subnet${Identifier}"}` names a resource of the loop.
      auto named = Conv(arg, path, self);
      auto name = named ? named->Literal() : std::nullopt;
      if (!name) return unknown("Ref of a value that is not a name");
      return Ref(*name, at, path);
    }
    return Ref(arg.scalar, at, path);
  }
  if (fn == "Fn::GetAtt") {
    std::string id;
    std::string attr;
    if (arg.IsScalar()) {
      std::string text = bindings_.empty() ? arg.scalar : SubstituteLiteral(arg.scalar, bindings_, budget_, Loc(arg));
      size_t dot = text.find('.');
      if (dot == std::string::npos) return unknown("Fn::GetAtt " + text + " names no attribute");
      id = text.substr(0, dot);
      attr = text.substr(dot + 1);
    } else if (arg.kind == RawNode::Kind::kSequence && arg.children.size() == 2) {
      auto named = LiteralArg(*arg.children[0], path);
      if (!named) return UnknownAt("Fn::GetAtt of a resource that is not known", at, path);
      id = *named;
      auto a = LiteralArg(*arg.children[1], path);
      if (!a) return UnknownAt("Fn::GetAtt of " + id + " with an attribute that is not known", at, path);
      attr = *a;
    } else {
      return unknown("malformed Fn::GetAtt");
    }
    return At(GetAtt(id, attr, at), path);
  }
  if (fn == "Fn::Sub") return At(Sub(arg, at, path), path);
  if (fn == "Fn::Join") return At(Join(arg, at, path), path);
  if (fn == "Fn::Select") return At(Select(arg, at, path), path);
  if (fn == "Fn::Split") return At(Split(arg, at, path), path);
  if (fn == "Fn::FindInMap") return FindInMap(arg, at, path);
  if (fn == "Fn::If") return If(arg, at, path);
  if (fn == "Fn::ImportValue") {
    auto name = self ? (arg.IsScalar() ? std::optional<std::string>(arg.scalar) : std::nullopt) : LiteralArg(arg, path);
    if (self && !arg.IsScalar()) {
      auto v = Conv(arg, path, /*skip_tag=*/true);
      if (v) name = v->Literal();
    }
    if (!name) return UnknownAt("Fn::ImportValue of a name that is not known", at, path);
    return At(Value::SymbolString(Symbol{Symbol::Kind::kImport, *name}, Loc(at)), path);
  }
  if (fn == "Fn::Equals" || fn == "Fn::Not" || fn == "Fn::And" || fn == "Fn::Or" || fn == "Condition") {
    auto b = CondExpr(at, false);
    if (!b) return unknown(std::string(fn) + " that the template does not decide");
    return At(Value::Bool(*b, Loc(at)), path);
  }
  if (fn == "Fn::Length") {
    auto v = Conv(arg, path, self);
    if (v && v->IsList()) return At(Value::Number(std::to_string(v->items.size()), Loc(at)), path);
    return unknown("Fn::Length of a list that is not known");
  }
  if (fn == "Fn::Base64") return UnknownAt("Fn::Base64 is not evaluated", at, path);
  if (fn == "Fn::GetAZs") return unknown("Fn::GetAZs depends on the deployment region");
  if (fn == "Fn::Cidr") return unknown("Fn::Cidr is not evaluated");
  if (fn == "Fn::Transform") return unknown("Fn::Transform runs a macro at deploy time");
  if (fn == "Fn::ToJsonString") return ToJsonString(arg, at, path, self);
  return unknown("unsupported intrinsic " + std::string(fn));
}

std::optional<Value> Evaluator::Ref(std::string name, const RawNode& at, const std::string& path) {
  // Loop identifiers in the name are replaced once: the text of a binding is not
  // substituted again (an element "a${X}" would otherwise grow without end).
  for (bool substituted = false;; substituted = true) {
    if (name == "AWS::NoValue") return std::nullopt;
    if (auto bound = bindings_.find(name); bound != bindings_.end()) return At(Bound(bound->second, at), path);
    if (substituted || bindings_.empty() || name.find('{') == std::string::npos) break;
    std::string replaced = SubstituteLiteral(name, bindings_, budget_, Loc(at));
    if (replaced == name) break;
    name = std::move(replaced);
  }
  if (IsPseudo(name)) return At(Pseudo(name, at), path);
  if (const RawNode* decl = Lookup(parameters_, name)) return At(Parameter(name, *decl, at), path);
  if (resource_types_.count(name)) return At(ResourceRef(name, at), path);
  return At(Value::Unknown("Ref to " + name + ", which the template does not define", Loc(at)), path);
}

Value Evaluator::Parameter(const std::string& name, const RawNode& decl, const RawNode& at) {
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
    budget_.SpendBytes(given->second.size(), Loc(at));  // copied at every Ref
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
  if (def->IsScalar()) {
    budget_.SpendBytes(def->expanded_bytes, Loc(at));  // copied at every Ref
    // A Ref to a parameter is always a string, whatever YAML made of the default.
    out = is_list ? split(def->scalar, Loc(*def), true) : Value::String(def->scalar, Loc(at));
  } else {
    // A Default that refers back to its parameter, directly or through others, is a
    // cycle: found by name, before the recursion it would start.
    auto first = std::find(parameters_in_progress_.begin(), parameters_in_progress_.end(), name);
    if (first != parameters_in_progress_.end()) {
      std::string cycle;
      for (auto it = first; it != parameters_in_progress_.end(); ++it) cycle += *it + " -> ";
      throw ParameterCycle{{"circular parameter Default: " + cycle + name + " (CloudFormation rejects the template)",
                            at.line, at.column}};
    }
    parameters_in_progress_.push_back(name);
    auto v = ConvCopy(*def, at, "Parameters/" + name + "/Default", /*charge=*/true);
    parameters_in_progress_.pop_back();
    out = v ? std::move(*v) : Value::Null(Loc(at));
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

Value Evaluator::PseudoValue(const std::string& name, const Location& loc) const {
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
                                             bool self) {
  auto v = Conv(arg, path, self);
  if (!v) return UnknownAt("Fn::ToJsonString of AWS::NoValue", at, path);
  std::vector<StringPart> parts;
  if (!AppendJson(*v, parts)) {
    std::string reason;
    v->DependsOnUnknown(&reason);
    if (reason.empty()) reason = "Fn::ToJsonString of a value with an undecided Fn::If";
    return UnknownAt(reason, at, path);
  }
  for (const StringPart& p : parts) budget_.SpendBytes(p.Bytes(), Loc(at));
  return At(Value::Symbolic(std::move(parts), Loc(at)), path);
}

Value Evaluator::Sub(const RawNode& arg, const RawNode& at, const std::string& path) {
  const RawNode* text_node = &arg;
  const RawNode* vars = nullptr;
  if (arg.kind == RawNode::Kind::kSequence && !arg.children.empty()) {
    text_node = arg.children[0].get();
    if (arg.children.size() > 1) vars = arg.children[1].get();
  }
  if (!text_node->IsScalar()) return UnknownAt("Fn::Sub of a template that is not a string", at, path);
  const Location loc = Loc(at);
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
      out.append(text, i, amp - i);
      size_t close = text.find('}', amp);
      if (close == std::string::npos) break;
      out += SubstituteLiteral(std::string_view(text).substr(amp, close + 1 - amp), alnum_only, budget_, loc);
      i = close + 1;
    }
    if (i < text.size()) out.append(text, i);
    text = std::move(out);
  }
  // Each name is resolved once, however often the text uses it (nullopt: AWS::NoValue).
  std::map<std::string, std::optional<Value>, std::less<>> resolved;
  StringBuilder built(budget_, loc);
  std::string literal;  // text since the last variable, added in one piece
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) {
      literal.append(text, i);
      break;
    }
    literal.append(text, i, open - i);
    std::string_view name = std::string_view(text).substr(open + 2, close - open - 2);
    i = close + 1;
    if (name.starts_with('!')) {  // ${!Literal} is the text ${Literal}
      literal.append("${").append(name.substr(1)).append("}");
      continue;
    }
    auto known = resolved.find(name);
    if (known == resolved.end()) {
      const std::string trimmed(TrimAscii(name));
      const RawNode* var = vars ? Lookup(vars, trimmed) : nullptr;
      std::optional<Value> piece;
      size_t dot = trimmed.find('.');
      if (var) {
        piece = Conv(*var, path + "/" + trimmed);
      } else if (auto bound = bindings_.find(trimmed); bound != bindings_.end()) {
        piece = bound->second;
      } else if (IsPseudo(trimmed) || Lookup(parameters_, trimmed) || resource_types_.count(trimmed)) {
        piece = Ref(trimmed, at, path);
      } else if (dot != std::string::npos && resource_types_.count(trimmed.substr(0, dot))) {
        piece = GetAtt(trimmed.substr(0, dot), trimmed.substr(dot + 1), at);
      } else {
        // Not a CloudFormation name: an IAM policy variable such as
        // ${cognito-identity.amazonaws.com:sub} or ${aws:username}; kept as text.
        piece = Value::String("${" + std::string(name) + "}", loc);
      }
      known = resolved.emplace(std::string(name), std::move(piece)).first;
    }
    built.AddLiteral(std::exchange(literal, ""));
    if (known->second) built.Add(*known->second);  // nullopt: AWS::NoValue
  }
  built.AddLiteral(literal);
  return std::move(built).Finish();
}

Value Evaluator::Join(const RawNode& arg, const RawNode& at, const std::string& path) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 2) {
    return Value::Unknown("malformed Fn::Join", Loc(at));
  }
  auto delim = LiteralArg(*arg.children[0], path);
  if (!delim) delim = arg.children[0]->kind == RawNode::Kind::kNull ? std::optional<std::string>("") : std::nullopt;
  if (!delim) return UnknownAt("Fn::Join with a delimiter that is not known", at, path);
  auto list = Conv(*arg.children[1], path);
  if (!list || !list->IsList()) {
    std::string why = list && list->IsUnknown() ? list->reason : "Fn::Join of a list that is not known";
    return UnknownAt(why, at, path);
  }
  StringBuilder built(budget_, Loc(at));
  for (size_t i = 0; i < list->items.size(); ++i) {
    if (i > 0) built.AddLiteral(*delim);
    built.Add(list->items[i]);
  }
  return std::move(built).Finish();
}

Value Evaluator::Select(const RawNode& arg, const RawNode& at, const std::string& path) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 2) {
    return Value::Unknown("malformed Fn::Select", Loc(at));
  }
  auto index = LiteralArg(*arg.children[0], path);
  auto list = Conv(*arg.children[1], path);
  if (!index || !IsNumber(*index) || index->find_first_of(".-+") != std::string::npos || index->size() > 9) {
    return UnknownAt("Fn::Select with an index that is not known", at, path);
  }
  if (!list || !list->IsList()) return UnknownAt("Fn::Select from a list that is not known", at, path);
  size_t i = std::stoul(*index);
  if (i >= list->items.size()) return Value::Unknown("Fn::Select index " + *index + " is out of range", Loc(at));
  return list->items[i];
}

Value Evaluator::Split(const RawNode& arg, const RawNode& at, const std::string& path) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 2) {
    return Value::Unknown("malformed Fn::Split", Loc(at));
  }
  auto delim = LiteralArg(*arg.children[0], path);
  auto source = LiteralArg(*arg.children[1], path);
  if (!delim || !source) return Value::Unknown("Fn::Split of a value that is not known", Loc(at));
  budget_.SpendBytes(source->size(), Loc(at));
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
// Each entry visited is charged as a value (a template may look up a large mapping
// with unknown keys many times).
bool MappedValues(const RawNode* level, const std::vector<std::optional<std::string>>& keys, size_t depth,
                  std::vector<std::string>* out, Budget& budget, const Location& where) {
  constexpr size_t kMaxValues = 1000;
  level = Deref(level);
  if (level == nullptr) return true;  // a key that is absent adds nothing
  budget.SpendValues(1, where);
  if (depth == keys.size()) {
    if (!level->IsScalar() || out->size() >= kMaxValues) return false;
    if (std::find(out->begin(), out->end(), level->scalar) == out->end()) out->push_back(level->scalar);
    return true;
  }
  if (keys[depth]) return MappedValues(level->Find(*keys[depth]), keys, depth + 1, out, budget, where);
  if (!level->IsMap()) return false;
  for (size_t i = 1; i < level->children.size(); i += 2) {
    if (!MappedValues(level->children[i].get(), keys, depth + 1, out, budget, where)) return false;
  }
  return true;
}

}  // namespace

std::optional<Value> Evaluator::FindInMap(const RawNode& arg, const RawNode& at, const std::string& path) {
  auto unknown = [&](std::string reason) { return At(Value::Unknown(std::move(reason), Loc(at)), path); };
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() < 3) return unknown("malformed Fn::FindInMap");
  std::vector<std::optional<std::string>> lookup;  // nullopt: a key the template does not decide
  std::string deciding;                             // the input behind the first such key
  for (size_t i = 0; i < 3; ++i) {
    std::optional<Value> k = Conv(*arg.children[i], path);
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
    if (MappedValues(mappings_, lookup, 0, &values, budget_, Loc(at))) {
      const RawNode* fallback = arg.children.size() > 3 ? arg.children[3]->Find("DefaultValue") : nullptr;
      if (fallback == nullptr || (fallback->IsScalar() && (values.push_back(fallback->scalar), true))) {
        constraints_.push_back({*out.parts.front().symbol, InputConstraint{std::move(values), "", {}, {}}});
      }
    }
    return out;
  }
  std::vector<std::string> keys;
  for (const auto& k : lookup) keys.push_back(*k);
  const RawNode* found = Lookup(mappings_, keys[0]);
  if (found) found = Lookup(found, keys[1]);
  if (found) found = Lookup(found, keys[2]);
  if (!found) {
    // The optional fourth argument: {DefaultValue: x}.
    const RawNode* fallback = arg.children.size() > 3 ? arg.children[3]->Find("DefaultValue") : nullptr;
    if (fallback) return Conv(*fallback, path);
    return unknown("Fn::FindInMap " + keys[0] + "/" + keys[1] + "/" + keys[2] + " is not in Mappings");
  }
  auto v = ConvCopy(*found, at, path, /*charge=*/true);  // a mapped value is copied at every use
  if (v) v->path = path;
  return v;
}

std::optional<Value> Evaluator::If(const RawNode& arg, const RawNode& at, const std::string& path) {
  if (arg.kind != RawNode::Kind::kSequence || arg.children.size() != 3 || !arg.children[0]->IsScalar()) {
    return At(Value::Unknown("malformed Fn::If", Loc(at)), path);
  }
  std::optional<bool> decided = Condition(arg.children[0]->scalar);
  if (decided) return Conv(*arg.children[*decided ? 1 : 2], path);
  std::vector<Value> branches;
  for (size_t i = 1; i < 3; ++i) {
    auto v = Conv(*arg.children[i], path);
    branches.push_back(v ? std::move(*v) : At(Value::Null(Loc(*arg.children[i])), path));
  }
  return At(Value::Alternatives(std::move(branches), Loc(at)), path);
}

std::optional<bool> Evaluator::Condition(const std::string& name) {
  auto memo = condition_memo_.find(name);
  if (memo != condition_memo_.end()) return memo->second;
  const RawNode* expr = Lookup(conditions_, name);
  if (!expr || conditions_in_progress_.count(name)) return std::nullopt;  // undefined or circular
  conditions_in_progress_.insert(name);
  std::optional<bool> out = CondExpr(*expr, false);
  conditions_in_progress_.erase(name);
  condition_memo_[name] = out;
  return out;
}

std::optional<bool> Evaluator::CondExpr(const RawNode& node, bool skip_tag) {
  Nesting nesting(*this, node);
  budget_.SpendValues(1, Loc(node));
  if (node.kind == RawNode::Kind::kAlias) return CondExpr(*node.alias, false);
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
    auto a = Conv(*args[0], "Conditions");
    auto b = Conv(*args[1], "Conditions");
    if (!a || !b) return std::nullopt;
    auto la = a->Literal();
    auto lb = b->Literal();
    if (la && lb) return *la == *lb;
    // The same symbols in the same order are the same text, whatever they are.
    if (a->IsString() && b->IsString() && RenderForMatching(a->parts) == RenderForMatching(b->parts)) return true;
    return std::nullopt;
  }
  if (fn == "Fn::Not" && args.size() == 1) {
    auto v = CondExpr(*args[0], false);
    if (!v) return std::nullopt;
    return !*v;
  }
  if (fn == "Fn::And" || fn == "Fn::Or") {
    const bool is_and = fn == "Fn::And";
    bool undecided = false;
    for (const auto& a : args) {
      auto v = CondExpr(*a, false);
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
