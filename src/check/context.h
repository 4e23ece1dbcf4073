// What rules see: the linked graph plus derived facts and the policy engine,
// each computed once per scan and shared by every rule.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "graph/graph.h"
#include "policy/evaluator.h"
#include "policy/permissions.h"
#include "policy/policy.h"
#include "policy/symbolic.h"

namespace trustlint {

// How a pool uses a role.
struct RoleUse {
  enum class As { kAuthenticated, kUnauthenticated, kMapped };
  As as;
  int pool = -1;        // index into Graph::pools, -1 when the attachment's pool is unresolved
  int attachment = -1;  // index into Graph::attachments
  Location loc;         // where the attachment names the role
};

class AnalysisContext {
 public:
  // `shared`: where the trust solver keeps its answers instead of its own cache.
  explicit AnalysisContext(const Graph& graph, SharedTrustAnswers* shared = nullptr);
  ~AnalysisContext();

  const Graph& graph() const { return graph_; }
  TrustSolver& solver() { return *solver_; }

  // The parsed trust policy of role `role` (index into Graph::roles).
  const PolicyDocument& Trust(int role);
  // Every permissions document of the role: inline policies and linked standalone policies.
  const std::vector<PolicyDocument>& Permissions(int role);
  // What the role's policies grant to an identity class, expanded through the action
  // catalogue, less what Deny statements and the permissions boundary take away
  // (computed once per role and class: several rules and `graph` ask for it).
  // Without a class: what guests or signed-in users can use.
  const RolePermissions& Effective(int role, IdentityClass identities = IdentityClass::kAny);
  // The identities a role serves: guests when every pool attaches it as unauthenticated
  // role, signed-in users when every use is authenticated or a role mapping, else both
  // (also for a role only its trust makes an identity-pool role).
  IdentityClass IdentitiesOf(int role);
  // The role's permissions boundary, resolved to documents when trustlint can read it.
  const Boundary& BoundaryOf(int role);
  PermissionSolver& permission_solver() { return *permission_solver_; }
  // A standalone policy's document.
  const PolicyDocument& PolicyDoc(int policy);

  // A policy document and who owns it: the document's own owner (a standalone policy
  // linked to a role), else its role's or policy's address.
  struct OwnedDocument {
    const PolicyDocument& doc;
    const std::string& owner;
    bool trust;  // a role's trust policy
  };
  // Every document of the scan: each role's trust policy, then its permissions
  // documents; then every standalone policy. A standalone policy linked to roles is
  // met once per link and once on its own: rules that report per document deduplicate.
  void ForEachDocument(const std::function<void(const OwnedDocument&)>& visit);

  // The pools that attach role `role`, and how.
  const std::vector<RoleUse>& UsesOf(int role);
  // The pools that attach role `role` as their unauthenticated role, once each;
  // nullptr for an attachment whose pool the scan could not resolve.
  std::vector<const IdentityPool*> GuestPools(int role);
  // SPEC 5: attached by a pool, or its trust can allow AssumeRoleWithWebIdentity
  // to cognito-identity.amazonaws.com.
  bool IsIdentityPoolRole(int role);
  // The pool's ID rendered for matching (TokenQuery::aud).
  std::string PoolAud(int pool) const;
  // Can a guest token of pool `pool` (amr ["unauthenticated"]), or a signed-in one
  // (amr ["authenticated"]), assume role `role` through its trust? One answer per
  // (role, pool, class), which TL103, TL104 and `graph` share.
  const TrustAnswer& PoolTokenAnswer(int role, int pool, bool guest);
  const TrustAnswer& GuestTokenAnswer(int role, int pool) { return PoolTokenAnswer(role, pool, true); }
  // With `jobs` > 1, answers ahead of the rules the PoolTokenAnswer question of every
  // use of a role by a pool (the proofs a scan spends most on), on `jobs` threads each
  // with its own TrustSolver; with 1, they are asked as the rules need them.
  void AnswerPoolQuestions(unsigned jobs);
  // The attachment exists only in one reading of an undecided condition: a finding
  // about its use is possible, with this reason; "" when it always exists.
  std::string ConditionalReason(int attachment) const;
  static std::string ConditionalReason(const RoleAttachment& attachment);

 private:
  const Graph& graph_;
  std::unique_ptr<TrustSolver> solver_;
  std::unique_ptr<PermissionSolver> permission_solver_;
  std::map<int, PolicyDocument> trust_;
  std::map<int, std::vector<PolicyDocument>> permissions_;
  std::map<int, PolicyDocument> policy_docs_;
  std::map<std::pair<int, IdentityClass>, RolePermissions> effective_;
  std::map<int, Boundary> boundaries_;
  std::map<int, std::vector<RoleUse>> uses_;
  bool uses_ready_ = false;  // uses_ holds every role's uses
  std::map<int, bool> identity_pool_role_;
  std::map<std::tuple<int, int, bool>, TrustAnswer> token_answers_;
  std::map<std::string, ConstantShape> shapes_;  // what every solver of the context is told
};

}  // namespace trustlint
