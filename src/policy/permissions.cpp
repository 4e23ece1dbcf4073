#include "policy/permissions.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <set>
#include <tuple>
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

void AddDocumentGrants(const PolicyDocument& doc, const std::string& via, RolePermissions& out) {
  if (doc.unknown && !out.depends_on_unknown) {
    out.depends_on_unknown = true;
    out.unknown_reason = doc.unknown_reason;
  }
  for (const Statement& s : doc.statements) {
    if (!s.allow || !s.has_resource) continue;
    const std::vector<const ActionInfo*> actions = ExpandActions(s, out);
    for (const ActionInfo* action : actions) {
      std::vector<Grant>& into = IsDeadForIdentities(*action) ? out.dead_grants : out.grants;
      if (s.not_resource) {
        into.push_back({action, "*", "*", true, &s, &doc, via, nullptr, nullptr});
        continue;
      }
      for (const PolicyString& r : s.resources) {
        into.push_back({action, r.text, r.display, false, &s, &doc, via, nullptr, nullptr});
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

void NoteUnknown(RolePermissions& out, const std::string& reason) {
  if (out.depends_on_unknown) return;
  out.depends_on_unknown = true;
  out.unknown_reason = reason;
}

void SortGrants(std::vector<Grant>& grants) {
  std::stable_sort(grants.begin(), grants.end(), [](const Grant& a, const Grant& b) {
    if (a.action != b.action) {
      if (a.action->service != b.action->service) return a.action->service < b.action->service;
      return a.action->name < b.action->name;
    }
    return a.resource < b.resource;
  });
}

// The identity whose requests decide survival: a fixed identity ID, so that
// `${cognito-identity.amazonaws.com:sub}` resources compare like for like, and a
// placeholder pool (aud is left free: a role does not know which pool uses it).
constexpr char kClassIdentity[] = "us-east-1:00000000-0000-0000-0000-00000000000a";
constexpr char kClassPool[] = "us-east-1:00000000-0000-0000-0000-000000000000";

std::vector<const ActionInfo*> DistinctActions(const std::vector<Grant>& grants) {
  std::vector<const ActionInfo*> out;
  std::set<const ActionInfo*> seen;
  for (const Grant& g : grants) {
    if (seen.insert(g.action).second) out.push_back(g.action);
  }
  return out;
}

// The first Deny of the role's layers that names the action.
std::pair<const Statement*, const PolicyDocument*> DenyNaming(const RolePermissions& perms, const std::string& action) {
  for (const auto* layer : {&perms.documents, &perms.boundary}) {
    for (const PolicyDocument* doc : *layer) {
      for (const Statement& s : doc->statements) {
        if (!s.allow && ActionNamed(s, action)) return {&s, doc};
      }
    }
  }
  return {nullptr, nullptr};
}

// Which actions of one Allow statement some request of the identity can use: the
// statement applies and every layer of the role allows. Without conditions, a
// boundary or a Deny naming the action, the answer is yes without asking Z3.
std::set<const ActionInfo*> UsableActions(const Statement& statement, const std::vector<const ActionInfo*>& actions,
                                          const RolePermissions& perms, const Request& identity,
                                          PermissionSolver& solver) {
  std::set<const ActionInfo*> usable;
  std::vector<const ActionInfo*> to_ask;
  for (const ActionInfo* action : actions) {
    const bool plain = statement.conditions.empty() && perms.boundary.empty() &&
                       DenyNaming(perms, action->FullName()).first == nullptr;
    if (plain) {
      usable.insert(action);
    } else {
      to_ask.push_back(action);
    }
  }
  if (to_ask.empty()) return usable;
  PolicyDocument only;  // the request must go through this statement
  only.owner = "statement";
  only.statements.push_back(statement);
  PermissionSide a = RoleSide(perms, identity, {std::string(kAmrKey)});
  a.layers.push_back({&only});
  PermissionSide never;
  never.layers.push_back({});
  const ExcessAnswer answer = solver.Excess(a, never, to_ask);
  for (const ExcessClass& c : answer.excess) usable.insert(c.actions.begin(), c.actions.end());
  // Unsettled: kept (a grant is removed only when that is proven).
  usable.insert(answer.unsettled.begin(), answer.unsettled.end());
  return usable;
}

// Grants some request of one of the identities can use; the rest are gone.
std::vector<Grant> Surviving(std::vector<Grant> grants, RolePermissions& perms, const std::vector<Request>& identities,
                             PermissionSolver& solver) {
  // Each statement's actions once, in grant order. A set finds the repeats: a search
  // of the list cost a statement granting `*` (every catalogue action) seconds.
  std::map<const Statement*, std::vector<const ActionInfo*>> by_statement;
  std::set<std::pair<const Statement*, const ActionInfo*>> listed;
  for (const Grant& g : grants) {
    if (listed.emplace(g.statement, g.action).second) by_statement[g.statement].push_back(g.action);
  }
  std::map<const Statement*, std::set<const ActionInfo*>> usable;
  for (const auto& [statement, actions] : by_statement) {
    std::set<const ActionInfo*>& keep = usable[statement];
    for (const Request& identity : identities) {
      const std::set<const ActionInfo*> found = UsableActions(*statement, actions, perms, identity, solver);
      keep.insert(found.begin(), found.end());
    }
  }
  std::vector<Grant> out;
  for (Grant& g : grants) {
    if (!usable[g.statement].count(g.action)) continue;
    std::tie(g.reduced_by, g.reduced_in) = DenyNaming(perms, g.action->FullName());
    out.push_back(std::move(g));
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
    d->service_table_only = Strings(j.at("service_table_only").at("actions"));
    d->service_table_only_why = j.at("service_table_only").at("why").get<std::string>();
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

const PolicyDocument& ScopeDownPolicy(RegionClass region) {
  static const auto* policies = [] {
    const auto build = [](const std::vector<std::string>& inline_list) {
      PolicyDocument doc;
      doc.owner = "the guest scope-down (SPEC 6)";
      for (const std::vector<std::string>* list : {&inline_list, &GuestScopeDown().managed}) {
        Statement s;
        s.index = static_cast<int>(doc.statements.size());
        s.has_resource = true;
        s.resources.push_back({"*", "*", {}, false, {}});
        for (const std::string& a : *list) s.actions.push_back({a, a, {}, false, {}});
        doc.statements.push_back(std::move(s));
      }
      return doc;
    };
    return new std::pair<PolicyDocument, PolicyDocument>(build(GuestScopeDown().inline_default),
                                                         build(GuestScopeDown().inline_opt_in));
  }();
  return region == RegionClass::kOptIn ? policies->second : policies->first;
}

bool IsDeadForIdentities(const ActionInfo& action) {
  return action.service == "cognito-identity" || action.service == "cognito-sync";
}

bool ScopeDownUndecided(std::string_view action) { return AnyGlob(GuestScopeDown().service_table_only, action); }

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

RolePermissions EffectivePermissions(const Role& role, const std::vector<PolicyDocument>& role_documents,
                                     const Boundary& boundary, IdentityClass identities, PermissionSolver& solver) {
  RolePermissions out;
  for (const PolicyDocument& doc : role_documents) out.documents.push_back(&doc);
  for (const Value& arn : role.managed_policy_arns) NoteManagedArn(arn, out);
  for (const auto& use : out.managed) out.documents.push_back(use.document);
  out.boundary = boundary.documents;
  if (!boundary.unknown_reason.empty()) NoteUnknown(out, boundary.unknown_reason);

  for (const PolicyDocument& doc : role_documents) AddDocumentGrants(doc, "", out);
  for (const auto& use : out.managed) AddDocumentGrants(*use.document, "managed policy " + use.name, out);

  std::vector<Request> requests;
  if (identities != IdentityClass::kSignedIn) requests.push_back(IdentityRequest(kClassIdentity, kClassPool, true));
  if (identities != IdentityClass::kGuest) requests.push_back(IdentityRequest(kClassIdentity, kClassPool, false));
  out.grants = Surviving(std::move(out.grants), out, requests, solver);
  SortGrants(out.grants);
  SortGrants(out.dead_grants);
  return out;
}

std::set<const ActionInfo*> SurvivingActions(const RolePermissions& permissions) {
  std::set<const ActionInfo*> granted;
  for (const Grant& g : permissions.grants) granted.insert(g.action);
  return granted;
}

bool GrantsEveryLiveAction(const std::vector<const ActionInfo*>& actions, const std::set<const ActionInfo*>& granted) {
  bool any = false;
  for (const ActionInfo* a : actions) {
    if (IsDeadForIdentities(*a)) continue;
    if (!granted.count(a)) return false;
    any = true;
  }
  return any;
}

bool GrantsWholePattern(const RolePermissions& permissions, std::string_view pattern) {
  return GrantsEveryLiveAction(ActionCatalogue::Get().Expand(pattern), SurvivingActions(permissions));
}

PermissionSide RoleSide(const RolePermissions& permissions, Request identity, std::set<std::string> decided) {
  PermissionSide side;
  side.layers.push_back(permissions.documents);
  if (!permissions.boundary.empty()) side.layers.push_back(permissions.boundary);
  side.identity = std::move(identity);
  side.decided_keys = std::move(decided);
  return side;
}

std::set<const ActionInfo*> BeyondScopeDown(PermissionSolver& solver, const RolePermissions& guest, RegionClass region,
                                            std::set<const ActionInfo*>* unsettled) {
  const PermissionSide role = RoleSide(guest, IdentityRequest(kClassIdentity, kClassPool, true), {std::string(kAmrKey)});
  PermissionSide scope_down;
  scope_down.layers.push_back({&ScopeDownPolicy(region)});
  scope_down.identity = role.identity;
  const ExcessAnswer answer = solver.Excess(role, scope_down, DistinctActions(guest.grants));
  std::set<const ActionInfo*> out;
  for (const ExcessClass& c : answer.excess) out.insert(c.actions.begin(), c.actions.end());
  if (unsettled) unsettled->insert(answer.unsettled.begin(), answer.unsettled.end());
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
  // Dead grants are listed too: the graph shows what the policies say, the rules what counts.
  std::vector<Grant> all = permissions.grants;
  all.insert(all.end(), permissions.dead_grants.begin(), permissions.dead_grants.end());
  SortGrants(all);
  for (const Grant& g : all) {
    const std::string action = g.action->FullName();
    const std::string resource = g.not_resource ? "* (NotResource)" : g.resource_display;
    if (!out.empty() && out.back().action == action && out.back().resource == resource) continue;
    out.push_back({action, AccessLevelName(g.action->access), resource, ScopeDownAllows(action, region), g.via});
  }
  return out;
}

bool Allows(const std::vector<const PolicyDocument*>& documents, const Request& request) {
  return Evaluate(documents, request).effect == Effect::kAllow;
}

namespace {

// The first resource holding an unknown value among the statements that name `action`:
// a resource compared as its placeholder text stands for one value the scan cannot see.
std::string UnknownResourceReason(const std::vector<const PolicyDocument*>& documents, std::string_view action) {
  for (const PolicyDocument* doc : documents) {
    for (const Statement& s : doc->statements) {
      if (!ActionNamed(s, action)) continue;
      for (const PolicyString& r : s.resources) {
        if (r.unknown) return r.unknown_reason;
      }
    }
  }
  return "";
}

// Does a statement with this effect name `action`?
bool SomeStatementNames(const std::vector<const PolicyDocument*>& documents, std::string_view action, bool allow) {
  for (const PolicyDocument* doc : documents) {
    for (const Statement& s : doc->statements) {
      if (s.allow == allow && ActionNamed(s, action)) return true;
    }
  }
  return false;
}

}  // namespace

ContainmentAnswer FindExcess(PermissionSolver& solver, const RolePermissions& wider, const Request& wider_identity,
                             const RolePermissions& narrower, const Request& narrower_identity) {
  const std::set<std::string> decided = {std::string(kAmrKey), std::string(kAudKey), std::string(kSubKey)};
  const PermissionSide a = RoleSide(wider, wider_identity, decided);
  const PermissionSide b = RoleSide(narrower, narrower_identity, decided);
  const ExcessAnswer excess = solver.Excess(a, b, DistinctActions(wider.grants));
  ContainmentAnswer answer;
  answer.excess_actions = static_cast<int>(excess.ExcessActionCount());
  answer.unsettled = excess.unsettled;
  answer.unsettled_reason = excess.unsettled_reason;
  if (!excess.excess.empty()) {
    const ExcessClass& first = excess.excess.front();
    Request request = wider_identity;
    request.action = first.action;
    request.resource = first.resource;
    for (const auto& [key, values] : first.context) request.context[key] = values;
    answer.witness = ContainmentWitness{first.action, first.resource, GrantFor(wider, request)};
    // The witness holds for every value of an unknown in a resource unless a resource of
    // the other side (an Allow of the narrower role, a Deny of the wider) could meet it.
    if (SomeStatementNames(narrower.documents, first.action, /*allow=*/true) ||
        SomeStatementNames(wider.documents, first.action, /*allow=*/false)) {
      answer.unknown_reason = UnknownResourceReason(wider.documents, first.action);
      if (answer.unknown_reason.empty()) answer.unknown_reason = UnknownResourceReason(narrower.documents, first.action);
    }
  }
  return answer;
}

const Grant* GrantFor(const RolePermissions& permissions, const Request& request) {
  const Grant* any_of_action = nullptr;
  for (const Grant& g : permissions.grants) {
    if (g.action->FullName() != request.action) continue;
    if (!any_of_action) any_of_action = &g;
    if (StatementApplies(*g.statement, request)) return &g;
  }
  return any_of_action;
}

std::string StatementName(const Statement& statement, const PolicyDocument& document) {
  return "Statement[" + std::to_string(statement.index) + "] of " + document.owner;
}

std::string GrantOrigin(const Grant& grant) {
  std::string out = " (" + StatementName(*grant.statement, *grant.document) + ")";
  if (grant.reduced_by) out += " less what " + StatementName(*grant.reduced_by, *grant.reduced_in) + " denies";
  return out;
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
