// The permission algebra: what a role's policies grant, as (action, resource pattern,
// statement) grants expanded through the action catalogue; the enhanced-flow
// scope-down for guests (SPEC 6); the AWS managed policies trustlint ships; and
// containment questions answered with a witness that the concrete evaluator re-checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"
#include "policy/catalogue.h"
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

// SPEC 5 / first seed: "Amazon Cognito also prevents authenticated and unauthenticated
// users from making API requests to Amazon Cognito identity pools and Amazon Cognito
// Sync". Such a grant does nothing for an identity-pool role's users.
bool IsDeadForIdentities(const ActionInfo& action);

// ---- AWS managed policies (data/aws-managed-policies/*.json) ----

// "arn:aws:iam::aws:policy/AdministratorAccess" (any partition, also with a partition
// symbol) → "AdministratorAccess"; nullopt for any other ARN.
std::optional<std::string> AwsManagedPolicyName(std::string_view rendered_arn);
// The shipped document of an AWS managed policy, parsed once; nullptr when not shipped.
const PolicyDocument* AwsManagedPolicy(std::string_view name);
std::vector<std::string> ShippedAwsManagedPolicies();  // sorted names

// ---- Effective permissions ----

// One allowed (action, resource pattern) pair and the statement that grants it.
struct Grant {
  const ActionInfo* action = nullptr;
  std::string resource;  // rendered for matching; "*" for a NotResource statement
  std::string resource_display;
  bool not_resource = false;  // granted on everything except the statement's NotResource
  const Statement* statement = nullptr;
  const PolicyDocument* document = nullptr;
  std::string via;  // "" for the role's own documents, else "managed policy NAME"
};

struct RolePermissions {
  std::vector<const PolicyDocument*> documents;  // role documents + shipped managed ones
  std::vector<Grant> grants;  // Allow grants not removed by an unconditional Deny, sorted
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

// Effective allow of a role: its documents (inline and attached standalone policies,
// as AnalysisContext::Permissions returns them) plus the AWS managed policies named
// in managed_policy_arns, expanded per action, minus unconditional explicit denies.
// The returned value points into `role_documents`: keep them alive.
RolePermissions EffectivePermissions(const Role& role, const std::vector<PolicyDocument>& role_documents);

// The grants a guest can use in the enhanced flow (SPEC 6).
std::vector<const Grant*> GuestUsable(const RolePermissions& permissions, RegionClass region);

// A concrete resource inside a grant's pattern: policy variables replaced from the
// request, `*` by "example", `?` by "x". Empty for NotResource grants.
std::string WitnessResource(const Grant& grant, const Request& request);

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
  std::optional<ContainmentWitness> witness;  // nullopt: every grant is contained
  int excess_actions = 0;                     // distinct actions with a witness
};
// `wider_request`/`narrower_request` carry the two identities' context keys (amr, aud,
// sub); action and resource are filled in per grant.
ContainmentAnswer FindExcess(const RolePermissions& wider, const Request& wider_request,
                             const RolePermissions& narrower, const Request& narrower_request);

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
