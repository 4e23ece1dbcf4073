#include "frontend/cloudformation/loader.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "frontend/cloudformation/intrinsics.h"
#include "frontend/cloudformation/raw_yaml.h"
#include "frontend/scan.h"

namespace trustlint::cfn {
namespace {

constexpr int kMaxTextDepth = 256;

// `# trustlint:ignore TL101,TL104 -- reason` on one raw line.
struct CommentIgnore {
  int line = 0;
  int column = 0;
  std::vector<std::string> rules;
  std::string reason;
};

// yaml-cpp drops comments, so suppression comments are read from the raw lines.
std::vector<CommentIgnore> ScanIgnoreComments(std::string_view text) {
  constexpr std::string_view kMarker = "trustlint:ignore";
  std::vector<CommentIgnore> out;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    size_t hash = line.find('#');
    if (hash == std::string_view::npos) continue;
    std::string_view rest = line.substr(hash + 1);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (!rest.starts_with(kMarker)) continue;
    rest.remove_prefix(kMarker.size());
    CommentIgnore c{line_no, static_cast<int>(hash) + 1, {}, ""};
    size_t dashes = rest.find("--");
    std::string_view ids = rest.substr(0, dashes);
    if (dashes != std::string_view::npos) c.reason = TrimAscii(rest.substr(dashes + 2));
    std::string id;
    for (char ch : std::string(ids) + " ") {
      if (ch == ',' || std::isspace(static_cast<unsigned char>(ch))) {
        if (!id.empty()) c.rules.push_back(std::exchange(id, ""));
      } else {
        id += ch;
      }
    }
    if (!c.rules.empty()) out.push_back(std::move(c));
  }
  return out;
}

constexpr std::string_view kForEach = "Fn::ForEach::";
// Resources that Fn::ForEach loops may produce in one template (CloudFormation
// allows 500 in all); more is TL001, never a runaway expansion.
constexpr std::size_t kMaxExpandedResources = 10'000;
constexpr int kMaxLoopNesting = 16;

bool IsForEachKey(const RawNode& key) { return key.IsScalar() && key.scalar.starts_with(kForEach); }

// `Transform: AWS::LanguageExtensions`, alone or in a list.
bool UsesLanguageExtensions(const RawNode& root) {
  const RawNode* t = root.Find("Transform");
  if (t == nullptr) return false;
  if (t->IsScalar()) return t->scalar == "AWS::LanguageExtensions";
  if (t->kind != RawNode::Kind::kSequence) return false;
  return std::any_of(t->children.begin(), t->children.end(), [](const auto& c) {
    const RawNode* n = c->kind == RawNode::Kind::kAlias ? c->alias : c.get();
    return n != nullptr && n->IsScalar() && n->scalar == "AWS::LanguageExtensions";
  });
}

// A `Resources` mapping: every value a mapping with a string Type (or an Fn::ForEach loop).
bool IsResourcesMap(const RawNode* resources) {
  if (resources == nullptr || !resources->IsMap() || resources->children.empty()) return false;
  for (size_t i = 1; i < resources->children.size(); i += 2) {
    if (IsForEachKey(*resources->children[i - 1])) continue;
    const RawNode* type = resources->children[i]->Find("Type");
    if (type == nullptr || !type->IsScalar()) return false;
  }
  return true;
}

// A property of a converted Properties map, or `fallback` when absent.
Value Prop(const Value& props, std::string_view key, const Value& fallback) {
  const Value* v = props.Find(key);
  return v ? *v : fallback;
}

// The items of a list property (`Roles`, `ManagedPolicyArns`); a value that is not a
// list (an unknown parameter list, an Fn::If) is kept as one item.
std::vector<Value> Items(const Value& props, std::string_view key) {
  const Value* v = props.Find(key);
  if (v == nullptr || v->IsNull()) return {};
  if (v->IsList()) return v->items;
  return {*v};
}

// The map readings of a list item: itself, or each branch of an undecided Fn::If.
std::vector<const Value*> MapReadings(const Value& v) {
  std::vector<const Value*> out;
  if (v.kind == Value::Kind::kAlternatives) {
    for (const auto& i : v.items) {
      if (i.IsMap()) out.push_back(&i);
    }
  } else if (v.IsMap()) {
    out.push_back(&v);
  }
  return out;
}

std::string LiteralOr(const Value* v, std::string fallback) {
  if (v == nullptr) return fallback;
  auto lit = v->Literal();
  return lit ? *lit : fallback;
}

// Everything declared from one template, added to the builder only when the whole
// template loaded (a template that hits a cap contributes nothing but TL001).
struct Declarations {
  std::vector<IdentityPool> pools;
  std::vector<RoleAttachment> attachments;
  std::vector<Role> roles;
  std::vector<Policy> policies;
  std::vector<std::pair<std::string, Value>> exports;
  std::vector<ConstrainedInput> constraints;
  std::vector<ParseError> errors;
};

// One resource of a template, after Fn::ForEach expansion.
struct ResourceEntry {
  const RawNode* id = nullptr;    // the key as written: its position
  std::string logical_id;         // with the loop identifiers substituted
  const RawNode* body = nullptr;  // shared by every instance of a loop
  std::map<std::string, Value> bindings;  // loop identifier -> element
};

// Lists `Resources`, expanding `Fn::ForEach::Name: [Identifier, Collection,
// {OutputKey: Body}]` (AWS::LanguageExtensions) into one resource per element of a
// known collection, or into one abstract instance whose identifier is an unknown
// constant of that loop.
class ResourceLister {
 public:
  ResourceLister(const std::string& file, const std::string& prefix, const RawNode& root, const TemplateInputs& inputs,
                 Budget& budget)
      : file_(file),
        prefix_(prefix),
        extensions_(UsesLanguageExtensions(root)),
        budget_(budget),
        eval_(file, root.Find("Parameters"), root.Find("Mappings"), root.Find("Conditions"), {}, budget, inputs) {}

  // The entries of `section` (Resources, or Outputs at `prefix` "Outputs/").
  std::vector<ResourceEntry> List(const RawNode& section, std::vector<ParseError>& errors) {
    std::vector<ResourceEntry> out;
    if (section.IsMap()) Expand(section, {}, 0, out, errors);
    return out;
  }
  ResourceLister& At(std::string prefix) {
    prefix_ = std::move(prefix);
    return *this;
  }

 private:
  void Expand(const RawNode& map, const std::map<std::string, Value>& bindings, int depth,
              std::vector<ResourceEntry>& out, std::vector<ParseError>& errors) {
    for (size_t i = 0; i + 1 < map.children.size(); i += 2) {
      const RawNode& key = *map.children[i];
      const RawNode* value = map.children[i + 1].get();
      if (value->kind == RawNode::Kind::kAlias && value->alias != nullptr) value = value->alias;
      if (extensions_ && IsForEachKey(key)) {
        Loop(key, *value, bindings, depth, out, errors);
        continue;
      }
      if (out.size() >= kMaxExpandedResources) {
        throw LimitExceeded{{"Fn::ForEach expands to more than " + std::to_string(kMaxExpandedResources) + " resources",
                             key.line, key.column}};
      }
      const Location at = eval_.Loc(key);
      std::string id = key.IsScalar() ? SubstituteLiteral(key.scalar, bindings, budget_, at) : "";
      for (const auto& [name, value] : bindings) budget_.SpendBytes(ValueBytes(value), at);  // copied per entry
      out.push_back(ResourceEntry{&key, std::move(id), value, bindings});
    }
  }

  void Loop(const RawNode& key, const RawNode& loop, const std::map<std::string, Value>& bindings, int depth,
            std::vector<ResourceEntry>& out, std::vector<ParseError>& errors) {
    const auto& args = loop.children;
    const RawNode* output = args.size() == 3 ? args[2].get() : nullptr;
    if (output && output->kind == RawNode::Kind::kAlias) output = output->alias;
    if (loop.kind != RawNode::Kind::kSequence || args.size() != 3 || !args[0]->IsScalar() || !output ||
        !output->IsMap()) {
      errors.push_back({eval_.Loc(key), key.scalar + " must be [Identifier, Collection, {OutputKey: Template}]"});
      return;
    }
    if (depth >= kMaxLoopNesting) {
      throw LimitExceeded{
          {"Fn::ForEach nested deeper than " + std::to_string(kMaxLoopNesting) + " levels", key.line, key.column}};
    }
    const std::string& identifier = args[0]->scalar;
    eval_.Bind(bindings);
    auto collection = eval_.Convert(*args[1], prefix_ + key.scalar + "/1");
    eval_.Bind({});
    if (collection && collection->IsList()) {
      for (const Value& element : collection->items) {
        auto inner = bindings;
        inner[identifier] = element;
        Expand(*output, inner, depth + 1, out, errors);
      }
      return;
    }
    // One abstract instance: the element is one fixed value the scan cannot see.
    std::string scope = file_ + "#" + prefix_ + key.scalar + "@" + std::to_string(key.line) + ":" +
                        std::to_string(key.column);
    for (const auto& [name, value] : bindings) scope += "/" + name + "=" + DumpValue(value);
    budget_.SpendBytes(scope.size(), eval_.Loc(key));
    auto inner = bindings;
    inner[identifier] = Value::SymbolString(
        Symbol{Symbol::Kind::kUnknown, "element of " + key.scalar + ", whose collection is not known", scope},
        eval_.Loc(*args[1]));
    Expand(*output, inner, depth + 1, out, errors);
  }

  std::string file_;
  std::string prefix_;
  bool extensions_;
  Budget& budget_;
  Evaluator eval_;
};

class TemplateLoader {
 public:
  TemplateLoader(const std::string& file, std::string prefix, const RawNode& root, std::vector<ResourceEntry> resources,
                 std::map<std::string, std::string> types, std::string_view text, const TemplateInputs& inputs,
                 Budget& budget)
      : file_(file),
        prefix_(std::move(prefix)),
        resources_(std::move(resources)),
        eval_(file, root.Find("Parameters"), root.Find("Mappings"), root.Find("Conditions"), std::move(types), budget,
              inputs),
        comments_(ScanIgnoreComments(text)) {
    if (UsesLanguageExtensions(root)) eval_.EnableLanguageExtensions();
  }

  void LoadResources(Declarations& out) {
    for (const ResourceEntry& r : resources_) {
      const RawNode* type = r.body->Find("Type");
      if (!type || !type->IsScalar()) continue;  // reported by the caller
      eval_.Bind(r.bindings);
      Declare(r, type->scalar, out);
      eval_.Bind({});
    }
  }

  // `outputs`: after Fn::ForEach expansion, like resources.
  void LoadOutputs(const std::vector<ResourceEntry>& outputs, Declarations& out) {
    for (const ResourceEntry& o : outputs) {
      const RawNode* exp = o.body->Find("Export");
      const RawNode* name_node = exp ? exp->Find("Name") : nullptr;
      const RawNode* value_node = o.body->Find("Value");
      if (!name_node || !value_node) continue;
      std::string path = "Outputs/" + o.logical_id;
      eval_.Bind(o.bindings);
      auto name = eval_.Convert(*name_node, path + "/Export/Name");
      auto value = eval_.Convert(*value_node, path + "/Value");
      eval_.Bind({});
      auto literal = name ? name->Literal() : std::nullopt;
      if (literal && value) out.exports.emplace_back(*literal, std::move(*value));
    }
  }

  void TakeConstraints(Declarations& out) { out.constraints = eval_.Constraints(); }

 private:
  Node Base(const ResourceEntry& r, const std::string& type) {
    const RawNode& id = *r.id;
    const RawNode& body = *r.body;
    Node n;
    n.key = eval_.Key(r.logical_id);
    n.address = r.logical_id;
    n.type = type;
    n.loc = eval_.Loc(id);
    n.end_line = std::max(id.line, body.LastLine());
    n.path = prefix_ + r.logical_id;
    n.account = eval_.PseudoValue("AWS::AccountId", n.loc);
    n.region = eval_.PseudoValue("AWS::Region", n.loc);
    AddMetadataIgnores(body, n);
    for (const auto& c : comments_) {
      if (c.line < id.line - 1 || c.line > n.end_line) continue;
      for (const auto& rule : c.rules) n.suppressions.push_back({rule, c.reason, Location{file_, c.line, c.column}});
    }
    return n;
  }

  void AddMetadataIgnores(const RawNode& body, Node& n) {
    const RawNode* metadata = body.Find("Metadata");
    if (!metadata) return;
    auto md = eval_.Convert(*metadata, n.path + "/Metadata");
    const Value* tl = md ? md->Find("trustlint") : nullptr;
    const Value* ignore = tl ? tl->Find("ignore") : nullptr;
    if (!ignore || !ignore->IsList()) return;
    for (const auto& item : ignore->items) {
      if (auto rule = item.Literal()) {
        n.suppressions.push_back({*rule, "", item.loc});
      } else if (item.IsMap()) {
        n.suppressions.push_back({LiteralOr(item.Find("rule"), ""), LiteralOr(item.Find("reason"), ""), item.loc});
      }
    }
  }

  void Declare(const ResourceEntry& r, const std::string& type, Declarations& out) {
    const RawNode& body = *r.body;
    const bool wanted = type == "AWS::Cognito::IdentityPool" || type == "AWS::Cognito::IdentityPoolRoleAttachment" ||
                        type == "AWS::IAM::Role" || type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy" ||
                        type == "AWS::IAM::RolePolicy" || type == "AWS::Organizations::Policy";
    if (!wanted) return;  // other resources are never converted: big templates stay cheap
    // `Condition: Name`: a resource whose condition is false is never created; one
    // the template does not decide exists in one reading only.
    std::optional<bool> exists = true;
    if (const RawNode* cond = body.Find("Condition"); cond && cond->IsScalar()) exists = eval_.Condition(cond->scalar);
    if (exists == false) return;
    Node base = Base(r, type);
    Value props = Value::Map({}, base.loc);
    if (const RawNode* raw = body.Find("Properties")) {
      auto v = eval_.Convert(*raw, base.path + "/Properties");
      if (v && v->IsMap()) props = std::move(*v);
    }
    if (type == "AWS::Cognito::IdentityPool") {
      IdentityPool p;
      static_cast<Node&>(p) = base;
      p.allow_unauthenticated = Prop(props, "AllowUnauthenticatedIdentities", Value::Bool(false, base.loc));
      p.allow_classic_flow = Prop(props, "AllowClassicFlow", Value::Bool(false, base.loc));
      // The pool's ID ("<region>:<uuid>") is generated at deploy time: one symbol, the
      // very value a `Ref` of the pool produces, so that aud conditions match it.
      p.id = Value::SymbolString(Symbol{Symbol::Kind::kPoolId, base.key}, base.loc);
      out.pools.push_back(std::move(p));
    } else if (type == "AWS::Cognito::IdentityPoolRoleAttachment") {
      RoleAttachment a = Attachment(base, props);
      a.conditional = a.conditional || !exists.has_value();
      out.attachments.push_back(std::move(a));
    } else if (type == "AWS::IAM::Role") {
      out.roles.push_back(MakeRole(base, props));
    } else {
      Policy p;
      static_cast<Node&>(p) = base;
      p.document = Prop(props, "PolicyDocument", Value::Null(base.loc));
      p.roles = Items(props, "Roles");
      if (type == "AWS::IAM::ManagedPolicy") {
        p.arn = Value::SymbolString(Symbol{Symbol::Kind::kResourceRef, base.key}, base.loc);
      } else if (type == "AWS::IAM::RolePolicy") {
        p.roles = {Prop(props, "RoleName", Value::Null(base.loc))};
      } else if (type == "AWS::Organizations::Policy") {
        if (LiteralOr(props.Find("Type"), "") != "RESOURCE_CONTROL_POLICY") return;  // SCPs, tag policies, ...
        p.document = Prop(props, "Content", Value::Null(base.loc));
        p.resource_control_policy = true;
      }
      out.policies.push_back(std::move(p));
    }
  }

  RoleAttachment Attachment(const Node& base, const Value& props) {
    RoleAttachment a;
    static_cast<Node&>(a) = base;
    a.pool = Prop(props, "IdentityPoolId", Value::Null(base.loc));
    const Value* roles = props.Find("Roles");
    // `Roles: !If [...]`: each role is the alternatives of what each branch names.
    auto role = [&](std::string_view key) {
      if (roles == nullptr) return Value::Null(base.loc);
      if (roles->kind != Value::Kind::kAlternatives) return Prop(*roles, key, Value::Null(base.loc));
      std::vector<Value> branches;
      for (const Value& branch : roles->items) branches.push_back(Prop(branch, key, Value::Null(branch.loc)));
      return Value::Alternatives(std::move(branches), roles->loc);
    };
    a.authenticated = role("authenticated");
    a.unauthenticated = role("unauthenticated");
    // Names its pool or roles only in one branch of an undecided Fn::If.
    const Value* readings[] = {&a.pool, roles, &a.authenticated, &a.unauthenticated, props.Find("RoleMappings")};
    for (const Value* v : readings) {
      if (v != nullptr && v->kind == Value::Kind::kAlternatives) a.conditional = true;
    }
    const Value* mappings = props.Find("RoleMappings");
    if (mappings && mappings->IsMap()) {
      for (const auto& [provider, m] : mappings->entries) {
        RoleMapping rm;
        rm.identity_provider = Prop(m, "IdentityProvider", Value::String(provider, m.loc));
        rm.type = Prop(m, "Type", Value::Null(m.loc));
        rm.ambiguous_role_resolution = Prop(m, "AmbiguousRoleResolution", Value::Null(m.loc));
        rm.loc = m.loc;
        const Value* config = m.Find("RulesConfiguration");
        const Value* rules = config ? config->Find("Rules") : nullptr;
        if (rules && rules->IsList()) {
          for (const auto& rule : rules->items) {
            for (const Value* r : MapReadings(rule)) {
              if (const Value* arn = r->Find("RoleARN")) rm.roles.push_back(*arn);
            }
          }
        }
        a.mappings.push_back(std::move(rm));
      }
    }
    return a;
  }

  Role MakeRole(const Node& base, const Value& props) {
    Role r;
    static_cast<Node&>(r) = base;
    r.name = Prop(props, "RoleName", Value::Null(base.loc));
    auto name = r.name.Literal();
    auto role_path = props.Find("Path") ? props.Find("Path")->Literal() : std::optional<std::string>("/");
    if (name && role_path) {
      std::vector<StringPart> parts{StringPart{"arn:", {}}};
      for (const auto& p : eval_.PseudoValue("AWS::Partition", base.loc).parts) parts.push_back(p);
      parts.push_back(StringPart{":iam::", {}});
      for (const auto& p : eval_.PseudoValue("AWS::AccountId", base.loc).parts) parts.push_back(p);
      parts.push_back(StringPart{":role" + *role_path + *name, {}});
      r.arn = Value::Symbolic(std::move(parts), base.loc);
    } else {
      r.arn = Value::SymbolString(Symbol{Symbol::Kind::kRoleArn, base.key}, base.loc);
    }
    r.arn.path = base.path;
    r.trust_policy = Prop(props, "AssumeRolePolicyDocument", Value::Null(base.loc));
    for (const auto& item : Items(props, "Policies")) {
      for (const Value* p : MapReadings(item)) {
        r.inline_policies.push_back(InlinePolicy{LiteralOr(p->Find("PolicyName"), ""), base.address,
                                                 Prop(*p, "PolicyDocument", Value::Null(p->loc)), p->loc});
      }
    }
    r.managed_policy_arns = Items(props, "ManagedPolicyArns");
    r.permissions_boundary = Prop(props, "PermissionsBoundary", Value::Null(base.loc));
    return r;
  }

  std::string file_;
  std::string prefix_;
  std::vector<ResourceEntry> resources_;
  Evaluator eval_;
  std::vector<CommentIgnore> comments_;
};

std::string_view FileName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

LoadStatus Fail(const std::string& path, Location loc, std::string message, std::string_view kind,
                GraphBuilder& builder) {
  builder.AddParseError(loc, std::move(message));
  builder.AddInput({path, std::string(kind), "error"});
  return LoadStatus::kError;
}

}  // namespace

bool IsServerlessFileName(std::string_view path) {
  std::string_view name = FileName(path);
  return name == "serverless.yml" || name == "serverless.yaml";
}

bool LooksLikeTemplate(std::string_view path, std::string_view text) {
  if (text.find("AWSTemplateFormatVersion") != std::string_view::npos) return true;
  bool resources = text.find("Resources") != std::string_view::npos;
  bool type = text.find("Type") != std::string_view::npos;
  if (IsServerlessFileName(path)) return resources && text.find("resources") != std::string_view::npos;
  return resources && type;
}

LoadStatus LoadCloudFormation(const std::string& path, const std::string& text, GraphBuilder& builder,
                              const TemplateInputs& inputs, const BudgetLimits& limits) {
  const bool serverless = IsServerlessFileName(path);
  const std::string kind = serverless ? "serverless" : "cloudformation";
  YamlParse parse = ParseYaml(text, kMaxTextDepth);
  if (parse.error) {
    if (!LooksLikeTemplate(path, text)) return LoadStatus::kNotTemplate;
    // A position-less library error still points at the file's first line.
    Location loc{path, std::max(parse.error->line, 1), std::max(parse.error->column, 1)};
    return Fail(path, loc, "cannot parse " + kind + " template: " + parse.error->message, kind, builder);
  }
  if (!parse.root || !parse.root->IsMap()) return LoadStatus::kNotTemplate;
  const RawNode* root = parse.root.get();
  std::string prefix = "Resources/";
  if (serverless) {
    root = root->Find("resources");
    prefix = "resources/Resources/";
    if (root == nullptr || !root->IsMap()) return LoadStatus::kNotTemplate;
  }
  const RawNode* resources = root->Find("Resources");
  const bool declared = !serverless && root->Find("AWSTemplateFormatVersion") != nullptr;
  if (!declared && !IsResourcesMap(resources)) {
    if (resources == nullptr || resources->IsMap() || !LooksLikeTemplate(path, text)) return LoadStatus::kNotTemplate;
  }
  if (resources != nullptr && !resources->IsMap() && resources->kind != RawNode::Kind::kNull) {
    return Fail(path, Location{path, resources->line, resources->column}, "Resources is not a mapping", kind,
                builder);
  }
  RawNode empty;
  empty.kind = RawNode::Kind::kMap;
  if (resources == nullptr || !resources->IsMap()) resources = &empty;

  Declarations decls;
  Budget budget(limits);  // one for the whole template: the lister's and the loader's evaluation
  try {
    ResourceLister lister(path, prefix, *root, inputs, budget);
    std::vector<ResourceEntry> entries = lister.List(*resources, decls.errors);
    const RawNode* outputs_node = root->Find("Outputs");
    std::vector<ResourceEntry> outputs;
    if (outputs_node != nullptr) outputs = lister.At("Outputs/").List(*outputs_node, decls.errors);
    std::map<std::string, std::string> types;
    for (const ResourceEntry& r : entries) {
      const RawNode* type = r.body->Find("Type");
      const Location at{path, r.id->line, r.id->column};
      if (type && type->IsScalar()) {
        types[r.logical_id] = type->scalar;
      } else if (IsForEachKey(*r.id)) {
        decls.errors.push_back({at, r.logical_id + " needs `Transform: AWS::LanguageExtensions`"});
      } else {
        decls.errors.push_back({at, "resource " + r.logical_id + " has no Type"});
      }
    }
    TemplateLoader loader(path, prefix, *root, std::move(entries), std::move(types), text, inputs, budget);
    loader.LoadResources(decls);
    loader.LoadOutputs(outputs, decls);
    loader.TakeConstraints(decls);
  } catch (const EvaluationError& e) {
    return Fail(path, Location{path, std::max(e.line, 1), std::max(e.column, 1)}, e.message, kind, builder);
  } catch (const BudgetExhausted& e) {
    // Where it ran out, or the template's first line when that is not known.
    Location at = e.where().Known() ? e.where() : Location{path, 1, 1};
    at.file = path;
    return Fail(path, at, e.what(), kind, builder);
  }
  for (auto& p : decls.pools) builder.AddPool(std::move(p));
  for (auto& a : decls.attachments) builder.AddAttachment(std::move(a));
  for (auto& r : decls.roles) builder.AddRole(std::move(r));
  for (auto& p : decls.policies) builder.AddPolicy(std::move(p));
  for (auto& [name, value] : decls.exports) builder.AddExport(name, std::move(value));
  for (auto& c : decls.constraints) builder.ConstrainInput(c.input, std::move(c.constraint));
  for (auto& e : decls.errors) builder.AddParseError(e.loc, e.message);
  builder.AddInput({path, kind, decls.errors.empty() ? "ok" : "error"});
  return decls.errors.empty() ? LoadStatus::kOk : LoadStatus::kError;
}

}  // namespace trustlint::cfn

namespace trustlint {

void LoadCloudFormationText(const std::string& path, const std::string& text, GraphBuilder& builder) {
  cfn::LoadCloudFormation(path, text, builder);
}

}  // namespace trustlint
