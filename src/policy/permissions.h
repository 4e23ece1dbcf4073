// The permission algebra: what a role's policies grant, as (action, resource pattern,
// statement) grants expanded through the action catalogue; the enhanced-flow
// scope-down for guests (SPEC 6); the AWS managed policies trustlint ships; and
// containment questions answered with a witness that the concrete evaluator re-checks.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"
#include "policy/catalogue.h"
#include "policy/containment.h"
#include "policy/evaluator.h"
#include "policy/policy.h"

namespace trustlint {

// ---- SPEC 6: the scope-down session policies (data/scope_down.json) ----

struct ScopeDownData {
  std::vector<std::string> inline_default;  // inline session policy, regions enabled by default
  std::vector<std::string> inline_opt_in;   // inline session policy, opt-in regions
  std::vector<std::string> managed;         // AmazonCognitoUnAuthedIdentitiesSessionPolicy
  std::vector<std::string> default_regions;
  // In the seed's service table but not in the inline policy JSON (SPEC 5): undecided.
  std::vector<std::string> service_table_only;
  std::string service_table_only_why;
  std::string source;
  std::string date;
};
const ScopeDownData& GuestScopeDown();

// Which inline list applies to a pool's region.
enum class RegionClass { kDefault, kOptIn, kUnknown };
RegionClass ClassifyRegion(const Value& region);

// Is `action` ("s3:GetObject") usable by a guest in the enhanced flow: allowed by the
// inline list for that region class or by the managed session policy? kUnknown reads
// as a default region (the longer list).
bool ScopeDownAllows(std::string_view action, RegionClass region);
// Is `action` one the seed's table and its policy JSON disagree on (geo:*,
// kinesisanalytics:*)? ScopeDownAllows says no for it; TL201 reports it as possible.
bool ScopeDownUndecided(std::string_view action);

// The scope-down as one permission policy (the inline list for the region class,
// or the managed session policy, on every resource), for the permission engine.
const PolicyDocument& ScopeDownPolicy(RegionClass region);

// ---- AWS managed policies (data/aws-managed-policies/*.json) ----

// "arn:aws:iam::aws:policy/AdministratorAccess" (any partition, also with a partition
// symbol) → "AdministratorAccess"; nullopt for any other ARN.
std::optional<std::string> AwsManagedPolicyName(std::string_view rendered_arn);
// The shipped document of an AWS managed policy, parsed once; nullptr when not shipped.
const PolicyDocument* AwsManagedPolicy(std::string_view name);
std::vector<std::string> ShippedAwsManagedPolicies();  // sorted names

// ---- Effective permissions ----

// SPEC 5: Cognito identity-pool and Cognito Sync actions (`cognito-identity:*`,
// `cognito-sync:*`) do nothing for an identity pool's users, whatever their role
// grants ("Amazon Cognito also prevents authenticated and unauthenticated users from
// making API requests to Amazon Cognito identity pools and Amazon Cognito Sync", first
// seed). The one place that decides it; such grants are kept apart as dead.
bool IsDeadForIdentities(const ActionInfo& action);

// The Cognito identities whose requests decide what survives a role's conditions.
enum class IdentityClass { kGuest, kSignedIn, kAny };

// One allowed (action, resource pattern) pair and the statement that grants it.
struct Grant {
  const ActionInfo* action = nullptr;
  std::string resource;  // rendered for matching; "*" for a NotResource statement
  std::string resource_display;
  bool not_resource = false;  // granted on everything except the statement's NotResource
  const Statement* statement = nullptr;
  const PolicyDocument* document = nullptr;
  std::string via;  // "" for the role's own documents, else "managed policy NAME"
  // A Deny that takes part of the grant away (it survives on other resources or
  // requests); nullptr when nothing does.
  const Statement* reduced_by = nullptr;
  const PolicyDocument* reduced_in = nullptr;
};

// A permissions boundary as the context resolves it.
struct Boundary {
  bool set = false;
  std::string name;  // as written, for messages
  std::vector<const PolicyDocument*> documents;  // resolved documents (empty when unknown)
  std::string unknown_reason;                    // non-empty: set, but trustlint cannot read it
};

struct RolePermissions {
  std::vector<const PolicyDocument*> documents;  // role documents + shipped managed ones
  // Allow grants some request of the identity class can use: not taken away
  // entirely by Deny statements or the permissions boundary; sorted.
  std::vector<Grant> grants;
  std::vector<Grant> dead_grants;  // IsDeadForIdentities: granted, but useless to identities
  std::vector<const PolicyDocument*> boundary;  // the boundary layer (empty: none or unknown)
  std::vector<std::string> unknown_managed;  // managed-policy ARNs whose document trustlint lacks
  bool depends_on_unknown = false;           // a document or value could not be resolved
  std::string unknown_reason;
  // Where each shipped managed policy is named (parallel to the managed documents).
  struct ManagedUse {
    std::string name;
    Location loc;
    const PolicyDocument* document = nullptr;
  };
  std::vector<ManagedUse> managed;
};

// Effective allow of a role for an identity class: its documents (inline and attached
// standalone policies, as AnalysisContext::Permissions returns them) plus the AWS
// managed policies named in managed_policy_arns, expanded per action, minus what Deny
// statements take away for every request of the class, bounded by the boundary.
// kAny keeps what either class can use. The returned value points into
// `role_documents` and `boundary`: keep them alive.
RolePermissions EffectivePermissions(const Role& role, const std::vector<PolicyDocument>& role_documents,
                                     const Boundary& boundary, IdentityClass identities, PermissionSolver& solver);

// The distinct actions of the surviving grants (what an identity can use).
std::set<const ActionInfo*> SurvivingActions(const RolePermissions& permissions);
// Every live action of `actions` is granted (dead Cognito actions aside); false when
// none is live, so a pattern of only dead actions is no service at all.
bool GrantsEveryLiveAction(const std::vector<const ActionInfo*>& actions, const std::set<const ActionInfo*>& granted);
// Every live action the pattern names ("*", "s3:*") has a surviving grant.
bool GrantsWholePattern(const RolePermissions& permissions, std::string_view pattern);

// The role's layers (identity policies, boundary) for the permission engine, with the
// identity's token keys; `decided` lists the keys the identity fixes.
PermissionSide RoleSide(const RolePermissions& permissions, Request identity, std::set<std::string> decided);

// The actions of a guest role's grants that the scope-down of `region` does not allow
// on some resource the role allows, decided by the permission engine with the
// scope-down as a policy. Actions it cannot settle go to `unsettled`.
std::set<const ActionInfo*> BeyondScopeDown(PermissionSolver& solver, const RolePermissions& guest, RegionClass region,
                                            std::set<const ActionInfo*>* unsettled);

// The grants a guest can use in the enhanced flow (SPEC 6).
std::vector<const Grant*> GuestUsable(const RolePermissions& permissions, RegionClass region);

// Is (action, resource) allowed by these documents for the request?
bool Allows(const std::vector<const PolicyDocument*>& documents, const Request& request);

// What `trustlint graph`/`report` show per role: one entry per granted (action,
// resource), with AWS's access level and whether a guest can use it after the
// enhanced-flow scope-down in `region`.
struct EffectiveEntry {
  std::string action;         // "s3:GetObject"
  std::string_view access;    // "Read", "Write", "Permissions management", ...
  std::string resource;       // as written (display form)
  bool guest_usable = false;  // passes the scope-down of `region`
  std::string via;            // "" or "managed policy NAME"
};
std::vector<EffectiveEntry> SummarizePermissions(const RolePermissions& permissions, RegionClass region);

// ---- Containment ----

// A pair that `wider` allows and `narrower` does not, re-checked concretely.
struct ContainmentWitness {
  std::string action;
  std::string resource;
  const Grant* grant = nullptr;  // the grant of `wider` it comes from
};
struct ContainmentAnswer {
  std::optional<ContainmentWitness> witness;  // nullopt: no confirmed excess
  int excess_actions = 0;                     // distinct actions with a confirmed witness
  // Actions the engine could not settle (neither proven contained nor shown broader).
  std::vector<const ActionInfo*> unsettled;
  std::string unsettled_reason;
  // The witness was read against a resource holding a value the scan cannot see
  // (a parameter, a variable): it holds for some values of that input only.
  std::string unknown_reason;
};
// `wider_identity`/`narrower_identity` carry the two identities' token keys (amr,
// aud, sub), which decide conditions on them; other keys are one shared context.
// Decided by the permission engine over every action `wider` grants.
ContainmentAnswer FindExcess(PermissionSolver& solver, const RolePermissions& wider, const Request& wider_identity,
                             const RolePermissions& narrower, const Request& narrower_identity);

// The grant of `permissions` that allows the request (for locating a witness).
const Grant* GrantFor(const RolePermissions& permissions, const Request& request);

// "Statement[0] of X" (with " (managed policy NAME)" for a shipped one).
std::string StatementName(const Statement& statement, const PolicyDocument& document);
// " (Statement[0] of X) less what Statement[1] of Y denies" for a reduced grant, else
// " (Statement[0] of X)".
std::string GrantOrigin(const Grant& grant);

// ---- Per-identity isolation (policy variables) ----

// A Cognito identity as the evaluator sees it: context keys of its token.
Request IdentityRequest(std::string_view identity_id, std::string_view pool_id, bool guest);

// Can identity `a` perform `action` on `resource_of_b` (a resource written for identity
// b, e.g. "arn:aws:s3:::mybucket/<b>/photo.jpg")? With `leading_keys` set, the request
// carries dynamodb:LeadingKeys = {leading_keys} (b's partition key).
bool CanTouch(const std::vector<const PolicyDocument*>& documents, std::string_view identity_a,
              std::string_view action, std::string_view resource, const std::vector<std::string>& leading_keys = {});

// ---- Helpers for messages ----

// "dynamodb (1): Scan; s3 (3): DeleteObject, GetObject, PutObject": services sorted,
// at most `max_per_service` names per service and `max_services` services, each cut
// marked with "…".
std::string GroupByService(const std::vector<std::string>& actions, std::size_t max_per_service = 8,
                           std::size_t max_services = 12);
// Distinct full action names of grants, in grant order.
std::vector<std::string> ActionNames(const std::vector<const Grant*>& grants);

// Where a grant is written: its statement, or for a shipped managed policy the
// place that attaches it (the ARN in ManagedPolicyArns / managed_policy_arns).
Location GrantLocation(const RolePermissions& permissions, const Grant& grant);
std::string GrantPath(const RolePermissions& permissions, const Grant& grant);

// The Cognito identity variable, and whether a text holds it in any spelling.
inline constexpr std::string_view kSubVariable = "${cognito-identity.amazonaws.com:sub}";
bool HasSubVariable(std::string_view text);

}  // namespace trustlint
