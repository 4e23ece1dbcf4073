// HCL expressions: terms, templates and heredocs, collections, conditionals,
// operators, for-expressions, and traversal steps into values.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "frontend/terraform/eval_internal.h"

namespace trustlint::terraform {
namespace {

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

// Values and bytes are charged to the budget in batches of these (see SpendValue).
constexpr std::uint64_t kValueBatch = 1024;
constexpr std::uint64_t kByteBatch = 64 << 10;

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

}  // namespace

std::uint64_t StringBytes(const std::vector<StringPart>& parts) {
  std::uint64_t n = 0;
  for (const auto& p : parts) n += sizeof(StringPart) + p.Bytes();
  return n;
}

int ValueDepth(const Value& v, int limit) {
  if (limit <= 0) return 1;
  int deepest = 0;
  for (const Value& item : v.items) deepest = std::max(deepest, ValueDepth(item, limit - 1));
  for (const auto& entry : v.entries) deepest = std::max(deepest, ValueDepth(entry.second, limit - 1));
  return deepest + 1;
}

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

void Evaluator::SpendValue(const NodeRef& at) {
  // Runs on every Eval: where it is (at.Loc()) is worked out only when a batch is spent.
  if (unspent_values_ + 1 < kValueBatch) {
    ++unspent_values_;
    return;
  }
  SpendValues(1, at.Loc());
}

void Evaluator::SpendValues(std::uint64_t n, const Location& at) {
  unspent_values_ += n;
  if (unspent_values_ < kValueBatch) return;
  budget_.SpendValues(std::exchange(unspent_values_, 0), at);
}

void Evaluator::SpendBytes(std::uint64_t n, const Location& at) {
  unspent_bytes_ += n;
  if (unspent_bytes_ < kByteBatch) return;
  budget_.SpendBytes(std::exchange(unspent_bytes_, 0), at);
}

Value Evaluator::Built(Value v) {
  if (v.IsString()) SpendBytes(StringBytes(v.parts), v.loc);
  if (v.kind == Value::Kind::kAlternatives) {
    for (const Value& item : v.items) {
      if (item.IsString()) SpendBytes(StringBytes(item.parts), v.loc);
    }
  }
  return v;
}

Value Evaluator::CopyOut(const Value& source, const std::vector<Step>& steps, size_t from, const Location& loc) {
  // Follow the attribute and index steps that select a part, without copying.
  const Value* at = &source;
  size_t next = from;
  for (; next < steps.size(); ++next) {
    const Step& s = steps[next];
    const Value* found = nullptr;
    if (s.kind == Step::Kind::kAttr) {
      found = at->Find(s.name);
    } else if (s.kind == Step::Kind::kIndex) {
      auto key = s.index.Literal();
      if (key && at->IsMap()) found = at->Find(*key);
      auto n = key && at->IsList() ? AsInteger(s.index) : std::nullopt;
      if (n && *n < static_cast<long>(at->items.size())) found = &at->items[static_cast<size_t>(*n)];
    }
    if (!found) break;  // ApplySteps says why (or applies a splat)
    at = found;
  }
  // Charge the copy: one value per node, and the bytes of its strings.
  std::uint64_t values = 0;
  std::uint64_t bytes = 0;
  std::vector<const Value*> todo{at};
  while (!todo.empty()) {
    const Value* v = todo.back();
    todo.pop_back();
    ++values;
    bytes += StringBytes(v->parts);
    for (const Value& item : v->items) todo.push_back(&item);
    for (const auto& entry : v->entries) todo.push_back(&entry.second);
  }
  SpendValues(values, loc);
  SpendBytes(bytes, loc);
  return ApplySteps(*at, steps, next, loc);
}

Value Evaluator::Shallow(Value v) {
  if (ValueDepth(v, kMaxValueDepth) <= kMaxValueDepth) return v;
  return Value::Unknown("value nested deeper than " + std::to_string(kMaxValueDepth) + " levels", v.loc);
}

Value Evaluator::Eval(const NodeRef& expr, const Scope& scope) {
  DepthGuard guard(depth_);
  if (!expr.Valid()) return Value::Unknown("missing expression");
  if (guard.TooDeep()) {
    return Value::Unknown("expression nesting deeper than " + std::to_string(kMaxEvalDepth), expr.Loc());
  }
  SpendValue(expr);
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
      DepthGuard guard(depth_);  // a nested %{if} recurses below
      if (guard.TooDeep()) {
        append_value(Value::Unknown("template nesting deeper than " + std::to_string(kMaxEvalDepth), file.Loc(n)));
      } else if (!cond) {
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
  // The string is built here: its bytes are charged once it is.
  std::vector<std::vector<StringPart>> out(1);
  AppendTemplate(file, holes, begin, end, !heredoc, scope, out);
  std::vector<Value> alts;
  for (auto& parts : out) {
    Location at = loc;
    // Columns of JSON inside the text shift by the indentation that was stripped.
    if (strip) at.column += static_cast<int>(StripIndent(parts));
    alts.push_back(Value::Symbolic(std::move(parts), at));
  }
  if (alts.size() == 1) return Built(std::move(alts[0]));
  return Built(Value::Alternatives(std::move(alts), node.Loc()));
}

Value Evaluator::EvalCollection(const NodeRef& node, const Scope& scope) {
  Location loc = node.Loc();
  if (Is(node.node, "tuple")) {
    std::vector<Value> items;
    for (TSNode c : NamedChildren(node.node)) {
      if (Is(c, "expression")) items.push_back(Eval(NodeRef{node.file, c}, scope));
    }
    return Shallow(Value::List(std::move(items), loc));
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
  return Shallow(Value::Map(std::move(entries), loc));
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
  return Shallow(Value::Alternatives(
      {Eval(NodeRef{node.file, parts[1]}, scope), Eval(NodeRef{node.file, parts[2]}, scope)}, node.Loc()));
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
  size_t count = collection.IsList() ? collection.items.size() : collection.entries.size();
  if (!collection.IsList() && !collection.IsMap()) {
    std::string why = collection.IsUnknown() ? collection.reason : "the collection is not a list or map";
    return Value::Unknown("for expression over a collection that is not known: " + why, loc);
  }
  if (count > kMaxIterations) return Value::Unknown("for expression over too many elements", loc);
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> entries;
  for (size_t i = 0; i < count; ++i) {
    // The element is moved into the scope, which shares it with every inner scope.
    Value key = collection.IsList() ? Value::Number(std::to_string(i), loc)
                                    : Value::String(collection.entries[i].first, collection.entries[i].second.loc);
    Value& value = collection.IsList() ? collection.items[i] : collection.entries[i].second;
    Scope inner = scope;
    if (names.size() == 1) {
      inner.names[names[0]] = std::make_shared<const Value>(std::move(value));
    } else {
      inner.names[names[0]] = std::make_shared<const Value>(std::move(key));
      inner.names[names[1]] = std::make_shared<const Value>(std::move(value));
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
  return Shallow(object ? Value::Map(std::move(entries), loc) : Value::List(std::move(items), loc));
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

}  // namespace trustlint::terraform
