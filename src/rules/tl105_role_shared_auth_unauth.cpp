// TL105 role-shared-auth-unauth: one role is both the authenticated (or mapped) and the
// unauthenticated role of a pool.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "check/context.h"
#include "check/rule.h"

namespace trustlint {
namespace {

std::string_view UseName(RoleUse::As as) {
  switch (as) {
    case RoleUse::As::kAuthenticated: return "authenticated role";
    case RoleUse::As::kUnauthenticated: return "unauthenticated role";
    case RoleUse::As::kMapped: return "role chosen by a role-mapping rule";
  }
  return "role";
}

class RoleSharedAuthUnauth final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL105",
        .name = "role-shared-auth-unauth",
        .severity = Severity::kWarning,
        .summary = "one role is both the authenticated and the unauthenticated role (or mapped to both)",
        .explanation =
            "An identity pool gives guests (identities that did not sign in) its unauthenticated "
            "role and signed-in users its authenticated role, or the role a role-mapping rule "
            "chooses. When one role serves both, guests get every permission meant for signed-in "
            "users, and the role's trust policy cannot separate them by `amr` without locking one "
            "group out. Anything a signed-in user may read or write, an anonymous visitor may too.",
        .fix =
            "Create a separate unauthenticated role with only what guests need, and test "
            "`cognito-identity.amazonaws.com:amr` in each role's trust policy "
            "(`ForAnyValue:StringLike` `authenticated` for the signed-in role, `unauthenticated` for "
            "the guest role). If guests are not needed at all, remove the unauthenticated role and "
            "set `AllowUnauthenticatedIdentities: false`.",
        .seed =
            "You can specify default IAM roles for authenticated and unauthenticated users. In "
            "addition, you can define rules to choose the role for each user based on claims in the "
            "user's ID token.\n\n"
            "Remember that unauthenticated identities are assumed by users who do not log in to your "
            "app. Typically, the permissions that you assign for unauthenticated identities should be "
            "more restrictive than those for authenticated identities.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) CheckRole(ctx, static_cast<int>(i), out);
    for (const RoleAttachment& a : graph.attachments) CheckUnresolved(graph, a, out);
  }

 private:
  // A role of the scan: group its uses by pool (by attachment when the pool is not in
  // the scan) and report each pool that gives it to guests and to signed-in users.
  void CheckRole(AnalysisContext& ctx, int role_index, std::vector<Finding>& out) const {
    std::map<std::pair<int, int>, std::vector<RoleUse>> by_pool;
    for (const RoleUse& use : ctx.UsesOf(role_index)) {
      by_pool[use.pool >= 0 ? std::pair{use.pool, -1} : std::pair{-1, use.attachment}].push_back(use);
    }
    for (const auto& [key, uses] : by_pool) {
      const RoleUse* guest = nullptr;
      const RoleUse* signed_in = nullptr;
      for (const RoleUse& use : uses) {
        if (use.as == RoleUse::As::kUnauthenticated) {
          if (!guest) guest = &use;
        } else if (!signed_in || (signed_in->as == RoleUse::As::kMapped && use.as == RoleUse::As::kAuthenticated)) {
          signed_in = &use;  // prefer the default authenticated role over a mapping rule
        }
      }
      if (guest && signed_in) out.push_back(RoleFinding(ctx.graph(), role_index, *signed_in, *guest));
    }
  }

  Finding RoleFinding(const Graph& graph, int role_index, const RoleUse& signed_in, const RoleUse& guest) const {
    const Role& role = graph.roles[role_index];
    const RoleAttachment& guest_attachment = graph.attachments[guest.attachment];
    const RoleAttachment& signed_in_attachment = graph.attachments[signed_in.attachment];
    const std::string pool = guest.pool >= 0 ? "pool " + graph.pools[guest.pool].address
                                             : "the pool of " + guest_attachment.address;
    Finding f = NewFinding();
    f.resource = role.address;
    f.loc = role.loc;
    f.logical_path = role.path;
    const std::string what = signed_in.as == RoleUse::As::kMapped
                                 ? "is the unauthenticated role of " + pool +
                                       " and also chosen by a role-mapping rule for signed-in users"
                                 : "is both the authenticated and the unauthenticated role of " + pool;
    f.message = "role " + role.address + " " + what +
                ": guests (amr [\"unauthenticated\"]) get every permission meant for signed-in users";
    f.AddRelated(signed_in.loc.Known() ? signed_in.loc : signed_in_attachment.loc,
                 "attached as " + std::string(UseName(signed_in.as)) + " by " + signed_in_attachment.address);
    f.AddRelated(guest.loc.Known() ? guest.loc : guest_attachment.loc,
                 "attached as unauthenticated role by " + guest_attachment.address);
    // An undecided attachment (Link() followed one reading): the sharing may hold in one
    // deployment and not in another.
    f.MarkPossible(AnalysisContext::ConditionalReason(guest_attachment));
    f.MarkPossible(AnalysisContext::ConditionalReason(signed_in_attachment));
    return f;
  }

  // A role outside the scan, named by the same ARN for guests and for signed-in users.
  void CheckUnresolved(const Graph& graph, const RoleAttachment& a, std::vector<Finding>& out) const {
    if (a.unauthenticated_role >= 0 || !a.unauthenticated.IsString()) return;
    const std::string guest_arn = RenderForMatching(a.unauthenticated.parts);
    auto same = [&](const Value& v, int role_id) {
      return role_id < 0 && v.IsString() && RenderForMatching(v.parts) == guest_arn;
    };
    const Value* signed_in = nullptr;
    RoleUse::As as = RoleUse::As::kAuthenticated;
    if (same(a.authenticated, a.authenticated_role)) {
      signed_in = &a.authenticated;
    } else {
      for (const RoleMapping& m : a.mappings) {
        for (size_t j = 0; j < m.roles.size() && !signed_in; ++j) {
          if (same(m.roles[j], j < m.role_ids.size() ? m.role_ids[j] : -1)) {
            signed_in = &m.roles[j];
            as = RoleUse::As::kMapped;
          }
        }
      }
    }
    if (!signed_in) return;
    const std::string pool = a.pool_id >= 0 ? "pool " + graph.pools[a.pool_id].address : "its pool";
    const std::string arn = RenderForDisplay(a.unauthenticated.parts);
    Finding f = NewFinding();
    f.resource = a.address;
    f.loc = a.unauthenticated.loc.Known() ? a.unauthenticated.loc : a.loc;
    f.logical_path = a.unauthenticated.path.empty() ? a.path : a.unauthenticated.path;
    f.message = "attachment " + a.address + " gives " + pool + " role \"" + arn + "\" as its " +
                (as == RoleUse::As::kMapped ? "unauthenticated role and in a role-mapping rule"
                                            : "authenticated and its unauthenticated role") +
                ": guests (amr [\"unauthenticated\"]) get every permission meant for signed-in users";
    f.AddRelated(signed_in->loc.Known() ? signed_in->loc : a.loc,
                 "attached as " + std::string(UseName(as)) + " by " + a.address);
    f.AddRelated(f.loc, "attached as unauthenticated role by " + a.address);
    f.MarkPossible(AnalysisContext::ConditionalReason(a));
    // Two unresolved values render alike when their reasons read alike; that is no proof.
    std::string why;
    if (f.proven && a.unauthenticated.DependsOnUnknown(&why)) {
      f.proven = false;
      f.possible_because = why;
    }
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL105() { return std::make_unique<RoleSharedAuthUnauth>(); }

}  // namespace trustlint
