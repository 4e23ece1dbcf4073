#include "check/context.h"

#include <algorithm>
#include <set>

#include "base/parallel.h"

namespace trustlint {

namespace {

// The literal region of a pool: its node's region, else the prefix of a literal ID.
std::string PoolRegion(const IdentityPool& pool) {
  if (std::optional<std::string> region = pool.region.Literal()) return *region;
  if (std::optional<std::string> id = pool.id.Literal()) {
    const size_t colon = id->find(':');
    if (colon != std::string::npos) return id->substr(0, colon);
  }
  if (pool.id.IsString() && !pool.id.parts.empty() && !pool.id.parts.front().symbol) {
    const std::string& head = pool.id.parts.front().literal;  // "us-east-1:" of !Sub "us-east-1:${Uuid}"
    const size_t colon = head.find(':');
    if (colon != std::string::npos) return head.substr(0, colon);
  }
  return "";
}

// SPEC 4: what the scan knows of each constant. A pool's ID (of the scan or not)
// has the shape `<region>:<uuid>`; the scan's pools have distinct IDs; inputs obey
// what the front ends read of them.
std::map<std::string, ConstantShape> ConstantShapes(const Graph& graph) {
  std::map<std::string, ConstantShape> shapes;
  for (const auto& [sentinel, constraint] : graph.input_constraints) {
    ConstantShape& shape = shapes[sentinel];
    shape.allowed_values = constraint.allowed_values;
    shape.allowed_pattern = constraint.allowed_pattern;
    shape.min_length = constraint.min_length;
    shape.max_length = constraint.max_length;
  }
  for (const IdentityPool& pool : graph.pools) {
    if (!pool.id.IsString() || pool.id.parts.size() != 1 || !pool.id.parts[0].symbol) continue;
    ConstantShape& shape = shapes[RenderForMatching(pool.id.parts)];
    shape.kind = ConstantShape::Kind::kPoolId;
    shape.region = PoolRegion(pool);
    shape.scan_pool = !pool.external;
    if (!pool.external) shape.reason = "the ID of pool " + pool.address + " is generated at deploy time";
  }
  return shapes;
}

}  // namespace

AnalysisContext::AnalysisContext(const Graph& graph, SharedTrustAnswers* shared) :
    graph_(graph),
    solver_(std::make_unique<TrustSolver>()),
    permission_solver_(std::make_unique<PermissionSolver>()),
    shapes_(ConstantShapes(graph)) {
  solver_->SetShapes(shapes_);
  solver_->ShareAnswers(shared);
}

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

const RolePermissions& AnalysisContext::Effective(int role, IdentityClass identities) {
  auto found = effective_.find({role, identities});
  if (found != effective_.end()) return found->second;
  // Points into Permissions(role) and BoundaryOf(role), which the context keeps for its whole life.
  RolePermissions permissions =
      EffectivePermissions(graph_.roles[role], Permissions(role), BoundaryOf(role), identities, *permission_solver_);
  return effective_.emplace(std::make_pair(role, identities), std::move(permissions)).first->second;
}

IdentityClass AnalysisContext::IdentitiesOf(int role) {
  const std::vector<RoleUse>& uses = UsesOf(role);
  if (uses.empty()) return IdentityClass::kAny;
  const bool all_guest = std::all_of(uses.begin(), uses.end(), [](const RoleUse& u) { return u.as == RoleUse::As::kUnauthenticated; });
  const bool none_guest = std::none_of(uses.begin(), uses.end(), [](const RoleUse& u) { return u.as == RoleUse::As::kUnauthenticated; });
  return all_guest ? IdentityClass::kGuest : none_guest ? IdentityClass::kSignedIn : IdentityClass::kAny;
}

const Boundary& AnalysisContext::BoundaryOf(int role) {
  auto found = boundaries_.find(role);
  if (found != boundaries_.end()) return found->second;
  const Role& r = graph_.roles.at(role);
  Boundary boundary;
  const Value& value = r.permissions_boundary;
  if (!value.IsNull()) {
    boundary.set = true;
    boundary.name = value.IsString() ? RenderForDisplay(value.parts) : "";
    std::string why;
    boundary.unknown_reason = value.IsString() || !value.DependsOnUnknown(&why)
                                  ? "the permissions boundary " + (boundary.name.empty() ? "" : boundary.name + " ") +
                                        "of " + r.address + " is not a policy trustlint can read"
                                  : why;
    if (value.IsString()) {
      const std::string rendered = RenderForMatching(value.parts);
      if (const std::optional<std::string> name = AwsManagedPolicyName(rendered)) {
        if (const PolicyDocument* doc = AwsManagedPolicy(*name)) boundary.documents.push_back(doc);
      } else if (r.boundary_policy_id >= 0) {
        boundary.documents.push_back(&PolicyDoc(r.boundary_policy_id));  // linked by the graph's link pass
      }
      if (!boundary.documents.empty()) boundary.unknown_reason.clear();
    }
  }
  return boundaries_.emplace(role, std::move(boundary)).first->second;
}

const PolicyDocument& AnalysisContext::PolicyDoc(int policy) {
  auto it = policy_docs_.find(policy);
  if (it == policy_docs_.end()) {
    const Policy& p = graph_.policies.at(policy);
    it = policy_docs_.emplace(policy, ParsePolicyDocument(p.document, p.address)).first;
  }
  return it->second;
}

void AnalysisContext::ForEachDocument(const std::function<void(const OwnedDocument&)>& visit) {
  const auto owned = [&](const PolicyDocument& doc, const std::string& address, bool trust) {
    visit(OwnedDocument{doc, doc.owner.empty() ? address : doc.owner, trust});
  };
  for (size_t i = 0; i < graph_.roles.size(); ++i) {
    const int role = static_cast<int>(i);
    owned(Trust(role), graph_.roles[i].address, true);
    for (const PolicyDocument& doc : Permissions(role)) owned(doc, graph_.roles[i].address, false);
  }
  for (size_t i = 0; i < graph_.policies.size(); ++i) {
    owned(PolicyDoc(static_cast<int>(i)), graph_.policies[i].address, false);
  }
}

const std::vector<RoleUse>& AnalysisContext::UsesOf(int role) {
  // Every role's uses in one pass over the attachments, the first time any is asked:
  // a pass per role would cost roles x attachments on a large repository.
  if (!uses_ready_) {
    for (size_t i = 0; i < graph_.attachments.size(); ++i) {
      const RoleAttachment& a = graph_.attachments[i];
      const int index = static_cast<int>(i);
      if (a.authenticated_role >= 0) {
        uses_[a.authenticated_role].push_back({RoleUse::As::kAuthenticated, a.pool_id, index, a.authenticated.loc});
      }
      if (a.unauthenticated_role >= 0) {
        uses_[a.unauthenticated_role].push_back(
            {RoleUse::As::kUnauthenticated, a.pool_id, index, a.unauthenticated.loc});
      }
      for (const RoleMapping& m : a.mappings) {
        for (size_t j = 0; j < m.role_ids.size(); ++j) {
          if (m.role_ids[j] < 0) continue;
          const Location& loc = j < m.roles.size() && m.roles[j].loc.Known() ? m.roles[j].loc : m.loc;
          uses_[m.role_ids[j]].push_back({RoleUse::As::kMapped, a.pool_id, index, loc});
        }
      }
    }
    uses_ready_ = true;
  }
  return uses_[role];  // a role no attachment names: an empty list
}

std::vector<const IdentityPool*> AnalysisContext::GuestPools(int role) {
  std::vector<const IdentityPool*> pools;
  for (const RoleUse& use : UsesOf(role)) {
    if (use.as != RoleUse::As::kUnauthenticated) continue;
    const IdentityPool* pool = use.pool >= 0 ? &graph_.pools[use.pool] : nullptr;
    if (std::find(pools.begin(), pools.end(), pool) == pools.end()) pools.push_back(pool);
  }
  return pools;
}

bool AnalysisContext::IsIdentityPoolRole(int role) {
  auto it = identity_pool_role_.find(role);
  if (it != identity_pool_role_.end()) return it->second;
  bool result = !UsesOf(role).empty();
  if (!result) {
    TokenQuery any;  // amr kAny, aud free
    any.some_reading = true;
    const TrustAnswer answer = solver().CanAssume(Trust(role), any);
    result = answer.admitted || answer.depends_on_unknown;
  }
  identity_pool_role_.emplace(role, result);
  return result;
}

namespace {

TokenQuery PoolTokenQuery(std::string aud, bool guest) {
  TokenQuery query;
  query.amr = guest ? TokenQuery::Amr::kGuest : TokenQuery::Amr::kSignedIn;
  query.aud = std::move(aud);
  return query;
}

}  // namespace

const TrustAnswer& AnalysisContext::PoolTokenAnswer(int role, int pool, bool guest) {
  const std::tuple<int, int, bool> key{role, pool, guest};
  auto it = token_answers_.find(key);
  if (it != token_answers_.end()) return it->second;
  const TokenQuery query = PoolTokenQuery(PoolAud(pool), guest);
  return token_answers_.emplace(key, solver().CanAssume(Trust(role), query)).first->second;
}

void AnalysisContext::AnswerPoolQuestions(unsigned jobs) {
  if (jobs <= 1) return;
  struct Question {
    int role;
    int pool;
    bool guest;
    TrustAnswer answer;
  };
  // Gathered, and every trust parsed, on this thread: the context's maps are not shared.
  std::vector<Question> questions;
  std::set<std::tuple<int, int, bool>> asked;
  for (size_t i = 0; i < graph_.roles.size(); ++i) {
    const int role = static_cast<int>(i);
    for (const RoleUse& use : UsesOf(role)) {
      const bool guest = use.as == RoleUse::As::kUnauthenticated;
      if (use.pool < 0 || token_answers_.count({role, use.pool, guest}) || !asked.insert({role, use.pool, guest}).second) {
        continue;
      }
      Trust(role);
      questions.push_back({role, use.pool, guest, {}});
    }
  }
  // A few runs of consecutive questions per thread, each run with a solver of its own
  // (a TrustSolver is not thread-safe); the answers land in their questions' slots.
  const size_t runs = std::min<size_t>(questions.size(), size_t{jobs} * 4);
  RunInOrder(
      runs, jobs,
      [&](size_t run) {
        TrustSolver solver;
        solver.SetShapes(shapes_);
        for (size_t q = run * questions.size() / runs; q < (run + 1) * questions.size() / runs; ++q) {
          Question& question = questions[q];
          const PolicyDocument& trust = trust_.at(question.role);  // parsed above; only read here
          question.answer = solver.CanAssume(trust, PoolTokenQuery(PoolAud(question.pool), question.guest));
        }
      },
      [](size_t) {});
  for (Question& q : questions) token_answers_.emplace(std::make_tuple(q.role, q.pool, q.guest), std::move(q.answer));
}

std::string AnalysisContext::ConditionalReason(int attachment) const {
  return attachment < 0 ? "" : ConditionalReason(graph_.attachments.at(attachment));
}

std::string AnalysisContext::ConditionalReason(const RoleAttachment& a) {
  return a.conditional ? "attachment " + a.address + " exists only in one branch of an undecided condition" : "";
}

std::string AnalysisContext::PoolAud(int pool) const {
  const IdentityPool& p = graph_.pools.at(pool);
  if (p.id.IsString()) return RenderForMatching(p.id.parts);
  // No usable ID value: the pool's own symbol still names exactly this pool.
  return RenderForMatching({StringPart{"", Symbol{Symbol::Kind::kPoolId, p.key}}});
}

}  // namespace trustlint
