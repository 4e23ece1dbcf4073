#include "policy/permissions.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/ascii.h"
#include "policy/embedded_data.h"

namespace trustlint {
namespace {

constexpr std::string_view kScopeDownPath = "data/scope_down.json";
constexpr std::string_view kManagedDir = "data/aws-managed-policies/";

std::string_view EmbeddedText(std::string_view path) {
  for (const EmbeddedFile& f : EmbeddedDataFiles()) {
    if (f.path == path) return f.text;
  }
  return {};
}

// The embedded files are ours and checked by tests, so a parse error is a build defect.
nlohmann::json ParseEmbedded(std::string_view path) {
  const std::string_view text = EmbeddedText(path);
  assert(!text.empty() && "data file not embedded: list it in src/policy/permissions.cmake");
  return nlohmann::json::parse(text);
}

std::vector<std::string> Strings(const nlohmann::json& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item.get<std::string>());
  return out;
}

bool AnyGlob(const std::vector<std::string>& patterns, std::string_view action) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return GlobMatch(p, action, /*case_insensitive=*/true); });
}

std::map<std::string, PolicyDocument, std::less<>> LoadManagedPolicies() {
  std::map<std::string, PolicyDocument, std::less<>> out;
  for (const EmbeddedFile& f : EmbeddedDataFiles()) {
    if (f.path.rfind(kManagedDir, 0) != 0) continue;
    const nlohmann::json j = nlohmann::json::parse(f.text);
    const std::string name = j.at("name").get<std::string>();
    Value document = Value::String(j.at("document").dump());
    out.emplace(name, ParsePolicyDocument(document, "AWS managed policy " + name));
  }
  return out;
}

const std::map<std::string, PolicyDocument, std::less<>>& ManagedPolicies() {
  static const auto* policies = new std::map<std::string, PolicyDocument, std::less<>>(LoadManagedPolicies());
  return *policies;
}

// Actions a statement allows, expanded through the catalogue; unknown patterns are noted.
std::vector<const ActionInfo*> ExpandActions(const Statement& s, RolePermissions& out) {
  const ActionCatalogue& catalogue = ActionCatalogue::Get();
  std::vector<std::string> patterns;
  for (const PolicyString& a : s.actions) {
    if (a.unknown && !out.depends_on_unknown) {
      out.depends_on_unknown = true;
      out.unknown_reason = a.unknown_reason;
    }
    patterns.push_back(a.text);
  }
  if (s.not_action) return catalogue.ExpandNot(patterns);
  std::vector<const ActionInfo*> actions;
  for (const std::string& p : patterns) {
    for (const ActionInfo* info : catalogue.Expand(p)) actions.push_back(info);
  }
  std::sort(actions.begin(), actions.end());
  actions.erase(std::unique(actions.begin(), actions.end()), actions.end());
  return actions;
}

bool StatementNamesAction(const Statement& s, std::string_view action) {
  bool named = false;
  for (const PolicyString& a : s.actions) named = named || GlobMatch(a.text, action, true);
  return s.not_action ? !named : named;
}

// An unconditional Deny removes a grant when it names the action and one of its
// resources covers the grant's whole pattern (a `*` of the grant is read as text,
// which a `*` of the deny matches).
bool DeniedOutright(const std::vector<const PolicyDocument*>& documents, const Grant& grant) {
  const std::string action = grant.action->FullName();
  for (const PolicyDocument* doc : documents) {
    for (const Statement& s : doc->statements) {
      if (s.allow || !s.conditions.empty() || s.conditional || s.not_resource) continue;
      if (!StatementNamesAction(s, action)) continue;
      for (const PolicyString& r : s.resources) {
        if (r.text == "*" || (!grant.not_resource && GlobMatch(r.text, grant.resource, false))) return true;
      }
    }
  }
  return false;
}

void AddDocumentGrants(const PolicyDocument& doc, const std::string& via, RolePermissions& out) {
  if (doc.unknown && !out.depends_on_unknown) {
    out.depends_on_unknown = true;
    out.unknown_reason = doc.unknown_reason;
  }
  for (const Statement& s : doc.statements) {
    if (!s.allow || !s.has_resource) continue;
    const std::vector<const ActionInfo*> actions = ExpandActions(s, out);
    for (const ActionInfo* action : actions) {
      if (s.not_resource) {
        out.grants.push_back({action, "*", "*", true, &s, &doc, via});
        continue;
      }
      for (const PolicyString& r : s.resources) {
        out.grants.push_back({action, r.text, r.display, false, &s, &doc, via});
      }
    }
  }
}

void NoteManagedArn(const Value& arn, RolePermissions& out) {
  if (arn.kind == Value::Kind::kAlternatives || arn.kind == Value::Kind::kList) {
    for (const Value& item : arn.items) NoteManagedArn(item, out);
    return;
  }
  if (!arn.IsString()) {
    std::string why;
    if (arn.DependsOnUnknown(&why) && !out.depends_on_unknown) {
      out.depends_on_unknown = true;
      out.unknown_reason = why;
    }
    return;
  }
  const std::optional<std::string> name = AwsManagedPolicyName(RenderForMatching(arn.parts));
  if (!name) return;  // a customer managed policy: linked into Role::policy_ids
  if (const PolicyDocument* doc = AwsManagedPolicy(*name)) {
    out.managed.push_back({*name, arn.loc, doc});
  } else {
    out.unknown_managed.push_back(RenderForDisplay(arn.parts));
  }
}

std::string FillArnFormat(std::string_view format) {
  std::string out;
  for (size_t i = 0; i < format.size();) {
    if (format.substr(i, 2) == "${") {
      const size_t end = format.find('}', i);
      if (end == std::string_view::npos) break;
      const std::string_view var = format.substr(i + 2, end - i - 2);
      out += var == "Partition" ? "aws" : var == "Region" ? "us-east-1" : var == "Account" ? "123456789012" : "example";
      i = end + 1;
    } else {
      out += format[i++];
    }
  }
  return out;
}

}  // namespace

const ScopeDownData& GuestScopeDown() {
  static const ScopeDownData* data = [] {
    const nlohmann::json j = ParseEmbedded(kScopeDownPath);
    auto* d = new ScopeDownData;
    const nlohmann::json& inline_policy = j.at("inline_session_policy");
    d->inline_default = Strings(inline_policy.at("default_regions"));
    const std::vector<std::string> exclude = Strings(inline_policy.at("opt_in_regions_exclude"));
    for (const std::string& a : d->inline_default) {
      if (std::find(exclude.begin(), exclude.end(), a) == exclude.end()) d->inline_opt_in.push_back(a);
    }
    d->managed = Strings(j.at("managed_session_policy").at("actions"));
    d->default_regions = Strings(j.at("default_regions"));
    d->source = j.at("source").get<std::string>();
    d->date = j.at("date").get<std::string>();
    return d;
  }();
  return *data;
}

RegionClass ClassifyRegion(const Value& region) {
  const std::optional<std::string> literal = region.Literal();
  if (!literal || literal->empty()) return RegionClass::kUnknown;
  const std::vector<std::string>& defaults = GuestScopeDown().default_regions;
  return std::find(defaults.begin(), defaults.end(), *literal) != defaults.end() ? RegionClass::kDefault
                                                                                 : RegionClass::kOptIn;
}

bool ScopeDownAllows(std::string_view action, RegionClass region) {
  const ScopeDownData& d = GuestScopeDown();
  const std::vector<std::string>& inline_list = region == RegionClass::kOptIn ? d.inline_opt_in : d.inline_default;
  return AnyGlob(inline_list, action) || AnyGlob(d.managed, action);
}

std::optional<std::string> AwsManagedPolicyName(std::string_view rendered_arn) {
  constexpr std::string_view kMarker = ":iam::aws:policy/";
  if (rendered_arn.rfind("arn:", 0) != 0) return std::nullopt;
  const size_t at = rendered_arn.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const size_t slash = rendered_arn.rfind('/');
  return std::string(rendered_arn.substr(slash + 1));
}

const PolicyDocument* AwsManagedPolicy(std::string_view name) {
  const auto& policies = ManagedPolicies();
  const auto it = policies.find(name);
  return it == policies.end() ? nullptr : &it->second;
}

std::vector<std::string> ShippedAwsManagedPolicies() {
  std::vector<std::string> names;
  for (const auto& [name, doc] : ManagedPolicies()) names.push_back(name);
  return names;
}

RolePermissions EffectivePermissions(const Role& role, const std::vector<PolicyDocument>& role_documents) {
  RolePermissions out;
  for (const PolicyDocument& doc : role_documents) out.documents.push_back(&doc);
  for (const Value& arn : role.managed_policy_arns) NoteManagedArn(arn, out);
  for (const auto& use : out.managed) out.documents.push_back(use.document);

  for (const PolicyDocument& doc : role_documents) AddDocumentGrants(doc, "", out);
  for (const auto& use : out.managed) AddDocumentGrants(*use.document, "managed policy " + use.name, out);

  std::vector<Grant> kept;
  for (Grant& g : out.grants) {
    if (!DeniedOutright(out.documents, g)) kept.push_back(std::move(g));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Grant& a, const Grant& b) {
    if (a.action != b.action) {
      if (a.action->service != b.action->service) return a.action->service < b.action->service;
      return a.action->name < b.action->name;
    }
    return a.resource < b.resource;
  });
  out.grants = std::move(kept);
  return out;
}

std::vector<const Grant*> GuestUsable(const RolePermissions& permissions, RegionClass region) {
  std::vector<const Grant*> out;
  for (const Grant& g : permissions.grants) {
    if (ScopeDownAllows(g.action->FullName(), region)) out.push_back(&g);
  }
  return out;
}

std::vector<EffectiveEntry> SummarizePermissions(const RolePermissions& permissions, RegionClass region) {
  std::vector<EffectiveEntry> out;
  for (const Grant& g : permissions.grants) {
    const std::string action = g.action->FullName();
    const std::string resource = g.not_resource ? "* (NotResource)" : g.resource_display;
    if (!out.empty() && out.back().action == action && out.back().resource == resource) continue;
    out.push_back({action, AccessLevelName(g.action->access), resource, ScopeDownAllows(action, region), g.via});
  }
  return out;
}

std::string WitnessResource(const Grant& grant, const Request& request) {
  if (grant.not_resource) return "";
  if (grant.resource == "*") {
    // Any resource: name one of the action's own type, so the witness reads like an ARN.
    for (const ResourceTypeRef& ref : grant.action->resource_types) {
      if (const ResourceTypeInfo* type = ActionCatalogue::Get().FindResourceType(grant.action->service, ref.name)) {
        return FillArnFormat(type->arn_format);
      }
    }
    return "*";  // the action supports no resource-level permissions: "*" is its only resource
  }
  // Without Version 2012-10-17 `${...}` is literal text: the resource is what is written.
  const bool variables = grant.statement == nullptr || grant.statement->variables;
  const std::optional<std::string> substituted =
      variables ? SubstituteVariables(grant.resource, request) : std::optional<std::string>(grant.resource);
  if (!substituted) return "";
  std::string out;
  for (char c : *substituted) {
    if (c == '*') {
      out += "example";
    } else if (c == '?') {
      out += 'x';
    } else {
      out += c;
    }
  }
  return out;
}

bool Allows(const std::vector<const PolicyDocument*>& documents, const Request& request) {
  return Evaluate(documents, request).effect == Effect::kAllow;
}

ContainmentAnswer FindExcess(const RolePermissions& wider, const Request& wider_request,
                             const RolePermissions& narrower, const Request& narrower_request) {
  ContainmentAnswer answer;
  std::set<const ActionInfo*> counted;
  for (const Grant& g : wider.grants) {
    if (counted.count(g.action)) continue;
    Request w = wider_request;
    w.action = g.action->FullName();
    w.resource = WitnessResource(g, wider_request);
    if (w.resource.empty() || !Allows(wider.documents, w)) continue;
    Request n = narrower_request;
    n.action = w.action;
    n.resource = w.resource;
    if (Allows(narrower.documents, n)) continue;
    counted.insert(g.action);
    if (!answer.witness) answer.witness = ContainmentWitness{w.action, w.resource, &g};
  }
  answer.excess_actions = static_cast<int>(counted.size());
  return answer;
}

Request IdentityRequest(std::string_view identity_id, std::string_view pool_id, bool guest) {
  Request r;
  r.context["cognito-identity.amazonaws.com:sub"] = {std::string(identity_id)};
  r.context["cognito-identity.amazonaws.com:aud"] = {std::string(pool_id)};
  if (guest) {
    r.context["cognito-identity.amazonaws.com:amr"] = {"unauthenticated"};
  } else {
    r.context["cognito-identity.amazonaws.com:amr"] = {"authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_example"};
  }
  return r;
}

bool CanTouch(const std::vector<const PolicyDocument*>& documents, std::string_view identity_a,
              std::string_view action, std::string_view resource, const std::vector<std::string>& leading_keys) {
  Request r = IdentityRequest(identity_a, "us-east-1:00000000-0000-0000-0000-000000000000", false);
  r.action = std::string(action);
  r.resource = std::string(resource);
  if (!leading_keys.empty()) r.context["dynamodb:leadingkeys"] = leading_keys;
  return Allows(documents, r);
}

std::string GroupByService(const std::vector<std::string>& actions, std::size_t max_per_service,
                           std::size_t max_services) {
  std::map<std::string, std::vector<std::string>> by_service;
  for (const std::string& a : actions) {
    const size_t colon = a.find(':');
    if (colon == std::string::npos) {
      by_service[a];
      continue;
    }
    std::vector<std::string>& names = by_service[a.substr(0, colon)];
    const std::string name = a.substr(colon + 1);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::string out;
  std::size_t shown = 0;
  for (const auto& [service, names] : by_service) {
    if (shown++ == max_services) {
      out += "; … (" + std::to_string(by_service.size() - max_services) + " more services)";
      break;
    }
    if (!out.empty()) out += "; ";
    out += service + " (" + std::to_string(names.size()) + "): ";
    for (size_t i = 0; i < names.size() && i < max_per_service; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > max_per_service) out += ", …";
  }
  return out;
}

std::vector<std::string> ActionNames(const std::vector<const Grant*>& grants) {
  std::vector<std::string> out;
  std::set<const ActionInfo*> seen;
  for (const Grant* g : grants) {
    if (seen.insert(g->action).second) out.push_back(g->action->FullName());
  }
  return out;
}

Location GrantLocation(const RolePermissions& permissions, const Grant& grant) {
  for (const auto& use : permissions.managed) {
    if (use.document == grant.document) return use.loc;
  }
  return grant.statement->loc;
}

std::string GrantPath(const RolePermissions& permissions, const Grant& grant) {
  for (const auto& use : permissions.managed) {
    if (use.document == grant.document) return "";
  }
  return grant.statement->path;
}

bool HasSubVariable(std::string_view text) {
  return LowerAscii(text).find(kSubVariable) != std::string::npos;
}

}  // namespace trustlint
