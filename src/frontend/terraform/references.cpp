// References and module instances: var.*, local.*, each.*/count.*, resources,
// data sources and module outputs; count/for_each expansion; child module calls;
// what a variable that nothing sets is (one fixed unknown, with its constraints).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>

#include "frontend/terraform/eval_internal.h"
#include "frontend/terraform/json_value.h"

namespace fs = std::filesystem;

namespace trustlint::terraform {
namespace {

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


}  // namespace

Value Evaluator::EvalTraversal(const std::string& root, std::vector<Step>& steps, const Location& loc,
                               const Scope& scope) {
  auto it = scope.names.find(root);
  if (it != scope.names.end()) return CopyOut(*it->second, steps, 0, loc);
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
    // At() changes only a value that does not know where it came from.
    if (!(*bound)->loc.Known()) return ApplySteps(At(CopyOut(**bound, {}, 0, loc), loc), steps, 1, loc);
    return CopyOut(**bound, steps, 1, loc);
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
  if (root == "var" && !attr(0).empty()) {
    auto given = inst->inputs.find(attr(0));
    if (given != inst->inputs.end()) return CopyOut(given->second, steps, 1, loc);
    return ApplySteps(Variable(*inst, attr(0), loc), steps, 1, loc);
  }
  if (root == "local" && !attr(0).empty()) {
    Value unknown;
    const Value* local = Local(*inst, attr(0), loc, &unknown);
    return local ? CopyOut(*local, steps, 1, loc) : unknown;
  }
  if (root == "module" && !attr(0).empty()) return ModuleOutput(*inst, attr(0), steps, 1, loc);
  size_t used = 0;
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
  std::erase_if(type, IsHclSpace);
  std::string reason = "variable " + name + " has no value";
  if (!(type.empty() || type == "string" || type == "number" || type == "bool" || type == "any")) {
    return Value::Unknown(reason, loc);  // a collection: its shape is not one string
  }
  Symbol input{Symbol::Kind::kUnknown, reason, InstanceScope(inst)};
  if (context_.constrain && constrained_.emplace(input.scope, input.name).second) {
    InputConstraint c;
    Scope scope{&inst, nullptr, {}};
    for (const Block* v : body.BlocksOfType("validation")) {
      const BodyItems validation = ReadBody(v->body);  // `cond` points into it
      const NodeRef* cond = validation.Attribute("condition");
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
    std::erase_if(text, IsHclSpace);
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

const Value* Evaluator::Local(Instance& inst, const std::string& name, const Location& loc, Value* unknown) {
  auto done = inst.locals_done.find(name);
  if (done != inst.locals_done.end()) return &done->second;
  auto decl = inst.def->locals.find(name);
  if (decl == inst.def->locals.end()) {
    *unknown = Value::Unknown("local." + name + " is not declared", loc);
    return nullptr;
  }
  if (!inst.locals_busy.insert(name).second) {
    *unknown = Value::Unknown("local." + name + " refers to itself", loc);
    return nullptr;
  }
  // Evaluated once, known or not (a value cut short by the depth cap too: evaluating
  // it again at each use is what made a chain of locals exponential).
  Value v = Eval(decl->second, Scope{&inst, nullptr, {}});
  inst.locals_busy.erase(name);
  return &(inst.locals_done[name] = std::move(v));
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
    budget_.SpendInstances(1, block.loc);
    out.clear();
    out.push_back(std::move(e));
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
        budget_.SpendInstances(static_cast<std::uint64_t>(std::max(hi, 0L)), block.loc);
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
    budget_.SpendInstances(static_cast<std::uint64_t>(*c), block.loc);
    for (long i = 0; i < *c; ++i) {
      Value idx = Value::Number(std::to_string(i), block.loc);
      out.push_back(Expansion{Suffix(idx, true), std::nullopt, std::nullopt, idx, false});
    }
    return out;
  }
  if (const NodeRef* for_each = body.Attribute("for_each")) {
    Value coll = Eval(*for_each, scope);
    if (coll.IsMap()) {
      budget_.SpendInstances(coll.entries.size(), block.loc);
      for (const auto& [k, v] : coll.entries) {
        Value key = Value::String(k, v.loc);
        out.push_back(Expansion{Suffix(key, false), key, v, std::nullopt, false});
      }
      return out;
    }
    bool all_literal = coll.IsList() && std::all_of(coll.items.begin(), coll.items.end(),
                                                    [](const Value& i) { return i.IsLiteralString(); });
    if (all_literal) {
      Value keys = Distinct(coll);
      budget_.SpendInstances(keys.items.size(), block.loc);
      for (const auto& item : keys.items) {
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
  budget_.SpendInstances(1, block.loc);
  out.push_back(Expansion{});
  return out;
}

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
                              const Location& loc) {
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
  auto done = child->outputs_done.find(output);
  if (done == child->outputs_done.end()) {
    auto out = child->def->outputs.find(output);
    if (out == child->def->outputs.end()) return Value::Unknown("module." + name + " has no output " + output, loc);
    if (!child->outputs_busy.insert(output).second) {
      return Value::Unknown("module." + name + "." + output + " refers to itself", loc);
    }
    // Evaluated once per module instance, known or not.
    Value v = Attribute(ReadBody(out->second.body), "value", Scope{child, nullptr, {}}, loc);
    child->outputs_busy.erase(output);
    done = child->outputs_done.emplace(output, std::move(v)).first;
  }
  return CopyOut(done->second, steps, at + 1, loc);
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

}  // namespace trustlint::terraform
