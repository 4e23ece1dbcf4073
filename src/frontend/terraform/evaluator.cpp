#include "frontend/terraform/evaluator.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "frontend/terraform/json_value.h"

namespace fs = std::filesystem;

namespace trustlint::terraform {

struct Evaluator::Step {
  enum class Kind { kAttr, kIndex, kSplat };
  Kind kind = Kind::kAttr;
  std::string name;  // kAttr
  Value index;       // kIndex
};

class Evaluator::DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  bool TooDeep() const { return depth_ > kMaxEvalDepth; }

 private:
  int& depth_;
};

namespace {

constexpr size_t kMaxAlternatives = 16;
constexpr size_t kMaxIterations = 10000;
constexpr int kMaxCount = 1000;
constexpr std::uintmax_t kMaxReadBytes = 8u << 20;

Value At(Value v, const Location& loc) {
  if (!v.loc.Known()) v.loc = loc;
  return v;
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void AppendCodePoint(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Template literal text: `$${` and `%%{` are literal `${` / `%{`; quoted strings
// also take backslash escapes (heredocs do not).
std::string Unescape(std::string_view raw, bool quoted) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if ((c == '$' || c == '%') && raw.substr(i, 3) == std::string{c, c, '{'}) {
      out += c;
      out += '{';
      i += 2;
    } else if (quoted && c == '\\' && i + 1 < raw.size()) {
      char e = raw[++i];
      switch (e) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u':
        case 'U': {
          size_t len = e == 'u' ? 4 : 8;
          std::string hex(raw.substr(i + 1, len));
          if (hex.size() == len && hex.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos) {
            AppendCodePoint(out, std::stoul(hex, nullptr, 16));
            i += len;
          } else {
            out += '\\';
            out += e;
          }
          break;
        }
        default: out += e;
      }
    } else {
      out += c;
    }
  }
  return out;
}

// `<<-` heredocs lose the smallest indentation of their non-blank lines; returns it.
size_t StripIndent(std::vector<StringPart>& parts) {
  size_t indent = std::string::npos;
  bool line_start = true;
  size_t run = 0;
  for (const auto& p : parts) {
    if (p.symbol) {
      if (line_start) indent = std::min(indent, run);
      line_start = false;
      continue;
    }
    for (char c : p.literal) {
      if (c == '\n') {
        line_start = true;
        run = 0;
      } else if (line_start && (c == ' ' || c == '\t')) {
        ++run;
      } else if (line_start) {
        indent = std::min(indent, run);
        line_start = false;
      }
    }
  }
  if (indent == std::string::npos || indent == 0) return 0;
  line_start = true;
  size_t skipped = 0;
  for (auto& p : parts) {
    if (p.symbol) {
      line_start = false;
      continue;
    }
    std::string out;
    for (char c : p.literal) {
      if (c == '\n') {
        line_start = true;
        skipped = 0;
        out += c;
      } else if (line_start && (c == ' ' || c == '\t') && skipped < indent) {
        ++skipped;
      } else {
        line_start = false;
        out += c;
      }
    }
    p.literal = std::move(out);
  }
  return indent;
}

std::string Suffix(const Value& key, bool is_count) {
  auto lit = key.Literal();
  if (!lit) return "";
  return is_count ? "[" + *lit + "]" : "[" + Quote(*lit) + "]";
}

bool HasRepetition(const Block& block) {
  BodyItems body = ReadBody(block.body);
  return body.Attribute("count") || body.Attribute("for_each");
}

std::optional<long> AsInteger(const Value& v) {
  auto lit = v.Literal();
  if (!lit || lit->empty() || lit->size() > 9 || lit->find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stol(*lit);
}

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

Value Distinct(const Value& v) {
  if (!v.IsList()) return v;
  std::vector<Value> out;
  std::vector<std::string> seen;
  for (const auto& item : v.items) {
    std::string d = DumpValue(item);
    if (std::find(seen.begin(), seen.end(), d) != seen.end()) continue;
    seen.push_back(d);
    out.push_back(item);
  }
  return Value::List(std::move(out), v.loc);
}

// "each.value.name of aws_iam_role.team: for_each is not known: variable teams has no value".
std::string AbstractName(const Expansion& e, const std::string& what) { return what + " of " + e.address + ": " + e.why; }

// The terms of an expression node (comments dropped); a term alone stays itself.
std::vector<TSNode> TermsOf(TSNode n) {
  if (!Is(n, "expression")) return {n};
  std::vector<TSNode> out;
  for (TSNode c : Children(n)) {
    if (!Is(c, "comment")) out.push_back(c);
  }
  return out;
}

// A Terraform (RE2) pattern that may match anywhere, as one the whole value
// matches; "" when its anchors cannot be moved (`^a|b$`).
std::string WholeValuePattern(std::string p) {
  int groups = 0;
  bool bracket = false;
  bool top_alternation = false;
  bool inner_anchor = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '[') {
      bracket = true;
    } else if (c == '(') {
      ++groups;
    } else if (c == ')') {
      --groups;
    } else if (c == '|' && groups == 0) {
      top_alternation = true;
    } else if ((c == '^' && i > 0) || (c == '$' && i + 1 < p.size())) {
      inner_anchor = true;
    }
  }
  bool start = p.starts_with("^");
  bool end = p.size() > 1 && p.ends_with("$") && p[p.size() - 2] != '\\';
  if (inner_anchor || (top_alternation && (start || end))) return "";
  if (start) p.erase(0, 1);
  if (end) p.pop_back();
  if (start && end) return p;
  return std::string(start ? "" : ".*") + "(" + p + ")" + (end ? "" : ".*");
}

const Value* FirstUnknown(const std::vector<Value>& args) {
  for (const auto& a : args) {
    if (a.IsUnknown()) return &a;
  }
  return nullptr;
}

}  // namespace

void AppendAsString(const Value& v, std::vector<StringPart>& parts) {
  switch (v.kind) {
    case Value::Kind::kString: parts.insert(parts.end(), v.parts.begin(), v.parts.end()); break;
    case Value::Kind::kBool:
    case Value::Kind::kNumber: parts.push_back(StringPart{v.text, std::nullopt}); break;
    case Value::Kind::kNull: break;
    case Value::Kind::kUnknown: parts.push_back(StringPart{"", Symbol{Symbol::Kind::kUnknown, v.reason}}); break;
    default:
      parts.push_back(StringPart{"", Symbol{Symbol::Kind::kUnknown, "a list or object is used as a string"}});
  }
}

bool NamesThroughConditional(const RoleAttachment& a) {
  auto alt = [](const Value& v) { return v.kind == Value::Kind::kAlternatives; };
  if (alt(a.pool) || alt(a.authenticated) || alt(a.unauthenticated)) return true;
  return std::any_of(a.mappings.begin(), a.mappings.end(), [&](const RoleMapping& m) {
    return std::any_of(m.roles.begin(), m.roles.end(), alt);
  });
}

Value Evaluator::Eval(const NodeRef& expr, const Scope& scope) {
  DepthGuard guard(depth_);
  if (!expr.Valid()) return Value::Unknown("missing expression");
  if (guard.TooDeep()) {
    return Value::Unknown("expression nesting deeper than " + std::to_string(kMaxEvalDepth), expr.Loc());
  }
  if (!Is(expr.node, "expression")) return EvalPrimary(expr, scope);
  std::vector<TSNode> terms;
  for (TSNode child : Children(expr.node)) {
    if (!Is(child, "comment")) terms.push_back(child);
  }
  return EvalTerms(*expr.file, terms, scope);
}

Value Evaluator::Attribute(const BodyItems& body, std::string_view name, const Scope& scope,
                           const Location& absent_loc) {
  const NodeRef* expr = body.Attribute(name);
  if (!expr) return Value::Null(absent_loc);
  return Eval(*expr, scope);
}

Value Evaluator::EvalTerms(const HclFile& file, const std::vector<TSNode>& terms, const Scope& scope) {
  if (terms.empty()) return Value::Unknown("empty expression");
  Location loc = file.Loc(terms[0]);
  size_t next = 1;
  std::optional<Value> head;
  std::string root;
  if (Is(terms[0], "(")) {
    if (terms.size() < 3) return Value::Unknown("expression does not parse", loc);
    head = Eval(NodeRef{&file, terms[1]}, scope);
    next = 3;
  } else if (Is(terms[0], "variable_expr")) {
    root = std::string(file.Text(terms[0]));
  } else {
    head = EvalPrimary(NodeRef{&file, terms[0]}, scope);
  }
  std::vector<Step> steps;
  auto add_step = [&](TSNode n) {
    if (Is(n, "get_attr")) {
      TSNode id = ChildOfType(n, "identifier");
      steps.push_back(Step{Step::Kind::kAttr, std::string(file.Text(id)), {}});
    } else if (Is(n, "index")) {
      TSNode inner = NamedChildren(n).empty() ? TSNode{} : NamedChildren(n)[0];
      Step s{Step::Kind::kIndex, "", {}};
      if (Is(inner, "new_index")) {
        s.index = Eval(NodeRef{&file, ChildOfType(inner, "expression")}, scope);
      } else {
        std::string text(file.Text(inner));
        s.index = Value::Number(text.empty() ? text : text.substr(1), file.Loc(inner));
      }
      steps.push_back(std::move(s));
    }
  };
  for (size_t i = next; i < terms.size(); ++i) {
    TSNode n = terms[i];
    if (Is(n, "splat")) {
      steps.push_back(Step{Step::Kind::kSplat, "", {}});
      for (TSNode kind : NamedChildren(n)) {
        for (TSNode inner : NamedChildren(kind)) add_step(inner);
      }
    } else {
      add_step(n);
    }
  }
  if (head) return ApplySteps(std::move(*head), steps, 0, loc);
  return EvalTraversal(root, steps, loc, scope);
}

Value Evaluator::EvalPrimary(const NodeRef& node, const Scope& scope) {
  TSNode n = node.node;
  std::string_view type = ts_node_type(n);
  Location loc = node.Loc();
  auto first_named = [&]() {
    std::vector<TSNode> named = NamedChildren(n);
    return named.empty() ? NodeRef{} : NodeRef{node.file, named[0]};
  };
  if (type == "literal_value" || type == "template_expr" || type == "collection_value" || type == "for_expr") {
    NodeRef inner = first_named();
    if (!inner.Valid()) return Value::Unknown("expression does not parse", loc);
    return EvalPrimary(inner, scope);
  }
  if (type == "numeric_lit") return Value::Number(std::string(node.Text()), loc);
  if (type == "bool_lit") return Value::Bool(node.Text() == "true", loc);
  if (type == "null_lit") return Value::Null(loc);
  if (type == "string_lit" || type == "quoted_template" || type == "heredoc_template") {
    return EvalTemplate(node, scope);
  }
  if (type == "tuple" || type == "object") return EvalCollection(node, scope);
  if (type == "function_call") return EvalFunction(node, scope);
  if (type == "for_tuple_expr" || type == "for_object_expr") return EvalFor(node, scope);
  if (type == "operation") return EvalOperation(node, scope);
  if (type == "conditional") return EvalConditional(node, scope);
  if (type == "expression") return Eval(node, scope);
  if (type == "variable_expr") {
    std::vector<Step> none;
    return EvalTraversal(std::string(node.Text()), none, loc, scope);
  }
  return Value::Unknown("expression does not parse", loc);
}

void Evaluator::AppendTemplate(const HclFile& file, const std::vector<TSNode>& nodes, uint32_t begin,
                               uint32_t end, bool quoted, const Scope& scope,
                               std::vector<std::vector<StringPart>>& out) {
  auto append_literal = [&](uint32_t from, uint32_t to) {
    if (to <= from || to > file.text.size()) return;
    std::string text = Unescape(std::string_view(file.text).substr(from, to - from), quoted);
    for (auto& alt : out) alt.push_back(StringPart{text, std::nullopt});
  };
  auto append_value = [&](const Value& v) {
    if (v.kind == Value::Kind::kAlternatives && !v.items.empty() && out.size() * v.items.size() <= kMaxAlternatives) {
      std::vector<std::vector<StringPart>> next;
      for (const auto& alt : out) {
        for (const auto& item : v.items) {
          next.push_back(alt);
          AppendAsString(item, next.back());
        }
      }
      out = std::move(next);
      return;
    }
    for (auto& alt : out) AppendAsString(v, alt);
  };
  uint32_t pos = begin;
  for (TSNode n : nodes) {
    uint32_t s = ts_node_start_byte(n);
    if (s < begin || ts_node_end_byte(n) > end) continue;
    if (Is(n, "template_interpolation")) {
      append_literal(pos, s);
      append_value(Eval(NodeRef{&file, ChildOfType(n, "expression")}, scope));
      pos = ts_node_end_byte(n);
    } else if (Is(n, "template_directive")) {
      append_literal(pos, s);
      pos = ts_node_end_byte(n);
      std::vector<TSNode> named = NamedChildren(n);
      TSNode directive = named.empty() ? TSNode{} : named[0];
      if (!Is(directive, "template_if")) {
        append_value(Value::Unknown("template directive %{for} is not evaluated", file.Loc(n)));
        continue;
      }
      std::vector<TSNode> parts = Children(directive);
      TSNode intro = ChildOfType(directive, "template_if_intro");
      TSNode else_intro = ChildOfType(directive, "template_else_intro");
      TSNode end_node = ChildOfType(directive, "template_if_end");
      if (ts_node_is_null(intro) || ts_node_is_null(end_node)) continue;
      std::optional<bool> cond = Eval(NodeRef{&file, ChildOfType(intro, "expression")}, scope).AsBool();
      if (!cond) {
        append_value(Value::Unknown("template %{if} condition is not known", file.Loc(n)));
      } else if (*cond) {
        uint32_t stop = ts_node_is_null(else_intro) ? ts_node_start_byte(end_node) : ts_node_start_byte(else_intro);
        AppendTemplate(file, parts, ts_node_end_byte(intro), stop, quoted, scope, out);
      } else if (!ts_node_is_null(else_intro)) {
        AppendTemplate(file, parts, ts_node_end_byte(else_intro), ts_node_start_byte(end_node), quoted, scope, out);
      }
    }
  }
  append_literal(pos, end);
}

Value Evaluator::EvalTemplate(const NodeRef& node, const Scope& scope) {
  const HclFile& file = *node.file;
  std::vector<TSNode> children = Children(node.node);
  if (children.size() < 2) return Value::String("", node.Loc());
  bool heredoc = Is(node.node, "heredoc_template");
  uint32_t begin = ts_node_end_byte(children.front());
  uint32_t end = ts_node_start_byte(children.back());
  Location loc = node.Loc();
  bool strip = false;
  if (heredoc) {
    std::vector<TSNode> ids;
    for (TSNode c : children) {
      if (Is(c, "heredoc_identifier")) ids.push_back(c);
    }
    if (ids.size() != 2) return Value::Unknown("heredoc does not parse", loc);
    strip = file.Text(children.front()) == "<<-";
    begin = ts_node_end_byte(ids[0]);
    size_t nl = file.text.find('\n', begin);
    begin = nl == std::string::npos ? begin : static_cast<uint32_t>(nl + 1);
    end = ts_node_start_byte(ids[1]);
    size_t last_nl = end == 0 ? std::string::npos : file.text.rfind('\n', end - 1);
    end = (last_nl == std::string::npos || last_nl + 1 < begin) ? begin : static_cast<uint32_t>(last_nl + 1);
    loc = Location{loc.file, loc.line + 1, 1};
  } else {
    loc.column += 1;
  }
  std::vector<TSNode> holes;
  for (TSNode c : children) {
    if (Is(c, "template_interpolation") || Is(c, "template_directive")) holes.push_back(c);
  }
  // "${x}" alone is x itself, with its type (a list stays a list).
  if (holes.size() == 1 && Is(holes[0], "template_interpolation") && ts_node_start_byte(holes[0]) == begin &&
      ts_node_end_byte(holes[0]) == end && !heredoc) {
    return At(Eval(NodeRef{&file, ChildOfType(holes[0], "expression")}, scope), loc);
  }
  std::vector<std::vector<StringPart>> out(1);
  AppendTemplate(file, holes, begin, end, !heredoc, scope, out);
  std::vector<Value> alts;
  for (auto& parts : out) {
    Location at = loc;
    // Columns of JSON inside the text shift by the indentation that was stripped.
    if (strip) at.column += static_cast<int>(StripIndent(parts));
    alts.push_back(Value::Symbolic(std::move(parts), at));
  }
  if (alts.size() == 1) return std::move(alts[0]);
  return Value::Alternatives(std::move(alts), node.Loc());
}

Value Evaluator::EvalCollection(const NodeRef& node, const Scope& scope) {
  Location loc = node.Loc();
  if (Is(node.node, "tuple")) {
    std::vector<Value> items;
    for (TSNode c : NamedChildren(node.node)) {
      if (Is(c, "expression")) items.push_back(Eval(NodeRef{node.file, c}, scope));
    }
    return Value::List(std::move(items), loc);
  }
  std::vector<std::pair<std::string, Value>> entries;
  for (TSNode elem : NamedChildren(node.node)) {
    if (!Is(elem, "object_elem")) continue;
    TSNode key = ts_node_child_by_field_name(elem, "key", 3);
    TSNode val = ts_node_child_by_field_name(elem, "val", 3);
    std::vector<TSNode> key_terms = NamedChildren(key);
    std::string key_text;
    if (key_terms.size() == 1 && Is(key_terms[0], "variable_expr")) {
      key_text = std::string(node.file->Text(key_terms[0]));  // a bare identifier is a literal key
    } else {
      Value k = Eval(NodeRef{node.file, key}, scope);
      auto lit = k.Literal();
      if (!lit) {
        std::string why;
        k.DependsOnUnknown(&why);
        return Value::Unknown("object key is not known" + (why.empty() ? "" : ": " + why), loc);
      }
      key_text = *lit;
    }
    Value v = Eval(NodeRef{node.file, val}, scope);
    auto existing = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == key_text; });
    if (existing != entries.end()) {
      existing->second = std::move(v);
    } else {
      entries.emplace_back(std::move(key_text), std::move(v));
    }
  }
  return Value::Map(std::move(entries), loc);
}

Value Evaluator::EvalConditional(const NodeRef& node, const Scope& scope) {
  std::vector<TSNode> parts;
  for (TSNode c : NamedChildren(node.node)) {
    if (Is(c, "expression")) parts.push_back(c);
  }
  if (parts.size() != 3) return Value::Unknown("conditional does not parse", node.Loc());
  Value cond = Eval(NodeRef{node.file, parts[0]}, scope);
  std::optional<bool> decided = cond.AsBool();
  if (decided) return Eval(NodeRef{node.file, parts[*decided ? 1 : 2]}, scope);
  return Value::Alternatives({Eval(NodeRef{node.file, parts[1]}, scope), Eval(NodeRef{node.file, parts[2]}, scope)},
                             node.Loc());
}

Value Evaluator::EvalOperation(const NodeRef& node, const Scope& scope) {
  std::vector<TSNode> named = NamedChildren(node.node);
  if (named.empty()) return Value::Unknown("operation does not parse", node.Loc());
  TSNode op_node = named[0];
  std::vector<TSNode> children;
  for (TSNode c : Children(op_node)) {
    if (!Is(c, "comment")) children.push_back(c);
  }
  Location loc = node.Loc();
  static const std::vector<std::string_view> kOperators = {"*", "/", "%", "+", "-", ">", ">=", "<", "<=",
                                                           "==", "!=", "&&", "||", "!"};
  size_t at = children.size();
  for (size_t i = 0; i < children.size(); ++i) {
    if (ts_node_is_named(children[i])) continue;
    std::string_view t = ts_node_type(children[i]);
    if (std::find(kOperators.begin(), kOperators.end(), t) != kOperators.end()) {
      at = i;
      break;
    }
  }
  if (at == children.size()) return Value::Unknown("operation does not parse", loc);
  std::string op = ts_node_type(children[at]);
  std::vector<TSNode> right(children.begin() + static_cast<long>(at) + 1, children.end());
  Value b = EvalTerms(*node.file, right, scope);
  if (Is(op_node, "unary_operation")) {
    if (op == "!") {
      if (auto v = b.AsBool()) return Value::Bool(!*v, loc);
    } else if (b.kind == Value::Kind::kNumber) {
      return Value::Number(b.text.starts_with("-") ? b.text.substr(1) : "-" + b.text, loc);
    }
    return Value::Unknown("operator " + op + " on an unknown value", loc);
  }
  std::vector<TSNode> left(children.begin(), children.begin() + static_cast<long>(at));
  Value a = EvalTerms(*node.file, left, scope);
  if (op == "==" || op == "!=") {
    bool known = (a.IsNull() || a.Literal()) && (b.IsNull() || b.Literal());
    if (!known) return Value::Unknown("comparison of values that are not known", loc);
    bool same = a.IsNull() == b.IsNull() && a.Literal() == b.Literal();
    return Value::Bool(op == "==" ? same : !same, loc);
  }
  if (op == "&&" || op == "||") {
    auto x = a.AsBool();
    auto y = b.AsBool();
    if (op == "&&" && ((x && !*x) || (y && !*y))) return Value::Bool(false, loc);
    if (op == "||" && ((x && *x) || (y && *y))) return Value::Bool(true, loc);
    if (x && y) return Value::Bool(op == "&&" ? (*x && *y) : (*x || *y), loc);
    return Value::Unknown("logical operation on values that are not known", loc);
  }
  return Value::Unknown("operator " + op + " is not evaluated", loc);
}

Value Evaluator::EvalFor(const NodeRef& node, const Scope& scope) {
  Location loc = node.Loc();
  bool object = Is(node.node, "for_object_expr");
  TSNode intro = ChildOfType(node.node, "for_intro");
  std::vector<std::string> names;
  TSNode collection_node{};
  for (TSNode c : NamedChildren(intro)) {
    if (Is(c, "identifier")) names.push_back(std::string(node.file->Text(c)));
    if (Is(c, "expression")) collection_node = c;
  }
  std::vector<TSNode> bodies;
  for (TSNode c : NamedChildren(node.node)) {
    if (Is(c, "expression")) bodies.push_back(c);
  }
  TSNode cond = ChildOfType(node.node, "for_cond");
  if (names.empty() || bodies.size() != (object ? 2u : 1u)) return Value::Unknown("for expression does not parse", loc);
  Value collection = Eval(NodeRef{node.file, collection_node}, scope);
  std::vector<std::pair<Value, Value>> elements;  // key/index, value
  if (collection.IsList()) {
    for (size_t i = 0; i < collection.items.size(); ++i) {
      elements.emplace_back(Value::Number(std::to_string(i), loc), collection.items[i]);
    }
  } else if (collection.IsMap()) {
    for (const auto& [k, v] : collection.entries) elements.emplace_back(Value::String(k, v.loc), v);
  } else {
    std::string why = collection.IsUnknown() ? collection.reason : "the collection is not a list or map";
    return Value::Unknown("for expression over a collection that is not known: " + why, loc);
  }
  if (elements.size() > kMaxIterations) return Value::Unknown("for expression over too many elements", loc);
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> entries;
  for (auto& [key, value] : elements) {
    Scope inner = scope;
    if (names.size() == 1) {
      inner.names[names[0]] = value;
    } else {
      inner.names[names[0]] = key;
      inner.names[names[1]] = value;
    }
    if (!ts_node_is_null(cond)) {
      std::optional<bool> keep = Eval(NodeRef{node.file, ChildOfType(cond, "expression")}, inner).AsBool();
      if (!keep) return Value::Unknown("for expression condition is not known", loc);
      if (!*keep) continue;
    }
    if (!object) {
      items.push_back(Eval(NodeRef{node.file, bodies[0]}, inner));
      continue;
    }
    auto k = Eval(NodeRef{node.file, bodies[0]}, inner).Literal();
    if (!k) return Value::Unknown("for expression key is not known", loc);
    entries.emplace_back(*k, Eval(NodeRef{node.file, bodies[1]}, inner));
  }
  return object ? Value::Map(std::move(entries), loc) : Value::List(std::move(items), loc);
}

Value Evaluator::ApplySteps(Value v, const std::vector<Step>& steps, size_t from, const Location& loc) {
  for (size_t i = from; i < steps.size(); ++i) {
    if (v.IsUnknown()) return v;
    if (v.kind == Value::Kind::kAlternatives) {
      for (auto& item : v.items) item = ApplySteps(std::move(item), steps, i, loc);
      return v;
    }
    const Step& s = steps[i];
    if (s.kind == Step::Kind::kSplat) {
      std::vector<Value> items = v.IsList() ? v.items : (v.IsNull() ? std::vector<Value>{} : std::vector<Value>{v});
      for (auto& item : items) item = ApplySteps(std::move(item), steps, i + 1, loc);
      return Value::List(std::move(items), loc);
    }
    if (s.kind == Step::Kind::kAttr) {
      const Value* found = v.Find(s.name);
      if (!found) return Value::Unknown("attribute " + s.name + " is not known", loc);
      v = Value(*found);  // copy first: `found` points into `v`
      continue;
    }
    auto key = s.index.Literal();
    if (!key) {
      std::string why = "an index is not known";
      s.index.DependsOnUnknown(&why);
      return Value::Unknown(why, loc);
    }
    if (v.IsMap()) {
      const Value* found = v.Find(*key);
      if (!found) return Value::Unknown("key " + *key + " is not in the map", loc);
      v = Value(*found);  // copy first: `found` points into `v`
    } else if (v.IsList()) {
      auto n = AsInteger(s.index);
      if (!n || *n >= static_cast<long>(v.items.size())) return Value::Unknown("index " + *key + " is out of range", loc);
      v = Value(v.items[static_cast<size_t>(*n)]);  // copy first: the item is inside `v`
    } else {
      return Value::Unknown("index into a value that is not a list or map", loc);
    }
  }
  return v;
}

Value Evaluator::EvalTraversal(const std::string& root, std::vector<Step>& steps, const Location& loc,
                               const Scope& scope) {
  auto it = scope.names.find(root);
  if (it != scope.names.end()) return ApplySteps(it->second, steps, 0, loc);
  auto attr = [&](size_t i) -> std::string {
    return i < steps.size() && steps[i].kind == Step::Kind::kAttr ? steps[i].name : "";
  };
  if (root == "each" || root == "count") {
    const Expansion* e = scope.expansion;
    const std::optional<Value>* bound = nullptr;
    if (e && root == "each" && attr(0) == "key") bound = &e->each_key;
    if (e && root == "each" && attr(0) == "value") bound = &e->each_value;
    if (e && root == "count" && attr(0) == "index") bound = &e->count_index;
    if (!bound || !bound->has_value()) return Value::Unknown(root + "." + attr(0) + " is not available here", loc);
    if (e->abstract && steps.size() > 1) {
      // each.value.name of an abstract instance: one more fixed unknown.
      std::string what = root + "." + attr(0);
      for (size_t i = 1; i < steps.size(); ++i) {
        auto key = steps[i].index.Literal();
        if (steps[i].kind == Step::Kind::kAttr) {
          what += "." + steps[i].name;
        } else if (steps[i].kind == Step::Kind::kIndex && key) {
          what += "[" + Quote(*key) + "]";
        } else {
          return Value::Unknown(AbstractName(*e, what), loc);
        }
      }
      return Value::SymbolString(Symbol{Symbol::Kind::kUnknown, AbstractName(*e, what), e->scope}, loc);
    }
    return ApplySteps(At(**bound, loc), steps, 1, loc);
  }
  if (root == "terraform" && attr(0) == "workspace") return Value::String("default", loc);
  Instance* inst = scope.instance;
  if (!inst) return Value::Unknown("reference " + root + " is not available here", loc);
  if (root == "path") {
    std::string which = attr(0);
    if (which == "module") return Value::String(inst->dir_from_root, loc);
    if (which == "root" || which == "cwd") return Value::String(".", loc);
    return Value::Unknown("path." + which + " is not known", loc);
  }
  if (root == "var" && !attr(0).empty()) return ApplySteps(Variable(*inst, attr(0), loc), steps, 1, loc);
  if (root == "local" && !attr(0).empty()) return ApplySteps(Local(*inst, attr(0), loc), steps, 1, loc);
  size_t used = 0;
  if (root == "module" && !attr(0).empty()) {
    Value v = ModuleOutput(*inst, attr(0), steps, 1, loc, &used);
    return ApplySteps(std::move(v), steps, used, loc);
  }
  if (root == "data" && !attr(0).empty() && !attr(1).empty()) {
    Value v = DataAttribute(*inst, attr(0), attr(1), steps, 2, loc, &used);
    return ApplySteps(std::move(v), steps, used, loc);
  }
  if (!attr(0).empty() && inst->def->FindResource(root, attr(0))) {
    Value v = ResourceAttribute(*inst, root, attr(0), steps, 1, loc, &used);
    return ApplySteps(std::move(v), steps, used, loc);
  }
  std::string name = root + (attr(0).empty() ? "" : "." + attr(0));
  return Value::Unknown("reference " + name + " is not declared in " + inst->def->dir, loc);
}

Value Evaluator::Variable(Instance& inst, const std::string& name, const Location& loc) {
  auto given = inst.inputs.find(name);
  if (given != inst.inputs.end()) return given->second;
  auto decl = inst.def->variables.find(name);
  if (decl == inst.def->variables.end()) return Value::Unknown("variable " + name + " is not declared", loc);
  const BodyItems body = ReadBody(decl->second.body);  // `def` points into it
  const NodeRef* def = body.Attribute("default");
  if (!def) return UnsetVariable(inst, name, decl->second, loc);
  Value v = Eval(*def, Scope{&inst, nullptr, {}});
  v.from_default = true;
  return v;
}

std::string InstanceScope(const Instance& inst) { return inst.parent ? inst.root + "#" + inst.prefix : inst.root; }

Value Evaluator::UnsetVariable(Instance& inst, const std::string& name, const Block& decl, const Location& loc) {
  const BodyItems body = ReadBody(decl.body);
  std::string type;
  if (const NodeRef* t = body.Attribute("type")) type = std::string(t->Text());
  std::erase_if(type, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  std::string reason = "variable " + name + " has no value";
  if (!(type.empty() || type == "string" || type == "number" || type == "bool" || type == "any")) {
    return Value::Unknown(reason, loc);  // a collection: its shape is not one string
  }
  Symbol input{Symbol::Kind::kUnknown, reason, InstanceScope(inst)};
  if (context_.constrain && constrained_.emplace(input.scope, input.name).second) {
    InputConstraint c;
    Scope scope{&inst, nullptr, {}};
    for (const Block* v : body.BlocksOfType("validation")) {
      const NodeRef* cond = ReadBody(v->body).Attribute("condition");
      if (cond) ReadValidation(*cond->file, TermsOf(cond->node), "var." + name, scope, c);
    }
    if (type == "number" && c.allowed_pattern.empty()) c.allowed_pattern = "-?[0-9]+(\\.[0-9]+)?";
    if (type == "bool" && c.allowed_values.empty()) c.allowed_values = {"true", "false"};
    if (!c.allowed_values.empty() || !c.allowed_pattern.empty() || c.min_length || c.max_length) {
      context_.constrain(input, std::move(c));
    }
  }
  return Value::SymbolString(std::move(input), loc);
}

void Evaluator::ReadValidation(const HclFile& file, const std::vector<TSNode>& terms, const std::string& var,
                               const Scope& scope, InputConstraint& out) {
  DepthGuard guard(depth_);
  if (guard.TooDeep()) return;
  if (terms.size() == 3 && Is(terms[0], "(")) return ReadValidation(file, TermsOf(terms[1]), var, scope, out);
  if (terms.size() != 1) return;
  TSNode t = terms[0];
  if (Is(t, "expression")) return ReadValidation(file, TermsOf(t), var, scope, out);
  auto is_var = [&](TSNode n) {
    std::string text(file.Text(n));
    std::erase_if(text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
    return text == var;
  };
  // name(args...) of a function_call term.
  auto call = [&](TSNode n, std::vector<TSNode>* args) -> std::string {
    if (!Is(n, "function_call")) return "";
    for (TSNode c : NamedChildren(ChildOfType(n, "function_arguments"))) {
      if (Is(c, "expression")) args->push_back(c);
    }
    return std::string(file.Text(ChildOfType(n, "identifier")));
  };
  std::vector<TSNode> args;
  std::string fn = call(t, &args);
  if (fn == "can" && args.size() == 1) {
    std::vector<TSNode> inner_terms = TermsOf(args[0]);
    std::vector<TSNode> inner;
    if (inner_terms.size() == 1 && call(inner_terms[0], &inner) == "regex" && inner.size() == 2 && is_var(inner[1])) {
      auto pattern = Eval(NodeRef{&file, inner[0]}, scope).Literal();
      if (pattern) out.allowed_pattern = WholeValuePattern(*pattern);
    }
    return;
  }
  if (fn == "contains" && args.size() == 2 && is_var(args[1])) {
    Value list = Eval(NodeRef{&file, args[0]}, scope);
    if (!list.IsList()) return;
    std::vector<std::string> values;
    for (const auto& item : list.items) {
      auto lit = item.Literal();
      if (!lit) return;
      values.push_back(*lit);
    }
    out.allowed_values = std::move(values);
    return;
  }
  if (!Is(t, "operation")) return;
  std::vector<TSNode> named = NamedChildren(t);
  if (named.empty() || !Is(named[0], "binary_operation")) return;
  std::vector<TSNode> children;
  for (TSNode c : Children(named[0])) {
    if (!Is(c, "comment")) children.push_back(c);
  }
  static const std::vector<std::string_view> kOperators = {"&&", ">", ">=", "<", "<=", "=="};
  for (size_t at = 0; at < children.size(); ++at) {
    if (ts_node_is_named(children[at])) continue;
    std::string_view op = ts_node_type(children[at]);
    if (std::find(kOperators.begin(), kOperators.end(), op) == kOperators.end()) continue;
    std::vector<TSNode> left(children.begin(), children.begin() + static_cast<long>(at));
    std::vector<TSNode> right(children.begin() + static_cast<long>(at) + 1, children.end());
    if (op == "&&") {
      ReadValidation(file, left, var, scope, out);
      ReadValidation(file, right, var, scope, out);
      return;
    }
    std::vector<TSNode> length_args;
    if (left.size() != 1 || call(left[0], &length_args) != "length" || length_args.size() != 1 ||
        !is_var(length_args[0])) {
      return;
    }
    std::optional<long> n = AsInteger(EvalTerms(file, right, scope));
    if (!n) return;
    size_t v = static_cast<size_t>(*n);
    if (op == ">") out.min_length = v + 1;
    if (op == ">=" || op == "==") out.min_length = v;
    if (op == "<" && v > 0) out.max_length = v - 1;
    if (op == "<=" || op == "==") out.max_length = v;
    return;
  }
}

Value Evaluator::Local(Instance& inst, const std::string& name, const Location& loc) {
  auto done = inst.locals_done.find(name);
  if (done != inst.locals_done.end()) return done->second;
  auto decl = inst.def->locals.find(name);
  if (decl == inst.def->locals.end()) return Value::Unknown("local." + name + " is not declared", loc);
  if (!inst.locals_busy.insert(name).second) return Value::Unknown("local." + name + " refers to itself", loc);
  Value v = Eval(decl->second, Scope{&inst, nullptr, {}});
  inst.locals_busy.erase(name);
  // A value cut short by the depth cap is not memoised: a shallower use may finish it.
  if (depth_ <= 1 || !v.DependsOnUnknown()) inst.locals_done[name] = v;
  return v;
}

const std::vector<Expansion>& Evaluator::Expand(Instance& inst, const Block& block) {
  std::string memo = block.type;
  for (const auto& l : block.labels) memo += "." + l;
  auto found = inst.expansions.find(memo);
  if (found != inst.expansions.end()) return found->second;
  std::vector<Expansion>& out = inst.expansions[memo];
  BodyItems body = ReadBody(block.body);
  Scope scope{&inst, nullptr, {}};
  std::string address = block.labels.empty() ? block.type : block.labels[0];
  if (block.type == "module") address = "module." + address;
  if (block.labels.size() >= 2) address += "." + block.labels[1];
  if (block.type == "data") address = "data." + address;
  // Keys not known: one abstract instance whose each.*/count.* are one symbol each.
  auto abstract = [&](const std::string& why, bool conditional) {
    Expansion e;
    e.abstract = true;
    e.conditional = conditional;
    e.address = inst.prefix + address;
    e.scope = inst.root + "#" + e.address;
    e.why = why;
    auto symbol = [&](const std::string& what) {
      return Value::SymbolString(Symbol{Symbol::Kind::kUnknown, AbstractName(e, what), e.scope}, block.loc);
    };
    e.each_key = symbol("each.key");
    e.each_value = symbol("each.value");
    e.count_index = symbol("count.index");
    out.assign(1, std::move(e));
  };
  if (const NodeRef* count = body.Attribute("count")) {
    Value n = Eval(*count, scope);
    std::optional<long> c = AsInteger(n);
    // `count = var.x ? 1 : 0`: the instances of the largest reading, those beyond
    // the smallest one conditional.
    if (!c && n.kind == Value::Kind::kAlternatives && !n.items.empty()) {
      long lo = kMaxCount + 1;
      long hi = -1;
      for (const auto& item : n.items) {
        std::optional<long> k = AsInteger(item);
        lo = std::min(lo, k ? *k : kMaxCount + 1);
        hi = std::max(hi, k ? *k : kMaxCount + 1);
      }
      if (hi <= kMaxCount) {
        for (long i = 0; i < hi; ++i) {
          Value idx = Value::Number(std::to_string(i), block.loc);
          Expansion e{Suffix(idx, true), std::nullopt, std::nullopt, idx, false};
          e.conditional = i >= lo;
          out.push_back(std::move(e));
        }
        return out;
      }
    }
    if (!c || *c > kMaxCount) {
      std::string why;
      n.DependsOnUnknown(&why);
      abstract("count is not known" + (why.empty() ? "" : ": " + why), n.kind == Value::Kind::kAlternatives);
      return out;
    }
    for (long i = 0; i < *c; ++i) {
      Value idx = Value::Number(std::to_string(i), block.loc);
      out.push_back(Expansion{Suffix(idx, true), std::nullopt, std::nullopt, idx, false});
    }
    return out;
  }
  if (const NodeRef* for_each = body.Attribute("for_each")) {
    Value coll = Eval(*for_each, scope);
    if (coll.IsMap()) {
      for (const auto& [k, v] : coll.entries) {
        Value key = Value::String(k, v.loc);
        out.push_back(Expansion{Suffix(key, false), key, v, std::nullopt, false});
      }
      return out;
    }
    bool all_literal = coll.IsList() && std::all_of(coll.items.begin(), coll.items.end(),
                                                    [](const Value& i) { return i.IsLiteralString(); });
    if (all_literal) {
      for (const auto& item : Distinct(coll).items) {
        out.push_back(Expansion{Suffix(item, false), item, item, std::nullopt, false});
      }
      return out;
    }
    std::string why;
    coll.DependsOnUnknown(&why);
    bool maybe_empty = coll.kind == Value::Kind::kAlternatives &&
                       std::any_of(coll.items.begin(), coll.items.end(), [](const Value& i) {
                         return i.IsNull() || (i.IsList() && i.items.empty()) || (i.IsMap() && i.entries.empty());
                       });
    abstract("for_each is not known" + (why.empty() ? "" : ": " + why), maybe_empty);
    return out;
  }
  out.push_back(Expansion{});
  return out;
}

namespace {

// The expansion a reference picks: `steps[*at]` may index a repeated block.
const Expansion* PickExpansion(const std::vector<Expansion>& expansions, bool repeated,
                               const std::vector<Evaluator::Step>& steps, size_t* at, std::string* error) {
  if (!repeated) return expansions.empty() ? nullptr : &expansions[0];
  if (*at >= steps.size() || steps[*at].kind != Evaluator::Step::Kind::kIndex) {
    *error = "a reference without an instance key is not evaluated";
    return nullptr;
  }
  const Value& index = steps[(*at)++].index;
  if (expansions.size() == 1 && expansions[0].abstract) return &expansions[0];
  auto lit = index.Literal();
  if (!lit) {
    *error = "the instance key is not known";
    index.DependsOnUnknown(error);
    return nullptr;
  }
  for (const auto& e : expansions) {
    const std::optional<Value>& key = e.count_index ? e.count_index : e.each_key;
    if (key && key->Literal() == lit) return &e;
  }
  *error = "there is no instance " + *lit;
  return nullptr;
}

// `providers = { aws = aws.west, "aws.east" = aws }`: child name -> caller name.
std::vector<std::pair<std::string, std::string>> ProviderMap(const NodeRef& providers) {
  auto name = [&](TSNode n) {
    std::string text(providers.file->Text(n));
    std::erase_if(text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"'; });
    return text;
  };
  std::vector<std::pair<std::string, std::string>> out;
  TSNode object = ChildOfType(ChildOfType(providers.node, "collection_value"), "object");
  for (TSNode elem : NamedChildren(object)) {
    if (!Is(elem, "object_elem")) continue;  // the `{` / `}` tokens are named nodes too
    TSNode k = ts_node_child_by_field_name(elem, "key", 3);
    TSNode v = ts_node_child_by_field_name(elem, "val", 3);
    if (ts_node_is_null(k) || ts_node_is_null(v)) continue;
    out.emplace_back(name(k), name(v));
  }
  return out;
}

}  // namespace

std::vector<ChildInstance>& Evaluator::ModuleChildren(Instance& inst, const Block& call) {
  const std::string& name = call.labels[0];
  auto found = inst.children.find(name);
  if (found != inst.children.end()) return found->second;
  static std::vector<ChildInstance> none;
  if (!inst.children_busy.insert(name).second) return none;  // the call's inputs refer to its own outputs
  std::vector<ChildInstance> made;
  BodyItems body = ReadBody(call.body);
  Scope scope{&inst, nullptr, {}};
  auto source = Attribute(body, "source", scope, call.loc).Literal();
  const ModuleDef* def = nullptr;
  std::string rel;
  if (source && (source->starts_with("./") || source->starts_with("../")) && inst.depth < 16) {
    rel = *source;
    std::string dir = (fs::path(inst.def->dir) / rel).lexically_normal().string();
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    def = context_.module_for_dir(dir);
    for (const Instance* a = &inst; a && def; a = a->parent) {
      if (a->def == def) def = nullptr;  // a module that calls itself
    }
  }
  for (const Expansion& e : Expand(inst, call)) {
    ChildInstance child{e, nullptr};
    if (def) {
      auto c = std::make_unique<Instance>();
      c->def = def;
      c->root = inst.root;
      c->prefix = inst.prefix + "module." + name + e.suffix + ".";
      std::string from_root = (fs::path(inst.dir_from_root) / rel).lexically_normal().string();
      while (from_root.size() > 1 && from_root.back() == '/') from_root.pop_back();
      c->dir_from_root = from_root;
      c->depth = inst.depth + 1;
      c->conditional = inst.conditional || e.conditional;
      c->parent = &inst;
      Scope in_call{&inst, &child.expansion, {}};
      static const std::vector<std::string_view> kMeta = {"source", "version", "count", "for_each", "providers",
                                                          "depends_on"};
      for (const auto& [arg, expr] : body.attributes) {
        if (std::find(kMeta.begin(), kMeta.end(), arg) != kMeta.end()) continue;
        c->inputs[arg] = Eval(expr, in_call);
      }
      // Without `providers` a child inherits its caller's configurations; the argument
      // cancels that, and the child has only those it names (as in Terraform).
      const NodeRef* passed = body.Attribute("providers");
      if (!passed) c->providers = inst.providers;
      ConfigureProviders(*c);  // its own provider blocks, read with its inputs
      if (passed) {
        for (const auto& [to, from] : ProviderMap(*passed)) {
          auto given = inst.providers.find(from);
          c->providers[to] = given != inst.providers.end() ? given->second : Defaults();
        }
      }
      child.instance = std::move(c);
    }
    made.push_back(std::move(child));
  }
  inst.children_busy.erase(name);
  return inst.children[name] = std::move(made);
}

Value Evaluator::ModuleOutput(Instance& inst, const std::string& name, const std::vector<Step>& steps, size_t at,
                              const Location& loc, size_t* used) {
  *used = steps.size();
  const Block* call = inst.def->FindModuleCall(name);
  if (!call) return Value::Unknown("module." + name + " is not declared", loc);
  std::vector<ChildInstance>& children = ModuleChildren(inst, *call);
  std::vector<Expansion> expansions;
  for (const auto& c : children) expansions.push_back(c.expansion);
  std::string error;
  const Expansion* e = PickExpansion(expansions, HasRepetition(*call), steps, &at, &error);
  if (!e) return Value::Unknown("module." + name + ": " + error, loc);
  Instance* child = children[static_cast<size_t>(e - expansions.data())].instance.get();
  if (!child) return Value::Unknown("module." + name + " is not a local module", loc);
  if (at >= steps.size() || steps[at].kind != Step::Kind::kAttr) {
    return Value::Unknown("a reference to a whole module is not evaluated", loc);
  }
  const std::string& output = steps[at].name;
  *used = at + 1;
  auto out = child->def->outputs.find(output);
  if (out == child->def->outputs.end()) return Value::Unknown("module." + name + " has no output " + output, loc);
  return Attribute(ReadBody(out->second.body), "value", Scope{child, nullptr, {}}, loc);
}

Value Evaluator::ResourceAttribute(Instance& inst, const std::string& type, const std::string& name,
                                   const std::vector<Step>& steps, size_t at, const Location& loc, size_t* used) {
  *used = steps.size();
  const Block* block = inst.def->FindResource(type, name);
  std::string error;
  const Expansion* e = PickExpansion(Expand(inst, *block), HasRepetition(*block), steps, &at, &error);
  std::string address = type + "." + name;
  if (!e) return Value::Unknown(address + ": " + error, loc);
  if (at >= steps.size() || steps[at].kind != Step::Kind::kAttr) {
    return Value::Unknown("a reference to the whole resource " + address + " is not evaluated", loc);
  }
  const std::string attr = steps[at].name;
  *used = at + 1;
  std::string key = inst.root + "#" + inst.prefix + address + e->suffix;
  if (type == "aws_cognito_identity_pool" && attr == "id") {
    return Value::SymbolString(Symbol{Symbol::Kind::kPoolId, key}, loc);
  }
  if (type == "aws_iam_role" && attr == "arn") return Value::SymbolString(Symbol{Symbol::Kind::kRoleArn, key}, loc);
  BodyItems body = ReadBody(block->body);
  Scope scope{&inst, e, {}};
  if (type == "aws_iam_role" && (attr == "name" || attr == "id")) {
    Value n = Attribute(body, "name", scope, loc);
    if (n.IsLiteralString()) return n;
    return Value::SymbolString(Symbol{Symbol::Kind::kRoleName, key}, loc);
  }
  if (type == "aws_iam_policy" && (attr == "arn" || attr == "id")) {
    return Value::SymbolString(Symbol{Symbol::Kind::kResourceRef, key}, loc);
  }
  // An argument set in the configuration is known as written.
  if (body.Attribute(attr) && attr != "id" && attr != "arn") return Attribute(body, attr, scope, loc);
  return Value::SymbolString(Symbol{Symbol::Kind::kResourceRef, key + "." + attr}, loc);
}

Value Evaluator::DataAttribute(Instance& inst, const std::string& type, const std::string& name,
                               const std::vector<Step>& steps, size_t at, const Location& loc, size_t* used) {
  *used = steps.size();
  std::string address = "data." + type + "." + name;
  const Block* block = inst.def->FindData(type, name);
  if (!block) return Value::Unknown(address + " is not declared in " + inst.def->dir, loc);
  std::string error;
  const Expansion* e = PickExpansion(Expand(inst, *block), HasRepetition(*block), steps, &at, &error);
  if (!e) return Value::Unknown(address + ": " + error, loc);
  if (at >= steps.size() || steps[at].kind != Step::Kind::kAttr) {
    return Value::Unknown("a reference to the whole data source " + address + " is not evaluated", loc);
  }
  const std::string attr = steps[at].name;
  *used = at + 1;
  BodyItems body = ReadBody(block->body);
  if (type == "aws_caller_identity" && attr == "account_id") return At(ProviderFor(inst, body).account, loc);
  if (type == "aws_region" && (attr == "name" || attr == "id" || attr == "region")) {
    return At(ProviderFor(inst, body).region, loc);
  }
  if (type == "aws_partition" && attr == "partition") return At(ProviderFor(inst, body).partition, loc);
  if (type == "aws_partition" && attr == "dns_suffix") return Value::String("amazonaws.com", loc);
  if (type == "aws_iam_policy_document" && (attr == "json" || attr == "minified_json")) {
    return PolicyDocument(inst, *block, *e);
  }
  if (type == "template_file" && attr == "rendered") return TemplateData(inst, body, *e, address + e->suffix, loc);
  // Read at plan time from outside the scan: one fixed unknown per attribute path
  // (`data.terraform_remote_state.net.outputs.pool_id`).
  std::string key = inst.root + "#" + inst.prefix + address + e->suffix;
  std::string what = inst.prefix + address + e->suffix + "." + attr;
  for (; *used < steps.size(); ++*used) {
    const Step& s = steps[*used];
    auto index = s.index.Literal();
    if (s.kind == Step::Kind::kAttr) {
      what += "." + s.name;
    } else if (s.kind == Step::Kind::kIndex && index) {
      what += "[" + Quote(*index) + "]";
    } else {
      break;
    }
  }
  return Value::SymbolString(Symbol{Symbol::Kind::kUnknown, what + " is read from outside the scan", key}, loc);
}

Value Evaluator::EvalFunction(const NodeRef& node, const Scope& scope) {
  TSNode id = ChildOfType(node.node, "identifier");
  std::string name(node.file->Text(id));
  std::vector<Value> args;
  TSNode arguments = ChildOfType(node.node, "function_arguments");
  for (TSNode c : NamedChildren(arguments)) {
    if (Is(c, "ellipsis")) return Value::Unknown("function arguments expanded with ... are not evaluated", node.Loc());
    if (Is(c, "expression")) args.push_back(Eval(NodeRef{node.file, c}, scope));
  }
  return CallFunction(name, std::move(args), node.Loc(), scope);
}

Value Evaluator::CallFunction(const std::string& name, std::vector<Value> args, const Location& loc,
                              const Scope& scope) {
  auto arity = [&](size_t n) { return args.size() >= n; };
  if ((name == "jsonencode" || name == "tolist" || name == "tomap" || name == "tostring" || name == "tonumber" ||
       name == "tobool") &&
      arity(1)) {
    return At(std::move(args[0]), loc);
  }
  if (name == "toset" && arity(1)) {
    // Terraform orders a set of strings lexically.
    Value set = Distinct(args[0]);
    if (set.IsList() && std::all_of(set.items.begin(), set.items.end(), [](const Value& i) { return i.IsLiteralString(); })) {
      std::stable_sort(set.items.begin(), set.items.end(),
                       [](const Value& a, const Value& b) { return *a.Literal() < *b.Literal(); });
    }
    return set;
  }
  if (name == "distinct" && arity(1)) return Distinct(args[0]);
  if (name == "flatten" && arity(1)) return args[0].IsList() ? Flatten(args[0], 0) : args[0];
  if (name == "jsondecode" && arity(1)) {
    if (!args[0].IsString()) return args[0].IsUnknown() ? args[0] : Value::Unknown("jsondecode of a non-string", loc);
    if (auto v = ParseJsonParts(args[0].parts, args[0].loc)) return *v;
    return Value::Unknown("jsondecode argument is not a JSON object or array", loc);
  }
  if (name == "file" && arity(1)) return ReadFile(args[0], loc, scope, nullptr);
  if (name == "templatefile" && arity(2)) return TemplateFile(args[0], args[1], loc, scope);
  if (name == "concat") {
    if (const Value* u = FirstUnknown(args)) return *u;
    std::vector<Value> items;
    for (const auto& a : args) {
      if (!a.IsList()) return Value::Unknown("concat of a value that is not a list", loc);
      items.insert(items.end(), a.items.begin(), a.items.end());
    }
    return Value::List(std::move(items), loc);
  }
  if (name == "merge") {
    if (const Value* u = FirstUnknown(args)) return *u;
    std::vector<std::pair<std::string, Value>> entries;
    for (const auto& a : args) {
      if (a.IsNull()) continue;
      if (!a.IsMap()) return Value::Unknown("merge of a value that is not a map", loc);
      for (const auto& [k, v] : a.entries) {
        auto e = std::find_if(entries.begin(), entries.end(), [&](const auto& x) { return x.first == k; });
        if (e != entries.end()) {
          e->second = v;
        } else {
          entries.emplace_back(k, v);
        }
      }
    }
    return Value::Map(std::move(entries), loc);
  }
  if (name == "lookup" && arity(2)) {
    auto key = args[1].Literal();
    if (args[0].IsMap() && key) {
      if (const Value* v = args[0].Find(*key)) return *v;
      if (args.size() >= 3) return args[2];
      return Value::Unknown("lookup: key " + *key + " is not in the map", loc);
    }
    if (args[0].IsUnknown()) return args[0];
    return Value::Unknown("lookup in a map or key that is not known", loc);
  }
  if (name == "length" && arity(1)) {
    if (args[0].IsList() || args[0].IsMap()) {
      size_t n = args[0].IsList() ? args[0].items.size() : args[0].entries.size();
      return Value::Number(std::to_string(n), loc);
    }
    if (auto lit = args[0].Literal(); lit && args[0].IsString()) return Value::Number(std::to_string(lit->size()), loc);
    return Value::Unknown("length of a value that is not known", loc);
  }
  if (name == "join" && arity(2)) {
    auto sep = args[0].Literal();
    if (!sep || !args[1].IsList()) return Value::Unknown("join of values that are not known", loc);
    std::vector<StringPart> parts;
    for (size_t i = 0; i < args[1].items.size(); ++i) {
      if (i) parts.push_back(StringPart{*sep, std::nullopt});
      AppendAsString(args[1].items[i], parts);
    }
    return Value::Symbolic(std::move(parts), loc);
  }
  if (name == "format" && arity(1)) {
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
  return Value::Unknown("function " + name + " is not evaluated", loc);
}

Value Evaluator::ReadFile(const Value& path, const Location& loc, const Scope& scope, std::string* display_path) {
  auto p = path.Literal();
  if (!p) {
    std::string why = "file path is not known";
    path.DependsOnUnknown(&why);
    return Value::Unknown(why, loc);
  }
  // Terraform resolves relative paths from the root module's folder.
  std::string root = scope.instance ? scope.instance->root : ".";
  fs::path full = fs::path(*p).is_absolute() ? fs::path(*p) : (fs::path(root) / *p).lexically_normal();
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(full, ec);
  fs::path rel = ec ? fs::path("..") : canonical.lexically_relative(context_.scan_root);
  if (rel.empty() || *rel.begin() == "..") return Value::Unknown("file outside the scanned root: " + *p, loc);
  std::uintmax_t size = fs::file_size(canonical, ec);
  if (ec || !fs::is_regular_file(canonical, ec)) return Value::Unknown("file " + *p + " cannot be read", loc);
  if (size > kMaxReadBytes) return Value::Unknown("file " + *p + " is too large", loc);
  std::ifstream in(canonical, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string shown = full.string();
  if (display_path) *display_path = shown;
  return Value::String(text.str(), Location{shown, 1, 1});
}

Value Evaluator::TemplateFile(const Value& path, const Value& vars, const Location& loc, const Scope& scope) {
  std::string shown;
  Value content = ReadFile(path, loc, scope, &shown);
  auto text = content.Literal();
  if (!text) return content;
  if (!vars.IsMap()) return Value::Unknown("templatefile variables are not known", loc);
  return RenderTemplate(*text, Location{shown, 1, 1}, vars, loc);
}

Value Evaluator::RenderTemplate(const std::string& text, const Location& start, const Value& vars,
                                const Location& loc) {
  constexpr std::string_view kMarker = "TRUSTLINT_TEMPLATE_END";
  if (text.find(kMarker) != std::string::npos) return Value::Unknown("the template is not evaluated", loc);
  bool trailing_newline = !text.empty() && text.back() == '\n';
  std::string wrapped = "t = <<" + std::string(kMarker) + "\n" + text + (trailing_newline ? "" : "\n") +
                        std::string(kMarker) + "\n";
  // The template's first line is line 2 of the wrapper: it shows as `start.line`.
  templates_.push_back(ParseHcl(start.file, std::move(wrapped), 2 - std::max(start.line, 1)));
  const HclFile& file = *templates_.back();
  if (file.error) return Value::Unknown("template " + start.file + " does not parse: " + file.error->second, loc);
  BodyItems body = ReadFileBody(file);
  const NodeRef* expr = body.Attribute("t");
  if (!expr) return Value::Unknown("template " + start.file + " does not parse", loc);
  Scope inner{nullptr, nullptr, {}};
  for (const auto& [k, v] : vars.entries) inner.names[k] = v;
  Value v = Eval(*expr, inner);
  if (!trailing_newline && v.IsString() && !v.parts.empty() && !v.parts.back().symbol &&
      v.parts.back().literal.ends_with("\n")) {
    v.parts.back().literal.pop_back();
  }
  return v;
}

Value Evaluator::TemplateData(Instance& inst, const BodyItems& body, const Expansion& e, const std::string& address,
                              const Location& loc) {
  Scope scope{&inst, &e, {}};
  Value tpl = Attribute(body, "template", scope, loc);
  Value vars = Attribute(body, "vars", scope, loc);
  if (vars.IsNull()) vars = Value::Map({}, loc);
  auto text = tpl.Literal();
  std::string why;
  if (!text) {
    why = "the template is not known";
    tpl.DependsOnUnknown(&why);
  } else if (!vars.IsMap()) {
    why = "its vars are not known";
    vars.DependsOnUnknown(&why);
  }
  if (!why.empty()) return Value::Unknown(address + ".rendered is not computed: " + why, loc);
  Value v = RenderTemplate(*text, tpl.loc.Known() ? tpl.loc : loc, vars, loc);
  if (v.IsUnknown()) v.reason = address + ".rendered is not computed: " + v.reason;
  // A directive on an unknown value leaves a hole of unknown shape, not one
  // string part: the text as a whole is not computed.
  if (text->find("%{") != std::string::npos && v.DependsOnUnknown(&why)) {
    return Value::Unknown(address + ".rendered is not computed: " + why, loc);
  }
  return v;
}

Value Evaluator::PolicyValue(Value v) {
  if (v.kind == Value::Kind::kAlternatives) {
    for (auto& item : v.items) item = PolicyValue(std::move(item));
    return v;
  }
  if (!v.IsString()) return v;
  if (auto parsed = ParseJsonParts(v.parts, v.loc)) {
    parsed->from_default = v.from_default;
    return *parsed;
  }
  return v;
}

}  // namespace trustlint::terraform
