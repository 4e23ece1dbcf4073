#include "frontend/terraform/mapping.h"

#include <algorithm>
#include <set>

#include "frontend/terraform/evaluator.h"

namespace trustlint::terraform {
namespace {

const Symbol* SoleSymbol(const Value& v) {
  if (!v.IsString() || v.parts.size() != 1 || !v.parts[0].symbol) return nullptr;
  return &*v.parts[0].symbol;
}

bool NamesRole(const Value& v, const Role& role) {
  if (v.kind == Value::Kind::kAlternatives) {
    return std::any_of(v.items.begin(), v.items.end(), [&](const Value& i) { return NamesRole(i, role); });
  }
  if (const Symbol* s = SoleSymbol(v)) {
    if (s->kind == Symbol::Kind::kRoleName || s->kind == Symbol::Kind::kRoleArn) return s->name == role.key;
  }
  auto lit = v.Literal();
  return lit && (role.name.Literal() == lit || role.arn.Literal() == lit);
}

}  // namespace

bool IsMappedType(std::string_view type) {
  static const std::set<std::string, std::less<>> kTypes = {
      "aws_cognito_identity_pool", "aws_cognito_identity_pool_roles_attachment", "aws_iam_role",
      "aws_iam_role_policy",       "aws_iam_policy",                              "aws_iam_role_policy_attachment",
      "aws_iam_policy_attachment", "aws_organizations_policy"};
  return kTypes.count(type) > 0;
}

Value RoleArn(const Value& name, const Value& path, const ProviderConfig& provider, const std::string& key,
              const Location& loc) {
  if (!name.IsLiteralString()) return Value::SymbolString(Symbol{Symbol::Kind::kRoleArn, key}, loc);
  std::vector<StringPart> parts{StringPart{"arn:", std::nullopt}};
  AppendAsString(provider.partition, parts);
  parts.push_back(StringPart{":iam::", std::nullopt});
  AppendAsString(provider.account, parts);
  parts.push_back(StringPart{":role", std::nullopt});
  AppendAsString(path.IsNull() ? Value::String("/") : path, parts);
  AppendAsString(name, parts);
  return Value::Symbolic(std::move(parts), loc);
}

void ResourceMapper::Map(const Node& node, const ProviderConfig& provider, ResourceAttributes& attrs,
                         const std::string& group, bool conditional) {
  const std::string& type = node.type;
  auto or_false = [&](const Value& v) { return v.IsNull() ? Value::Bool(false, node.loc) : v; };
  if (type == "aws_cognito_identity_pool") {
    IdentityPool pool;
    static_cast<Node&>(pool) = node;
    pool.allow_unauthenticated = or_false(attrs.Get("allow_unauthenticated_identities"));
    pool.allow_classic_flow = or_false(attrs.Get("allow_classic_flow"));
    // Generated at apply time unless a plan knows it: one symbol, equal to what
    // `aws_cognito_identity_pool.X.id` evaluates to.
    Value id = attrs.Get("id");
    pool.id = id.IsLiteralString() ? id : Value::SymbolString(Symbol{Symbol::Kind::kPoolId, node.key}, node.loc);
    pools_.push_back(std::move(pool));
  } else if (type == "aws_cognito_identity_pool_roles_attachment") {
    MapAttachment(node, attrs, conditional);
  } else if (type == "aws_iam_role") {
    Role role;
    static_cast<Node&>(role) = node;
    role.name = attrs.Get("name");
    Value known = attrs.Get("arn");
    role.arn = known.IsString() ? known : RoleArn(role.name, attrs.Get("path"), provider, node.key, node.loc);
    role.trust_policy = attrs.Policy("assume_role_policy");
    role.inline_policies = attrs.InlinePolicies(node.address);
    Value managed = attrs.Get("managed_policy_arns");
    if (managed.IsList()) {
      role.managed_policy_arns = managed.items;
    } else if (!managed.IsNull()) {
      role.managed_policy_arns.push_back(managed);
    }
    Value boundary = attrs.Policy("permissions_boundary");
    if (!(boundary.IsString() && boundary.Literal() == "")) role.permissions_boundary = boundary;
    roles_.push_back(std::move(role));
  } else if (type == "aws_iam_role_policy" || type == "aws_iam_policy" || type == "aws_organizations_policy") {
    Policy p;
    static_cast<Node&>(p) = node;
    if (type == "aws_organizations_policy") {
      if (attrs.Get("type").Literal() != "RESOURCE_CONTROL_POLICY") return;
      p.resource_control_policy = true;
      p.document = attrs.Policy("content");
    } else {
      p.document = attrs.Policy("policy");
    }
    if (type == "aws_iam_role_policy") p.roles.push_back(attrs.Get("role"));
    if (type == "aws_iam_policy") {
      Value arn = attrs.Get("arn");
      p.arn = arn.IsLiteralString() ? arn : Value::SymbolString(Symbol{Symbol::Kind::kResourceRef, node.key}, node.loc);
    }
    policies_.push_back(std::move(p));
  } else if (type == "aws_iam_role_policy_attachment") {
    pending_.push_back(PendingAttachment{group, {attrs.Get("role")}, attrs.Get("policy_arn")});
  } else if (type == "aws_iam_policy_attachment") {
    Value roles = attrs.Get("roles");
    pending_.push_back(
        PendingAttachment{group, roles.IsList() ? roles.items : std::vector<Value>{roles}, attrs.Get("policy_arn")});
  }
}

void ResourceMapper::MapAttachment(const Node& node, ResourceAttributes& attrs, bool conditional) {
  RoleAttachment a;
  static_cast<Node&>(a) = node;
  a.conditional = conditional;
  a.pool = attrs.Get("identity_pool_id");
  Value roles = attrs.Get("roles");
  if (roles.IsMap()) {
    if (const Value* v = roles.Find("authenticated")) a.authenticated = *v;
    if (const Value* v = roles.Find("unauthenticated")) a.unauthenticated = *v;
  } else if (roles.kind == Value::Kind::kAlternatives && !roles.items.empty() &&
             std::all_of(roles.items.begin(), roles.items.end(), [](const Value& r) { return r.IsMap(); })) {
    // `roles = var.x ? {...} : {...}`: each role is the alternatives of its readings.
    auto pick = [&](const char* which) {
      std::vector<Value> readings;
      for (const Value& r : roles.items) {
        const Value* v = r.Find(which);
        readings.push_back(v ? *v : Value::Null(r.loc));
      }
      return Value::Alternatives(std::move(readings), roles.loc);
    };
    a.authenticated = pick("authenticated");
    a.unauthenticated = pick("unauthenticated");
  } else if (!roles.IsNull()) {
    std::string why = "roles of " + node.address + " are not known";
    roles.DependsOnUnknown(&why);
    a.authenticated = Value::Unknown(why, roles.loc);
    a.unauthenticated = Value::Unknown(why, roles.loc);
  }
  a.mappings = attrs.RoleMappings();
  a.conditional = a.conditional || NamesThroughConditional(a);
  attachments_.push_back(std::move(a));
}

void ResourceMapper::Flush(GraphBuilder& builder) {
  for (const auto& p : pending_) {
    for (auto& role : roles_) {
      if (!role.key.starts_with(p.group + "#")) continue;
      bool named = std::any_of(p.roles.begin(), p.roles.end(), [&](const Value& v) { return NamesRole(v, role); });
      if (named) role.managed_policy_arns.push_back(p.policy_arn);
    }
  }
  for (auto& p : pools_) builder.AddPool(std::move(p));
  for (auto& a : attachments_) builder.AddAttachment(std::move(a));
  for (auto& r : roles_) builder.AddRole(std::move(r));
  for (auto& p : policies_) builder.AddPolicy(std::move(p));
  pools_.clear();
  attachments_.clear();
  roles_.clear();
  policies_.clear();
  pending_.clear();
}

}  // namespace trustlint::terraform
