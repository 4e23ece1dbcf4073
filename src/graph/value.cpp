#include "graph/value.h"

#include <algorithm>

#include "base/ascii.h"

namespace trustlint {

Value::Value() = default;
Value::~Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;
namespace {

constexpr std::string_view kOpen = "\u27e8";   // ⟨
constexpr std::string_view kClose = "\u27e9";  // ⟩
// Between a symbol's name and its scope inside a sentinel: a control character
// that no name or path spells.
constexpr char kScopeSeparator = '\x1f';

std::string_view KindTag(Symbol::Kind kind) {
  switch (kind) {
    case Symbol::Kind::kPoolId: return "pool";
    case Symbol::Kind::kRoleArn: return "role-arn";
    case Symbol::Kind::kRoleName: return "role-name";
    case Symbol::Kind::kResourceRef: return "ref";
    case Symbol::Kind::kPseudo: return "pseudo";
    case Symbol::Kind::kImport: return "import";
    case Symbol::Kind::kUnknown: return "unknown";
  }
  return "unknown";
}

Value Make(Value::Kind kind, Location loc) {
  Value v;
  v.kind = kind;
  v.loc = loc;
  return v;
}

void AppendEscaped(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

Value Value::Null(Location loc) { return Make(Kind::kNull, loc); }
Value Value::Bool(bool b, Location loc) {
  Value v = Make(Kind::kBool, loc);
  v.text = b ? "true" : "false";
  return v;
}
Value Value::Number(std::string text, Location loc) {
  Value v = Make(Kind::kNumber, loc);
  v.text = std::move(text);
  return v;
}
Value Value::String(std::string literal, Location loc) {
  Value v = Make(Kind::kString, loc);
  v.parts.push_back(StringPart{std::move(literal), std::nullopt});
  return v;
}
Value Value::Symbolic(std::vector<StringPart> parts, Location loc) {
  Value v = Make(Kind::kString, loc);
  // Merge adjacent literals so that equal strings have equal parts.
  for (auto& p : parts) {
    if (!p.symbol && !v.parts.empty() && !v.parts.back().symbol) {
      v.parts.back().literal += p.literal;
    } else if (p.symbol || !p.literal.empty()) {
      v.parts.push_back(std::move(p));
    }
  }
  if (v.parts.empty()) v.parts.push_back(StringPart{});
  return v;
}
Value Value::SymbolString(Symbol sym, Location loc) {
  return Symbolic({StringPart{"", std::move(sym)}}, loc);
}
Value Value::List(std::vector<Value> items, Location loc) {
  Value v = Make(Kind::kList, loc);
  v.items = std::move(items);
  return v;
}
Value Value::Map(std::vector<std::pair<std::string, Value>> entries, Location loc) {
  Value v = Make(Kind::kMap, loc);
  v.entries = std::move(entries);
  return v;
}
Value Value::Alternatives(std::vector<Value> items, Location loc) {
  Value v = Make(Kind::kAlternatives, loc);
  v.items = std::move(items);
  return v;
}
Value Value::Unknown(std::string reason, Location loc) {
  Value v = Make(Kind::kUnknown, loc);
  v.reason = std::move(reason);
  return v;
}

bool Value::IsLiteralString() const {
  return kind == Kind::kString &&
         std::none_of(parts.begin(), parts.end(), [](const StringPart& p) { return p.symbol.has_value(); });
}

std::optional<std::string> Value::Literal() const {
  if (kind == Kind::kBool || kind == Kind::kNumber) return text;
  if (!IsLiteralString()) return std::nullopt;
  std::string out;
  for (const auto& p : parts) out += p.literal;
  return out;
}

const Value* Value::Find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

Value* Value::FindMutable(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->Find(key));
}

bool Value::DependsOnUnknown(std::string* why) const {
  auto note = [&](const std::string& r) {
    if (why && why->empty()) *why = r;
    return true;
  };
  switch (kind) {
    case Kind::kUnknown: return note(reason);
    case Kind::kString:
      for (const auto& p : parts) {
        if (p.symbol && p.symbol->kind == Symbol::Kind::kUnknown) return note(p.symbol->name);
        if (p.symbol && p.symbol->kind == Symbol::Kind::kImport) {
          return note("Fn::ImportValue " + p.symbol->name + " is exported by no scanned template");
        }
      }
      return false;
    case Kind::kList:
    case Kind::kAlternatives:
      for (const auto& i : items) {
        if (i.DependsOnUnknown(why)) return true;
      }
      return false;
    case Kind::kMap:
      for (const auto& [k, v] : entries) {
        if (v.DependsOnUnknown(why)) return true;
      }
      return false;
    default: return false;
  }
}

std::optional<bool> Value::AsBool() const {
  auto lit = Literal();
  if (!lit) return std::nullopt;
  const std::string lower = LowerAscii(*lit);
  if (lower == "true") return true;
  if (lower == "false") return false;
  return std::nullopt;
}

std::string RenderForMatching(const std::vector<StringPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!p.symbol) {
      out += p.literal;
      continue;
    }
    out += kOpen;
    out += KindTag(p.symbol->kind);
    out += ':';
    out += p.symbol->name;
    if (!p.symbol->scope.empty()) {
      out += kScopeSeparator;
      out += p.symbol->scope;
    }
    out += kClose;
  }
  return out;
}

// Node keys are "<file>#<address>"; messages name the address alone.
static std::string AddressOfKey(const std::string& key) {
  size_t hash = key.find('#');
  return hash == std::string::npos ? key : key.substr(hash + 1);
}

std::string DescribeSymbol(const Symbol& sym) {
  switch (sym.kind) {
    case Symbol::Kind::kPoolId: return "ID of pool " + AddressOfKey(sym.name);
    case Symbol::Kind::kRoleArn: return "ARN of role " + AddressOfKey(sym.name);
    case Symbol::Kind::kRoleName: return "name of role " + AddressOfKey(sym.name);
    case Symbol::Kind::kResourceRef: return AddressOfKey(sym.name);
    case Symbol::Kind::kPseudo: return sym.name;
    case Symbol::Kind::kImport: return "import " + sym.name;
    case Symbol::Kind::kUnknown: return "unknown: " + sym.name;
  }
  return sym.name;
}

std::string RenderForDisplay(const std::vector<StringPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!p.symbol) {
      out += p.literal;
    } else {
      out += kOpen;
      out += DescribeSymbol(*p.symbol);
      out += kClose;
    }
  }
  return out;
}

std::string DisplayRendered(std::string_view rendered) {
  static constexpr Symbol::Kind kKinds[] = {Symbol::Kind::kPoolId,      Symbol::Kind::kRoleArn,
                                            Symbol::Kind::kRoleName,    Symbol::Kind::kResourceRef,
                                            Symbol::Kind::kPseudo,      Symbol::Kind::kImport,
                                            Symbol::Kind::kUnknown};
  std::string out;
  size_t at = 0;
  while (at < rendered.size()) {
    const size_t open = rendered.find(kOpen, at);
    const size_t close = open == std::string_view::npos ? open : rendered.find(kClose, open);
    if (close == std::string_view::npos) break;
    out.append(rendered.substr(at, open - at));
    const std::string_view inner = rendered.substr(open + kOpen.size(), close - open - kOpen.size());
    const size_t colon = inner.find(':');
    std::optional<Symbol> sym;
    for (Symbol::Kind kind : kKinds) {
      if (colon != std::string_view::npos && inner.substr(0, colon) == KindTag(kind)) {
        const std::string_view rest = inner.substr(colon + 1);
        sym = Symbol{kind, std::string(rest.substr(0, rest.find(kScopeSeparator))), ""};
      }
    }
    out += kOpen;
    out += sym ? DescribeSymbol(*sym) : std::string(inner);
    out += kClose;
    at = close + kClose.size();
  }
  out.append(rendered.substr(std::min(at, rendered.size())));
  return out;
}

bool RenderedHasUnknown(std::string_view rendered) {
  std::string unknown_tag = std::string(kOpen) + "unknown:";
  std::string import_tag = std::string(kOpen) + "import:";
  return rendered.find(unknown_tag) != std::string_view::npos ||
         rendered.find(import_tag) != std::string_view::npos;
}

std::string DumpValue(const Value& v) {
  std::string out;
  switch (v.kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool:
    case Value::Kind::kNumber: return v.text;
    case Value::Kind::kString:
      AppendEscaped(out, RenderForDisplay(v.parts));
      return out;
    case Value::Kind::kUnknown:
      out = "unknown(";
      out += v.reason;
      out += ")";
      return out;
    case Value::Kind::kList:
    case Value::Kind::kAlternatives: {
      out = v.kind == Value::Kind::kList ? "[" : "alt(";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        out += DumpValue(v.items[i]);
      }
      out += v.kind == Value::Kind::kList ? "]" : ")";
      return out;
    }
    case Value::Kind::kMap: {
      out = "{";
      for (size_t i = 0; i < v.entries.size(); ++i) {
        if (i) out += ", ";
        AppendEscaped(out, v.entries[i].first);
        out += ": ";
        out += DumpValue(v.entries[i].second);
      }
      out += "}";
      return out;
    }
  }
  return out;
}

}  // namespace trustlint
