#include "frontend/cloudformation/loader.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <utility>
#include <vector>

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

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

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
    if (dashes != std::string_view::npos) c.reason = Trim(rest.substr(dashes + 2));
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

// A `Resources` mapping: every value a mapping with a string Type.
bool IsResourcesMap(const RawNode* resources) {
  if (resources == nullptr || !resources->IsMap() || resources->children.empty()) return false;
  for (size_t i = 1; i < resources->children.size(); i += 2) {
    const RawNode* type = resources->children[i]->Find("Type");
    if (type == nullptr || !type->IsScalar()) return false;
  }
  return true;
}

Value Pseudo(const char* name, Location loc) {
  return Value::SymbolString(Symbol{Symbol::Kind::kPseudo, name}, std::move(loc));
}

// A property of a converted Properties map, or `fallback` when absent.
Value Prop(const Value& props, std::string_view key, Value fallback) {
  const Value* v = props.Find(key);
  return v ? *v : std::move(fallback);
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
  std::vector<ParseError> errors;
};

class TemplateLoader {
 public:
  TemplateLoader(const std::string& file, std::string prefix, const RawNode& root, const RawNode& resources,
                 std::map<std::string, std::string> types, std::string_view text)
      : file_(file),
        prefix_(std::move(prefix)),
        resources_(resources),
        eval_(file, root.Find("Parameters"), root.Find("Mappings"), root.Find("Conditions"), std::move(types)),
        comments_(ScanIgnoreComments(text)) {}

  void LoadResources(Declarations& out) {
    for (size_t i = 0; i + 1 < resources_.children.size(); i += 2) {
      const RawNode& id = *resources_.children[i];
      const RawNode& body = *resources_.children[i + 1];
      const RawNode* type = body.Find("Type");
      if (!type || !type->IsScalar()) continue;  // reported by the caller
      Declare(id, body, type->scalar, out);
    }
  }

  void LoadOutputs(const RawNode* outputs, Declarations& out) {
    if (outputs == nullptr || !outputs->IsMap()) return;
    for (size_t i = 0; i + 1 < outputs->children.size(); i += 2) {
      const RawNode& body = *outputs->children[i + 1];
      const RawNode* exp = body.Find("Export");
      const RawNode* name_node = exp ? exp->Find("Name") : nullptr;
      const RawNode* value_node = body.Find("Value");
      if (!name_node || !value_node) continue;
      std::string path = "Outputs/" + outputs->children[i]->scalar;
      auto name = eval_.Convert(*name_node, path + "/Export/Name");
      auto value = eval_.Convert(*value_node, path + "/Value");
      auto literal = name ? name->Literal() : std::nullopt;
      if (literal && value) out.exports.emplace_back(*literal, std::move(*value));
    }
  }

 private:
  Node Base(const RawNode& id, const RawNode& body, const std::string& type) {
    Node n;
    n.key = eval_.Key(id.scalar);
    n.address = id.scalar;
    n.type = type;
    n.loc = eval_.Loc(id);
    n.end_line = std::max(id.line, body.LastLine());
    n.path = prefix_ + id.scalar;
    n.account = Pseudo("AWS::AccountId", n.loc);
    n.region = Pseudo("AWS::Region", n.loc);
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

  void Declare(const RawNode& id, const RawNode& body, const std::string& type, Declarations& out) {
    const bool wanted = type == "AWS::Cognito::IdentityPool" || type == "AWS::Cognito::IdentityPoolRoleAttachment" ||
                        type == "AWS::IAM::Role" || type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy" ||
                        type == "AWS::IAM::RolePolicy" || type == "AWS::Organizations::Policy";
    if (!wanted) return;  // other resources are never converted: big templates stay cheap
    Node base = Base(id, body, type);
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
      out.attachments.push_back(Attachment(base, props));
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
    a.authenticated = roles ? Prop(*roles, "authenticated", Value::Null(base.loc)) : Value::Null(base.loc);
    a.unauthenticated = roles ? Prop(*roles, "unauthenticated", Value::Null(base.loc)) : Value::Null(base.loc);
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
      r.arn = Value::Symbolic({StringPart{"arn:", {}}, StringPart{"", Symbol{Symbol::Kind::kPseudo, "AWS::Partition"}},
                               StringPart{":iam::", {}},
                               StringPart{"", Symbol{Symbol::Kind::kPseudo, "AWS::AccountId"}},
                               StringPart{":role" + *role_path + *name, {}}},
                              base.loc);
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
  const RawNode& resources_;
  Evaluator eval_;
  std::vector<CommentIgnore> comments_;
};

std::string_view FileName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

LoadStatus Fail(const std::string& path, Location loc, std::string message, std::string_view kind,
                GraphBuilder& builder) {
  builder.AddParseError(std::move(loc), std::move(message));
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

LoadStatus LoadCloudFormation(const std::string& path, const std::string& text, GraphBuilder& builder) {
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
  std::map<std::string, std::string> types;
  for (size_t i = 0; i + 1 < resources->children.size(); i += 2) {
    const RawNode& id = *resources->children[i];
    const RawNode* type = resources->children[i + 1]->Find("Type");
    if (type && type->IsScalar()) {
      types[id.scalar] = type->scalar;
    } else {
      decls.errors.push_back({Location{path, id.line, id.column}, "resource " + id.scalar + " has no Type"});
    }
  }
  try {
    TemplateLoader loader(path, prefix, *root, *resources, std::move(types), text);
    loader.LoadResources(decls);
    loader.LoadOutputs(root->Find("Outputs"), decls);
  } catch (const LimitExceeded& e) {
    return Fail(path, Location{path, std::max(e.line, 1), std::max(e.column, 1)}, e.message, kind, builder);
  }
  for (auto& p : decls.pools) builder.AddPool(std::move(p));
  for (auto& a : decls.attachments) builder.AddAttachment(std::move(a));
  for (auto& r : decls.roles) builder.AddRole(std::move(r));
  for (auto& p : decls.policies) builder.AddPolicy(std::move(p));
  for (auto& [name, value] : decls.exports) builder.AddExport(name, std::move(value));
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
