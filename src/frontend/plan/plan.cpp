// Terraform plan JSON (`terraform show -json`): planned_values for what is known,
// resource_changes[].change.after_unknown for what is not, configuration for the
// references behind an unknown, prior_state for what planned_values lacks.
// JSON is read with yaml-cpp so that every value keeps its line and column.
#include "frontend/plan/plan.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "base/json_text.h"
#include "frontend/terraform/evaluator.h"
#include "frontend/terraform/json_value.h"
#include "frontend/terraform/mapping.h"
#include "frontend/terraform/policy_document.h"
#include "frontend/yaml_location.h"
#include "frontend/terraform/module.h"
#include "policy/arn.h"

namespace trustlint::plan {
namespace {

constexpr int kMaxDepth = 128;
// Real plans nest a few dozen levels (modules, blocks, policy JSON is a string).
constexpr int kMaxTextNesting = 256;
constexpr std::string_view kKnownAfterApply = "known after apply";

// Attributes whose configuration expression is, in practice, a bare reference
// (`aws_iam_role.auth.arn`), so an unknown there can stand for the referenced
// resource. Policy documents are templates around references, never one.
bool ReferenceAttribute(std::string_view attr) {
  static const std::set<std::string, std::less<>> kAttrs = {
      "identity_pool_id",   "roles", "role_mapping", "role", "policy_arn", "managed_policy_arns",
      "statement"};  // of data "aws_iam_policy_document": condition values, principals
  return kAttrs.count(attr) > 0;
}

bool HasKey(std::string_view text, std::string_view key) {
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    size_t after = text.find_first_not_of(" \t\r\n", at + key.size());
    if (after != std::string_view::npos && text[after] == ':') return true;
  }
  return false;
}

Location At(const std::string& path, const YAML::Mark& mark, const Location& fallback) {
  const Location at = LocationOf(path, mark);
  return at.Known() ? at : fallback;
}

// An absent node: false in a condition (a default-constructed Node is a defined null).
YAML::Node Missing() { return YAML::Node(YAML::NodeType::Undefined); }

// Child of a map node; an invalid node (false in a condition) when absent.
YAML::Node Child(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) return Missing();
  for (const auto& kv : node) {
    if (kv.first.Scalar() == key) return kv.second;
  }
  return Missing();
}

YAML::Node Child(const YAML::Node& node, const std::string& key) { return Child(node, key.c_str()); }

std::string ScalarOr(const YAML::Node& node, const std::string& fallback = "") {
  return node && node.IsScalar() ? node.Scalar() : fallback;
}

bool IsTrue(const YAML::Node& node) { return node && node.IsScalar() && node.Tag() != "!" && node.Scalar() == "true"; }

// Every value of a parsed policy string points at the string in plan.json: the
// escaped text has no lines of its own.
void Relocate(Value& v, const Location& loc) {
  v.loc = loc;
  for (auto& i : v.items) Relocate(i, loc);
  for (auto& e : v.entries) Relocate(e.second, loc);
}

// `aws_iam_role.auth.arn`, `data.x.y.json`, `module.m.output`: the reference
// without a trailing attribute is dropped when a longer one names its attribute.
std::vector<std::string> FullReferences(const YAML::Node& expression) {
  std::vector<std::string> refs;
  YAML::Node list = Child(expression, "references");
  if (!list || !list.IsSequence()) return refs;
  for (const auto& r : list) {
    if (r.IsScalar()) refs.push_back(r.Scalar());
  }
  std::vector<std::string> out;
  for (const auto& r : refs) {
    bool prefix = std::any_of(refs.begin(), refs.end(), [&](const std::string& o) {
      return o.size() > r.size() && o.starts_with(r) && (o[r.size()] == '.' || o[r.size()] == '[');
    });
    if (!prefix) out.push_back(r);
  }
  return out;
}

// One configuration expression being consumed by the unknown leaves under it, in order.
struct ExpressionCursor {
  std::vector<std::string> references;
  size_t unknown_leaves = 0;
  size_t next = 0;
  bool bare_references = false;  // the attribute holds references, not templates around them
};

size_t CountUnknownLeaves(const YAML::Node& unknown) {
  if (!unknown) return 0;
  if (unknown.IsScalar()) return IsTrue(unknown) ? 1 : 0;
  size_t n = 0;
  if (unknown.IsMap()) {
    for (const auto& kv : unknown) n += CountUnknownLeaves(kv.second);
  } else if (unknown.IsSequence()) {
    for (const auto& item : unknown) n += CountUnknownLeaves(item);
  }
  return n;
}

bool IsExpression(const YAML::Node& config) {
  return config && config.IsMap() && (Child(config, "references") || Child(config, "constant_value"));
}

struct PlanResource {
  std::string address;        // as in the plan: module.x.aws_iam_role.y["k"]
  std::string module_prefix;  // "module.x." (with the instance key), "" in the root
  std::string config_module;  // "module.x." without instance keys: where configuration lives
  std::string type;
  std::string name;
  YAML::Node node;  // the planned_values resource object
  YAML::Node values;
  YAML::Node unknown;  // change.after_unknown
  YAML::Node prior;    // prior_state values
  YAML::Node expressions;
};

class PlanLoader {
 public:
  PlanLoader(const std::string& path, GraphBuilder& builder, const std::string& region, const std::string& account)
      : path_(path), builder_(builder), region_(region), account_(account) {}

  void Load(const YAML::Node& doc) {
    file_loc_ = Location{path_, 1, 1};
    IndexChanges(Child(doc, "resource_changes"));
    IndexModule(Child(Child(Child(doc, "prior_state"), "values"), "root_module"), prior_, 0);
    variables_ = Child(doc, "variables");
    YAML::Node config = Child(doc, "configuration");
    IndexConfiguration(Child(config, "root_module"), "", 0);
    ConfigureProvider(Child(config, "provider_config"));
    std::vector<PlanResource> resources;
    std::map<std::string, YAML::Node> planned;
    IndexModule(Child(Child(doc, "planned_values"), "root_module"), planned, 0);
    planned_ = planned;
    if (!account_from_provider_) AccountFromArns(planned);
    CollectPlanned(Child(Child(doc, "planned_values"), "root_module"), resources, 0);
    for (auto& r : resources) {
      if (auto found = unknown_.find(r.address); found != unknown_.end()) r.unknown = found->second;
      if (auto found = prior_.find(r.address); found != prior_.end()) r.prior = found->second;
      if (auto found = expressions_.find(r.config_module + r.type + "." + r.name); found != expressions_.end()) {
        r.expressions = found->second;
      }
      Declare(r);
    }
    Flush();
  }

 private:
  void IndexChanges(const YAML::Node& changes) {
    if (!changes || !changes.IsSequence()) return;
    for (const auto& change : changes) {
      std::string address = ScalarOr(Child(change, "address"));
      YAML::Node after_unknown = Child(Child(change, "change"), "after_unknown");
      if (!address.empty() && after_unknown) unknown_[address] = after_unknown;
    }
  }

  // prior_state and planned_values share the shape: resources + child_modules.
  void IndexModule(const YAML::Node& module, std::map<std::string, YAML::Node>& out, int depth) {
    if (!module || depth > kMaxDepth) return;
    YAML::Node resources = Child(module, "resources");
    if (resources && resources.IsSequence()) {
      for (const auto& r : resources) {
        std::string address = ScalarOr(Child(r, "address"));
        if (!address.empty()) out[address] = Child(r, "values");
      }
    }
    YAML::Node children = Child(module, "child_modules");
    if (children && children.IsSequence()) {
      for (const auto& c : children) IndexModule(c, out, depth + 1);
    }
  }

  // configuration.root_module: resources[].expressions by "module.x.type.name".
  void IndexConfiguration(const YAML::Node& module, const std::string& prefix, int depth) {
    if (!module || depth > kMaxDepth) return;
    YAML::Node resources = Child(module, "resources");
    if (resources && resources.IsSequence()) {
      for (const auto& r : resources) {
        std::string address = ScalarOr(Child(r, "address"));
        if (!address.empty()) expressions_[prefix + address] = Child(r, "expressions");
      }
    }
    YAML::Node outputs = Child(module, "outputs");
    if (outputs && outputs.IsMap()) {
      for (const auto& kv : outputs) outputs_[prefix + kv.first.Scalar()] = Child(kv.second, "expression");
    }
    YAML::Node calls = Child(module, "module_calls");
    if (calls && calls.IsMap()) {
      for (const auto& kv : calls) {
        IndexConfiguration(Child(kv.second, "module"), prefix + "module." + kv.first.Scalar() + ".", depth + 1);
      }
    }
  }

  // A configuration expression's value: its constant, or the root variable it
  // alone references (`var.region`), from the plan's `variables`.
  YAML::Node ConstantOrVariable(const YAML::Node& expression) const {
    if (YAML::Node c = Child(expression, "constant_value")) return c;
    std::vector<std::string> refs = FullReferences(expression);
    if (refs.size() != 1 || !refs[0].starts_with("var.")) return Missing();
    return Child(Child(variables_, refs[0].substr(4)), "value");
  }

  // The root `provider "aws"` block: a constant region and a single allowed account.
  void ConfigureProvider(const YAML::Node& providers) {
    provider_ = terraform::DefaultProvider(region_, account_);
    account_from_provider_ = !account_.empty();
    YAML::Node aws = Child(providers, "aws");
    YAML::Node expressions = Child(aws, "expressions");
    YAML::Node region = ConstantOrVariable(Child(expressions, "region"));
    if (region && region.IsScalar()) {
      const std::string& r = region.Scalar();
      provider_.region = Value::String(r, At(path_, region.Mark(), file_loc_));
      provider_.partition = Value::String(terraform::PartitionOf(r), provider_.region.loc);
    }
    YAML::Node allowed = ConstantOrVariable(Child(expressions, "allowed_account_ids"));
    if (allowed && allowed.IsSequence() && allowed.size() == 1 && allowed[0].IsScalar()) {
      provider_.account = Value::String(allowed[0].Scalar(), At(path_, allowed[0].Mark(), file_loc_));
      account_from_provider_ = true;
    }
  }

  // One provider configuration, one account: when the provider does not say,
  // the account every known ARN of the plan names (and none other) is it.
  void AccountFromArns(const std::map<std::string, YAML::Node>& planned) {
    std::set<std::string> accounts;
    Location where;
    for (const auto& [address, values] : planned) {
      YAML::Node arn = Child(values, "arn");
      if (!arn || !arn.IsScalar()) continue;
      const std::optional<ArnParts> parts = SplitArn(arn.Scalar());
      if (parts && parts->account.size() == 12 && parts->account.find_first_not_of("0123456789") == std::string::npos) {
        if (accounts.insert(std::string(parts->account)).second) where = At(path_, arn.Mark(), file_loc_);
      }
    }
    if (accounts.size() == 1) provider_.account = Value::String(*accounts.begin(), where);
  }

  void CollectPlanned(const YAML::Node& module, std::vector<PlanResource>& out, int depth) {
    if (!module || depth > kMaxDepth) return;
    std::string module_address = ScalarOr(Child(module, "address"));
    std::string prefix = module_address.empty() ? "" : module_address + ".";
    YAML::Node resources = Child(module, "resources");
    if (resources && resources.IsSequence()) {
      for (const auto& r : resources) {
        if (ScalarOr(Child(r, "mode"), "managed") != "managed") continue;
        PlanResource res;
        res.type = ScalarOr(Child(r, "type"));
        if (!terraform::IsMappedType(res.type)) continue;
        res.address = ScalarOr(Child(r, "address"));
        res.name = ScalarOr(Child(r, "name"));
        if (res.address.empty() || res.name.empty()) continue;
        res.module_prefix = prefix;
        res.config_module = StripInstanceKeys(prefix);
        res.node = static_cast<const YAML::Node&>(r);
        res.values = Child(r, "values");
        out.push_back(std::move(res));
      }
    }
    YAML::Node children = Child(module, "child_modules");
    if (children && children.IsSequence()) {
      for (const auto& c : children) CollectPlanned(c, out, depth + 1);
    }
  }

  // module.a["x"].module.b[0]. -> module.a.module.b.
  static std::string StripInstanceKeys(const std::string& address) {
    std::string out;
    int brackets = 0;
    bool quoted = false;
    for (size_t i = 0; i < address.size(); ++i) {
      char c = address[i];
      if (quoted) {
        if (c == '\\') ++i;
        if (c == '"') quoted = false;
        continue;
      }
      if (brackets > 0 && c == '"') {
        quoted = true;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        --brackets;
      } else if (brackets == 0) {
        out += c;
      }
    }
    return out;
  }

  std::string KeyOf(const std::string& address) const { return path_ + "#" + address; }

  // What a reference such as `aws_iam_role.auth.arn` evaluates to in the graph:
  // the same symbols the HCL front end gives those attributes.
  std::optional<Value> ReferenceValue(const std::string& reference, const std::string& module_prefix,
                                      const Location& loc, int depth = 0) const {
    if (reference.starts_with("module.") && depth < kMaxDepth) {
      std::vector<std::string> refs = FullReferences(OutputExpression(reference, module_prefix));
      std::string child = module_prefix + reference.substr(0, reference.find('.', 7)) + ".";
      if (refs.size() == 1) return ReferenceValue(refs[0], child, loc, depth + 1);
      return std::nullopt;
    }
    if (reference.starts_with("var.") || reference.starts_with("local.") || reference.starts_with("module.") ||
        reference.starts_with("data.") || reference.starts_with("each.") || reference.starts_with("count.") ||
        reference.starts_with("path.")) {
      return std::nullopt;
    }
    size_t dot = reference.rfind('.');
    if (dot == std::string::npos || dot == 0) return std::nullopt;
    std::string target = reference.substr(0, dot);
    std::string attr = reference.substr(dot + 1);
    std::string type = target.substr(0, target.find('.'));
    if (type.size() == target.size()) return std::nullopt;  // only `type.name`: no attribute
    std::string key = KeyOf(module_prefix + target);
    if (type == "aws_cognito_identity_pool" && attr == "id") {
      return Value::SymbolString(Symbol{Symbol::Kind::kPoolId, key}, loc);
    }
    if (type == "aws_iam_role" && attr == "arn") return Value::SymbolString(Symbol{Symbol::Kind::kRoleArn, key}, loc);
    if (type == "aws_iam_role" && (attr == "name" || attr == "id")) {
      return Value::SymbolString(Symbol{Symbol::Kind::kRoleName, key}, loc);
    }
    if (type == "aws_iam_policy" && (attr == "arn" || attr == "id")) {
      return Value::SymbolString(Symbol{Symbol::Kind::kResourceRef, key}, loc);
    }
    return Value::SymbolString(Symbol{Symbol::Kind::kResourceRef, key + "." + attr}, loc);
  }

  // The configuration of module output `module.NAME.OUTPUT` seen from `module_prefix`.
  YAML::Node OutputExpression(const std::string& reference, const std::string& module_prefix) const {
    std::string rest = reference.substr(std::string_view("module.").size());
    size_t dot = rest.find('.');
    if (dot == std::string::npos || rest.find('[') < dot) return Missing();  // counted modules: per instance
    auto found = outputs_.find(StripInstanceKeys(module_prefix) + "module." + rest);
    return found == outputs_.end() ? Missing() : found->second;
  }

  // True unless the plan knows the referenced value: only unknown references
  // can explain an unknown leaf.
  bool ReferenceUnknown(const std::string& reference, const std::string& module_prefix, int depth = 0) const {
    if (depth > kMaxDepth) return true;
    if (reference.starts_with("module.")) {
      std::vector<std::string> refs = FullReferences(OutputExpression(reference, module_prefix));
      std::string child = module_prefix + reference.substr(0, reference.find('.', 7)) + ".";
      return refs.size() != 1 || ReferenceUnknown(refs[0], child, depth + 1);
    }
    size_t dot = reference.rfind('.');
    if (dot == std::string::npos) return true;
    auto found = unknown_.find(module_prefix + reference.substr(0, dot));
    if (found == unknown_.end()) return !planned_.count(module_prefix + reference.substr(0, dot));
    return IsTrue(Child(found->second, reference.substr(dot + 1)));
  }

  Value UnknownLeaf(ExpressionCursor* cursor, const std::string& module_prefix, const std::string& what,
                    const Location& loc) const {
    std::string reason = std::string(kKnownAfterApply) + " (" + what + ")";
    if (!cursor) return Value::Unknown(reason, loc);
    size_t index = cursor->next++;
    // Terraform lists references in source order; pairing them with the unknown
    // leaves is only sound when each leaf is exactly one reference.
    if (cursor->bare_references && cursor->references.size() == cursor->unknown_leaves &&
        index < cursor->references.size()) {
      if (auto v = ReferenceValue(cursor->references[index], module_prefix, loc)) return *v;
    }
    return Value::Unknown(reason, loc);
  }

  // A planned value merged with its after_unknown markers and, for unknown
  // leaves, the configuration expression that computes them.
  Value Convert(const YAML::Node& value, const YAML::Node& unknown, const YAML::Node& config,
                ExpressionCursor* cursor, const PlanResource& r, const std::string& what, const Location& parent,
                int depth) {
    Location loc = value ? At(path_, value.Mark(), parent) : parent;
    if (depth > kMaxDepth) return Value::Unknown("plan nesting deeper than " + std::to_string(kMaxDepth), loc);
    std::optional<ExpressionCursor> own;
    if (!cursor && IsExpression(config)) {
      own.emplace();
      for (auto& ref : FullReferences(config)) {
        if (ReferenceUnknown(ref, r.module_prefix)) own->references.push_back(std::move(ref));
      }
      own->unknown_leaves = CountUnknownLeaves(unknown);
      own->bare_references = ReferenceAttribute(what.substr(0, what.find('.')));
      cursor = &*own;
    }
    YAML::Node sub_config = IsExpression(config) ? Missing() : config;
    if (IsTrue(unknown)) return UnknownLeaf(cursor, r.module_prefix, r.address + "." + what, loc);
    bool map_like = (value && value.IsMap()) || (!value && unknown && unknown.IsMap());
    bool list_like = (value && value.IsSequence()) || (!value && unknown && unknown.IsSequence());
    if (map_like) {
      std::vector<std::pair<std::string, Value>> entries;
      std::set<std::string> seen;
      if (value && value.IsMap()) {
        for (const auto& kv : value) {
          std::string k = kv.first.Scalar();
          seen.insert(k);
          entries.emplace_back(k, Convert(kv.second, Child(unknown, k), Child(sub_config, k), cursor, r,
                                          what + "." + k, loc, depth + 1));
        }
      }
      if (unknown && unknown.IsMap()) {
        for (const auto& kv : unknown) {
          std::string k = kv.first.Scalar();
          if (seen.count(k) || CountUnknownLeaves(kv.second) == 0) continue;
          entries.emplace_back(k, Convert(Missing(), kv.second, Child(sub_config, k),
                                          cursor, r, what + "." + k, loc, depth + 1));
        }
      }
      return Value::Map(std::move(entries), loc);
    }
    if (list_like) {
      std::vector<Value> items;
      size_t n = std::max(value && value.IsSequence() ? value.size() : 0,
                          unknown && unknown.IsSequence() ? unknown.size() : 0);
      for (size_t i = 0; i < n; ++i) {
        YAML::Node item = value && value.IsSequence() && i < value.size() ? value[i] : Missing();
        YAML::Node item_unknown = unknown && unknown.IsSequence() && i < unknown.size() ? unknown[i] : Missing();
        YAML::Node item_config = sub_config && sub_config.IsSequence() && i < sub_config.size()
                                     ? sub_config[i]
                                     : Missing();
        items.push_back(Convert(item, item_unknown, item_config, cursor, r, what + "." + std::to_string(i), loc,
                                depth + 1));
      }
      return Value::List(std::move(items), loc);
    }
    if (!value || value.IsNull()) return Value::Null(loc);
    const std::string& s = value.Scalar();
    if (value.Tag() != "!") {  // plain scalar: a JSON literal
      if (s == "true" || s == "false") return Value::Bool(s == "true", loc);
      if (s == "null") return Value::Null(loc);
      return Value::Number(s, loc);
    }
    return Value::String(s, loc);
  }

  // The resource's values: planned, then unknown-only keys, then prior_state for
  // keys the plan does not mention.
  std::map<std::string, Value> Attributes(const PlanResource& r) {
    std::map<std::string, Value> out;
    Location loc = At(path_, r.node.Mark(), file_loc_);
    auto add = [&](const std::string& k, const YAML::Node& v) {
      Value converted = Convert(v, Child(r.unknown, k), Child(r.expressions, k), nullptr, r, k, loc, 0);
      terraform::SetPaths(converted, r.address + "/" + k);
      out.emplace(k, std::move(converted));
    };
    if (r.values && r.values.IsMap()) {
      for (const auto& kv : r.values) add(kv.first.Scalar(), kv.second);
    }
    if (r.unknown && r.unknown.IsMap()) {
      for (const auto& kv : r.unknown) {
        if (!out.count(kv.first.Scalar()) && CountUnknownLeaves(kv.second) > 0) {
          add(kv.first.Scalar(), Missing());
        }
      }
    }
    if (r.prior && r.prior.IsMap()) {
      for (const auto& kv : r.prior) {
        std::string k = kv.first.Scalar();
        if (out.count(k) || Child(r.unknown, k)) continue;
        Value converted = Convert(kv.second, Missing(), Missing(), nullptr, r, k, loc, 0);
        terraform::SetPaths(converted, r.address + "/" + k);
        out.emplace(k, std::move(converted));
      }
    }
    return out;
  }

  // assume_role_policy / policy: a JSON string becomes the policy map.
  static Value PolicyValue(Value v) {
    if (!v.IsString()) return v;
    auto parsed = terraform::ParseJsonParts(v.parts, v.loc);
    if (!parsed) return v;
    Relocate(*parsed, v.loc);
    parsed->path = v.path;
    terraform::SetPaths(*parsed, v.path);
    return *parsed;
  }

  // A policy string, or, when it is known only after apply and its configuration
  // is exactly `data.aws_iam_policy_document.NAME.json`, that data source's
  // statements as planned (their own unknowns resolved the same way).
  Value PolicyOrDocument(Value v, const PlanResource& r, const std::string& attr) {
    if (!v.IsUnknown()) return PolicyValue(std::move(v));
    std::vector<std::string> refs = FullReferences(Child(r.expressions, attr));
    constexpr std::string_view kPrefix = "data.aws_iam_policy_document.";
    if (refs.size() != 1 || !refs[0].starts_with(kPrefix) || !refs[0].ends_with(".json")) return v;
    std::string data = refs[0].substr(0, refs[0].size() - 5);
    if (data.find('[') != std::string::npos) return v;  // counted data sources: per instance
    auto planned = planned_.find(r.module_prefix + data);
    if (planned == planned_.end()) return v;
    PlanResource doc;
    doc.address = r.module_prefix + data;
    doc.module_prefix = r.module_prefix;
    doc.values = planned->second;
    if (auto found = unknown_.find(doc.address); found != unknown_.end()) doc.unknown = found->second;
    if (auto found = expressions_.find(r.config_module + data); found != expressions_.end()) {
      doc.expressions = found->second;
    }
    Value statements =
        Convert(Child(doc.values, "statement"), Child(doc.unknown, "statement"), Child(doc.expressions, "statement"),
                nullptr, doc, "statement", v.loc, 0);
    Value document = PolicyDocumentFromStatements(statements, v.loc);
    terraform::SetPaths(document, doc.address);
    return document;
  }

  // The IAM JSON an aws_iam_policy_document renders from its planned statements.
  static Value PolicyDocumentFromStatements(const Value& statements, const Location& loc) {
    std::vector<Value> out;
    for (const Value& st : statements.items) out.push_back(terraform::RenderPolicyStatement(st));
    return Value::Map({{"Version", Value::String("2012-10-17", loc)}, {"Statement", Value::List(std::move(out), loc)}},
                      loc);
  }

  // A planned resource's attributes as the shared mapping reads them.
  class PlanAttributes : public terraform::ResourceAttributes {
   public:
    PlanAttributes(PlanLoader& loader, const PlanResource& r, std::map<std::string, Value> attrs, Location loc)
        : loader_(loader), r_(r), attrs_(std::move(attrs)), loc_(loc) {}

    Value Get(std::string_view name) override {
      auto found = attrs_.find(std::string(name));
      return found == attrs_.end() ? Value::Null(loc_) : found->second;
    }
    Value Policy(std::string_view name) override { return loader_.PolicyOrDocument(Get(name), r_, std::string(name)); }
    std::vector<InlinePolicy> InlinePolicies(const std::string& owner) override {
      std::vector<InlinePolicy> out;
      for (const Value& ip : Get("inline_policy").items) {
        InlinePolicy p;
        const Value* name = ip.Find("name");
        p.name = name ? name->Literal().value_or("") : "";
        if (p.name.empty()) continue;  // the provider's placeholder for "no inline policy"
        p.owner = owner;
        const Value* doc = ip.Find("policy");
        p.document = doc ? PolicyValue(*doc) : Value::Null(ip.loc);
        p.loc = ip.loc;
        out.push_back(std::move(p));
      }
      return out;
    }
    std::vector<RoleMapping> RoleMappings() override {
      std::vector<RoleMapping> out;
      for (const Value& m : Get("role_mapping").items) {
        RoleMapping mapping;
        auto field = [&](const char* name) {
          const Value* v = m.Find(name);
          return v ? *v : Value::Null(m.loc);
        };
        mapping.identity_provider = field("identity_provider");
        mapping.type = field("type");
        mapping.ambiguous_role_resolution = field("ambiguous_role_resolution");
        if (const Value* rules = m.Find("mapping_rule")) {
          for (const Value& rule : rules->items) {
            const Value* arn = rule.Find("role_arn");
            mapping.roles.push_back(arn ? *arn : Value::Null(rule.loc));
          }
        }
        mapping.loc = m.loc;
        out.push_back(std::move(mapping));
      }
      return out;
    }

   private:
    PlanLoader& loader_;
    const PlanResource& r_;
    std::map<std::string, Value> attrs_;
    Location loc_;
  };

  void Declare(const PlanResource& r) {
    Node node;
    node.address = r.address;
    node.key = KeyOf(r.address);
    node.type = r.type;
    node.loc = At(path_, r.node.Mark(), file_loc_);
    node.end_line = node.loc.line;
    node.path = r.address;
    node.account = provider_.account;
    node.region = provider_.region;
    PlanAttributes attrs(*this, r, Attributes(r), node.loc);
    mapper_.Map(node, provider_, attrs, path_, false);
  }

  void Flush() { mapper_.Flush(builder_); }

  const std::string& path_;
  GraphBuilder& builder_;
  std::string region_;   // configured
  std::string account_;  // configured
  Location file_loc_;
  YAML::Node variables_;  // the plan's input variable values
  bool account_from_provider_ = false;
  terraform::ProviderConfig provider_ = terraform::DefaultProvider();
  std::map<std::string, YAML::Node> unknown_;      // address -> after_unknown
  std::map<std::string, YAML::Node> prior_;        // address -> prior_state values
  std::map<std::string, YAML::Node> expressions_;  // module.x.type.name -> expressions
  std::map<std::string, YAML::Node> outputs_;      // module.x.output -> expression
  std::map<std::string, YAML::Node> planned_;      // address -> planned values
  terraform::ResourceMapper mapper_;
};

}  // namespace

bool LooksLikePlan(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') return false;
  return HasKey(text, "\"format_version\"") && HasKey(text, "\"planned_values\"");
}

void LoadPlan(const std::string& path, const std::string& text, GraphBuilder& builder, const std::string& region,
              const std::string& account) {
  // yaml-cpp's document loader recurses once per level and expands aliases: refuse
  // hostile nesting and YAML-only syntax on the text first.
  if (std::optional<JsonTextProblem> problem = CheckJsonText(text, Location{path, 1, 1}, kMaxTextNesting)) {
    builder.AddParseError(problem->where, "Terraform plan: " + problem->message);
    builder.AddInput(InputFile{path, "terraform-plan", "error"});
    return;
  }
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const Location loc = ErrorLocationOf(path, e.mark);
    builder.AddParseError(loc, "Terraform plan is not valid JSON: " + e.msg);
    builder.AddInput(InputFile{path, "terraform-plan", "error"});
    return;
  }
  if (!doc.IsMap() || !Child(doc, "planned_values").IsMap()) {
    builder.AddParseError(Location{path, 1, 1}, "Terraform plan has no planned_values object");
    builder.AddInput(InputFile{path, "terraform-plan", "error"});
    return;
  }
  builder.AddInput(InputFile{path, "terraform-plan", "ok"});
  PlanLoader loader(path, builder, region, account);
  loader.Load(doc);
}

}  // namespace trustlint::plan
