#include "check/context.h"

namespace trustlint {

AnalysisContext::AnalysisContext(const Graph& graph) : graph_(graph), solver_(std::make_unique<TrustSolver>()) {}

AnalysisContext::~AnalysisContext() = default;

const PolicyDocument& AnalysisContext::Trust(int role) {
  auto it = trust_.find(role);
  if (it == trust_.end()) {
    const Role& r = graph_.roles.at(role);
    it = trust_.emplace(role, ParsePolicyDocument(r.trust_policy, r.address)).first;
  }
  return it->second;
}

const std::vector<PolicyDocument>& AnalysisContext::Permissions(int role) {
  auto it = permissions_.find(role);
  if (it != permissions_.end()) return it->second;
  const Role& r = graph_.roles.at(role);
  std::vector<PolicyDocument> docs;
  for (const InlinePolicy& p : r.inline_policies) {
    // An aws_iam_role_policy names its own resource as owner; an inline block belongs to the role.
    docs.push_back(ParsePolicyDocument(p.document, p.owner.empty() ? r.address : p.owner));
  }
  for (int pid : r.policy_ids) {
    const Policy& p = graph_.policies.at(pid);
    docs.push_back(ParsePolicyDocument(p.document, p.address));
  }
  return permissions_.emplace(role, std::move(docs)).first->second;
}

const RolePermissions& AnalysisContext::Effective(int role) {
  auto found = effective_.find(role);
  if (found != effective_.end()) return found->second;
  // Points into Permissions(role), which the context keeps for its whole life.
  return effective_.emplace(role, EffectivePermissions(graph_.roles[role], Permissions(role))).first->second;
}

const PolicyDocument& AnalysisContext::PolicyDoc(int policy) {
  auto it = policy_docs_.find(policy);
  if (it == policy_docs_.end()) {
    const Policy& p = graph_.policies.at(policy);
    it = policy_docs_.emplace(policy, ParsePolicyDocument(p.document, p.address)).first;
  }
  return it->second;
}

const std::vector<RoleUse>& AnalysisContext::UsesOf(int role) {
  auto it = uses_.find(role);
  if (it != uses_.end()) return it->second;
  std::vector<RoleUse> uses;
  for (size_t i = 0; i < graph_.attachments.size(); ++i) {
    const RoleAttachment& a = graph_.attachments[i];
    const int index = static_cast<int>(i);
    if (a.authenticated_role == role) {
      uses.push_back({RoleUse::As::kAuthenticated, a.pool_id, index, a.authenticated.loc});
    }
    if (a.unauthenticated_role == role) {
      uses.push_back({RoleUse::As::kUnauthenticated, a.pool_id, index, a.unauthenticated.loc});
    }
    for (const RoleMapping& m : a.mappings) {
      for (size_t j = 0; j < m.role_ids.size(); ++j) {
        if (m.role_ids[j] != role) continue;
        const Location& loc = j < m.roles.size() && m.roles[j].loc.Known() ? m.roles[j].loc : m.loc;
        uses.push_back({RoleUse::As::kMapped, a.pool_id, index, loc});
      }
    }
  }
  return uses_.emplace(role, std::move(uses)).first->second;
}

bool AnalysisContext::IsIdentityPoolRole(int role) {
  auto it = identity_pool_role_.find(role);
  if (it != identity_pool_role_.end()) return it->second;
  bool result = !UsesOf(role).empty();
  if (!result) {
    TokenQuery any;  // amr kAny, aud free
    const TrustAnswer answer = solver().CanAssume(Trust(role), any);
    result = answer.admitted || answer.depends_on_unknown;
  }
  identity_pool_role_.emplace(role, result);
  return result;
}

std::string AnalysisContext::PoolAud(int pool) const {
  const IdentityPool& p = graph_.pools.at(pool);
  if (p.id.IsString()) return RenderForMatching(p.id.parts);
  // No usable ID value: the pool's own symbol still names exactly this pool.
  return RenderForMatching({StringPart{"", Symbol{Symbol::Kind::kPoolId, p.key}}});
}

}  // namespace trustlint
