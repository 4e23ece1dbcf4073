// `data "aws_iam_policy_document"` rebuilt as the JSON document the AWS provider
// renders, as a Value map whose statements and conditions keep their block's
// position (SPEC 1; the provider's merge rules for source/override documents).
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "frontend/terraform/evaluator.h"
#include "frontend/terraform/policy_document.h"
#include "frontend/terraform/json_value.h"

namespace trustlint::terraform {
namespace {

// `&{aws:username}` is how the provider lets a policy variable through HCL.
// Iterative: the value may be as deep as kMaxValueDepth.
Value PolicyVariables(Value v) {
  std::vector<Value*> todo{&v};
  while (!todo.empty()) {
    Value* at = todo.back();
    todo.pop_back();
    for (auto& p : at->parts) {
      for (size_t i = p.literal.find("&{"); i != std::string::npos; i = p.literal.find("&{", i + 2)) {
        p.literal[i] = '$';
      }
    }
    for (auto& item : at->items) todo.push_back(&item);
    for (auto& entry : at->entries) todo.push_back(&entry.second);
  }
  return v;
}

// The provider renders a one-element list as the element itself.
Value Collapse(Value v) {
  if (v.IsList() && v.items.size() == 1) return std::move(v.items[0]);
  return v;
}

std::vector<Value> AsList(const Value& v) {
  if (v.IsList()) return v.items;
  if (v.IsNull()) return {};
  return {v};
}

// The statements of a source/override document (a rendered map or JSON text).
std::vector<Value> StatementsOf(const Value& doc) {
  std::optional<Value> parsed;
  if (doc.IsMap()) parsed = doc;
  if (doc.IsString()) parsed = ParseJsonParts(doc.parts, doc.loc);
  if (!parsed) {
    std::string why = "a source or override policy document is not known";
    doc.DependsOnUnknown(&why);
    return {Value::Unknown(why, doc.loc)};
  }
  const Value* statements = parsed->Find("Statement");
  if (!statements) return {};
  return statements->IsMap() ? std::vector<Value>{*statements} : AsList(*statements);
}

std::optional<std::string> SidOf(const Value& statement) {
  const Value* sid = statement.Find("Sid");
  if (!sid) return std::nullopt;
  auto lit = sid->Literal();
  if (!lit || lit->empty()) return std::nullopt;
  return lit;
}

// Adds `statement`, replacing one with the same Sid (the provider's merge rule).
void MergeStatement(std::vector<Value>& statements, Value statement) {
  if (auto sid = SidOf(statement)) {
    for (auto& s : statements) {
      if (SidOf(s) == sid) {
        s = std::move(statement);
        return;
      }
    }
  }
  statements.push_back(std::move(statement));
}

// principals/not_principals in schema form ([{type, identifiers}]) as the
// provider renders them: identifiers merged by type, a lone `*` of type `*` as "*".
Value RenderPrincipals(const Value& principals) {
  std::vector<std::pair<std::string, Value>> by_type;
  for (const Value& p : AsList(principals)) {
    const Value* kind = p.Find("type");
    const Value* found = p.Find("identifiers");
    Value ids = PolicyVariables(found ? *found : Value::Null(p.loc));
    auto k = kind ? kind->Literal() : std::nullopt;
    if (!k) return Value::Unknown("principal type is not known", p.loc);
    std::vector<Value> list = AsList(ids);
    bool star = *k == "*" && !list.empty() &&
                std::all_of(list.begin(), list.end(), [](const Value& i) { return i.Literal() == "*"; });
    if (star) return Value::String("*", p.loc);
    auto existing = std::find_if(by_type.begin(), by_type.end(), [&](const auto& e) { return e.first == *k; });
    if (existing == by_type.end()) {
      by_type.emplace_back(*k, ids.IsList() ? ids : Value::List({ids}, ids.loc));
    } else {
      existing->second.items.insert(existing->second.items.end(), list.begin(), list.end());
    }
  }
  for (auto& [k, v] : by_type) v = Collapse(std::move(v));
  return Value::Map(std::move(by_type), principals.loc);
}

// condition in schema form ([{test, variable, values}]): operator -> key -> values,
// the values of one test and variable merged.
Value RenderConditions(const Value& conditions) {
  Value out = Value::Map({}, conditions.loc);
  for (const Value& c : AsList(conditions)) {
    const Value* test_value = c.Find("test");
    const Value* variable_value = c.Find("variable");
    auto test = test_value ? test_value->Literal() : std::nullopt;
    auto variable = variable_value ? variable_value->Literal() : std::nullopt;
    if (!test || !variable) return Value::Unknown("condition test or variable is not known", c.loc);
    const Value* found = c.Find("values");
    Value values = PolicyVariables(found ? *found : Value::Null(c.loc));
    Value* op = out.FindMutable(*test);
    if (!op) {
      out.entries.emplace_back(*test, Value::Map({}, c.loc));
      op = &out.entries.back().second;
    }
    if (Value* existing = op->FindMutable(*variable); existing && existing->IsList() && values.IsList()) {
      existing->items.insert(existing->items.end(), values.items.begin(), values.items.end());
    } else {
      op->entries.emplace_back(*variable, std::move(values));
    }
  }
  for (auto& [op, keys] : out.entries) {
    for (auto& [key, values] : keys.entries) values = Collapse(std::move(values));
  }
  return out;
}

}  // namespace

void SetPaths(Value& v, const std::string& path) {
  // Iterative: the value may be as deep as kMaxValueDepth.
  std::vector<std::pair<Value*, std::string>> todo;
  todo.emplace_back(&v, path);
  while (!todo.empty()) {
    auto [at, at_path] = std::move(todo.back());
    todo.pop_back();
    if (at->path.empty()) at->path = at_path;
    for (size_t i = 0; i < at->items.size(); ++i) todo.emplace_back(&at->items[i], at_path + "/" + std::to_string(i));
    for (auto& [k, e] : at->entries) todo.emplace_back(&e, at_path + "/" + k);
  }
}

std::vector<BlockUse> Evaluator::BlocksOf(const BodyItems& body, std::string_view type, const Scope& scope) {
  std::vector<BlockUse> out;
  for (const Block& b : body.blocks) {
    if (b.type == type) {
      out.push_back(BlockUse{b.body, b.loc, scope});
      continue;
    }
    if (b.type != "dynamic" || b.labels.empty() || b.labels[0] != type) continue;
    BodyItems dynamic = ReadBody(b.body);
    std::vector<const Block*> content = dynamic.BlocksOfType("content");
    if (content.empty()) continue;
    std::string iterator(type);
    if (const NodeRef* it = dynamic.Attribute("iterator")) iterator = std::string(it->Text());
    Value coll = Attribute(dynamic, "for_each", scope, b.loc);
    auto bind = [&](Value key, Value value) {
      Scope inner = scope;
      inner.names[iterator] =
          std::make_shared<const Value>(Value::Map({{"key", std::move(key)}, {"value", std::move(value)}}, b.loc));
      out.push_back(BlockUse{content[0]->body, content[0]->loc, std::move(inner)});
    };
    if (coll.IsMap()) {
      for (const auto& [k, v] : coll.entries) bind(Value::String(k, v.loc), v);
    } else if (coll.IsList()) {
      for (size_t i = 0; i < coll.items.size(); ++i) bind(Value::Number(std::to_string(i), b.loc), coll.items[i]);
    } else {
      std::string why = "dynamic " + std::string(type) + " for_each is not known";
      coll.DependsOnUnknown(&why);
      bind(Value::Unknown(why, b.loc), Value::Unknown(why, b.loc));  // one abstract block
    }
  }
  return out;
}

Value RenderPolicyStatement(const Value& st) {
  auto field = [&](const char* name) {
    const Value* f = st.Find(name);
    return f ? *f : Value::Null(st.loc);
  };
  auto non_empty = [](const Value& f) { return !f.IsNull() && !(f.IsList() && f.items.empty()) && f.Literal() != ""; };
  std::vector<std::pair<std::string, Value>> entries;
  if (Value sid = field("sid"); non_empty(sid)) entries.emplace_back("Sid", sid);
  Value effect = field("effect");
  entries.emplace_back("Effect", non_empty(effect) ? effect : Value::String("Allow", st.loc));
  for (auto [from, to] : {std::pair{"actions", "Action"}, {"not_actions", "NotAction"}, {"resources", "Resource"},
                          {"not_resources", "NotResource"}}) {
    if (Value f = field(from); non_empty(f)) entries.emplace_back(to, Collapse(PolicyVariables(std::move(f))));
  }
  for (auto [from, to] : {std::pair{"principals", "Principal"}, {"not_principals", "NotPrincipal"}}) {
    Value f = field(from);
    if (non_empty(f)) entries.emplace_back(to, RenderPrincipals(f));
  }
  if (Value f = field("condition"); non_empty(f)) entries.emplace_back("Condition", RenderConditions(f));
  return Value::Map(std::move(entries), st.loc);
}

Value Evaluator::PolicyStatement(const BlockUse& statement, const std::string& path) {
  // The statement block in the provider's schema form, then rendered as the provider does.
  BodyItems body = ReadBody(statement.body);
  const Scope& scope = statement.scope;
  const Location& loc = statement.loc;
  std::vector<std::pair<std::string, Value>> schema;
  for (const char* name : {"sid", "effect", "actions", "not_actions", "resources", "not_resources"}) {
    schema.emplace_back(name, Attribute(body, name, scope, loc));
  }
  auto blocks = [&](const char* type, std::initializer_list<const char*> fields) {
    std::vector<Value> items;
    for (const BlockUse& use : BlocksOf(body, type, scope)) {
      BodyItems b = ReadBody(use.body);
      std::vector<std::pair<std::string, Value>> e;
      for (const char* f : fields) e.emplace_back(f, Attribute(b, f, use.scope, use.loc));
      items.push_back(Value::Map(std::move(e), use.loc));
    }
    return Value::List(std::move(items), loc);
  };
  schema.emplace_back("principals", blocks("principals", {"type", "identifiers"}));
  schema.emplace_back("not_principals", blocks("not_principals", {"type", "identifiers"}));
  schema.emplace_back("condition", blocks("condition", {"test", "variable", "values"}));
  Value out = RenderPolicyStatement(Value::Map(std::move(schema), loc));
  SetPaths(out, path);
  return out;
}

Value Evaluator::PolicyDocument(Instance& inst, const Block& block, const Expansion& expansion) {
  Scope scope{&inst, &expansion, {}};
  BodyItems body = ReadBody(block.body);
  std::string address = inst.prefix + "data.aws_iam_policy_document." + block.labels[1] + expansion.suffix;
  std::vector<Value> statements;
  auto documents = [&](const char* list_attr, const char* single_attr) {
    std::vector<Value> docs = AsList(Attribute(body, list_attr, scope, block.loc));
    Value single = Attribute(body, single_attr, scope, block.loc);
    if (!single.IsNull()) docs.push_back(single);
    return docs;
  };
  for (const Value& doc : documents("source_policy_documents", "source_json")) {
    for (Value& s : StatementsOf(doc)) MergeStatement(statements, std::move(s));
  }
  int index = 0;
  for (const BlockUse& use : BlocksOf(body, "statement", scope)) {
    MergeStatement(statements, PolicyStatement(use, address + "/Statement/" + std::to_string(index++)));
  }
  for (const Value& doc : documents("override_policy_documents", "override_json")) {
    for (Value& s : StatementsOf(doc)) MergeStatement(statements, std::move(s));
  }
  Value version = Attribute(body, "version", scope, block.loc);
  std::vector<std::pair<std::string, Value>> entries;
  entries.emplace_back("Version", version.IsNull() ? Value::String("2012-10-17", block.loc) : version);
  Value id = Attribute(body, "policy_id", scope, block.loc);
  if (!id.IsNull()) entries.emplace_back("Id", id);
  entries.emplace_back("Statement", Value::List(std::move(statements), block.loc));
  Value doc = Value::Map(std::move(entries), block.loc);
  SetPaths(doc, address);
  return doc;
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
