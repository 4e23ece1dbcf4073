// TL204 unauth-broader-than-auth: the pool's unauthenticated role allows an action and
// resource that its authenticated role does not; witness: that action and resource.
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/permissions.h"
#include "rules/pool_settings.h"

namespace trustlint {
namespace {

// One identity ID for both requests: a guest that signs in keeps its identity ID, so
// resources scoped by `${cognito-identity.amazonaws.com:sub}` compare like for like.
constexpr char kWitnessIdentity[] = "us-east-1:00000000-0000-0000-0000-00000000000a";

class UnauthBroaderThanAuth final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL204",
        .name = "unauth-broader-than-auth",
        .severity = Severity::kWarning,
        .summary = "the pool's unauthenticated role allows an action/resource that its authenticated role does "
                   "not; witness: that action and resource",
        .explanation =
            "Guests are anonymous; signed-in users have proven who they are. A guest permission that "
            "signed-in users lack is almost always a mistake: policies attached to the wrong role, a "
            "guest policy copied from an admin example, or a signed-in role that was tightened while the "
            "guest role was forgotten. trustlint compares the two roles' effective permissions (inline, "
            "attached customer managed and shipped AWS managed policies, minus what Deny statements take "
            "away, bounded by permissions boundaries) for one identity, as a guest and signed in, with a "
            "Z3 engine over every action and resource (globs, NotAction, NotResource, policy variables). "
            "It reports how many actions the guest role allows beyond the signed-in role and one action "
            "and resource as witness, replayed by the concrete policy evaluator; no finding is a proof "
            "that the guest role is contained, and a question the engine cannot settle gives a possible "
            "finding. `cognito-identity:*` and `cognito-sync:*` do nothing for identities and are not "
            "compared."
            "\n\nWhen every pool that uses the role as its unauthenticated role does not allow unauthenticated "
            "identities, the finding is latent: one severity level lower, and the message says guests "
            "are off (one console toggle turns them on).",
        .fix =
            "Remove the permission from the unauthenticated role, or, if signed-in users need it too, "
            "grant it to the authenticated role as well.",
        .seed =
            "Remember that unauthenticated identities are assumed by users who do not log in to your app. "
            "Typically, the permissions that you assign for unauthenticated identities should be more "
            "restrictive than those for authenticated identities.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.attachments.size(); ++i) {
      const RoleAttachment& a = graph.attachments[i];
      if (a.unauthenticated_role < 0 || a.authenticated_role < 0) continue;
      if (a.unauthenticated_role == a.authenticated_role) continue;  // TL105
      CheckPair(ctx, a, out);
    }
  }

 private:
  void CheckPair(AnalysisContext& ctx, const RoleAttachment& a, std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    const Role& guest_role = graph.roles[a.unauthenticated_role];
    const Role& auth_role = graph.roles[a.authenticated_role];
    const RolePermissions& guest = ctx.Effective(a.unauthenticated_role, IdentityClass::kGuest);
    const RolePermissions& auth = ctx.Effective(a.authenticated_role, IdentityClass::kSignedIn);
    const std::string aud = a.pool_id >= 0 ? ctx.PoolAud(a.pool_id) : "us-east-1:00000000-0000-0000-0000-000000000000";
    const ContainmentAnswer answer =
        FindExcess(ctx.permission_solver(), guest, IdentityRequest(kWitnessIdentity, aud, true), auth,
                   IdentityRequest(kWitnessIdentity, aud, false));
    if (!answer.witness && answer.unsettled.empty()) return;  // proven: the guest role is contained
    const std::string pool = a.pool_id >= 0 ? "pool " + graph.pools[a.pool_id].address : "the pool of " + a.address;

    Finding f = NewFinding();
    f.resource = guest_role.address;
    const Grant* grant = answer.witness ? answer.witness->grant : nullptr;
    const Location at = grant ? GrantLocation(guest, *grant) : Location{};
    f.loc = at.Known() ? at : guest_role.loc;
    f.logical_path = !grant || GrantPath(guest, *grant).empty() ? guest_role.path : GrantPath(guest, *grant);
    if (answer.witness) {
      const ContainmentWitness& w = *answer.witness;
      f.message = "unauthenticated role " + guest_role.address + " of " + pool + " allows " +
                  std::to_string(answer.excess_actions) + " action" + (answer.excess_actions == 1 ? "" : "s") +
                  " that authenticated role " + auth_role.address + " does not, e.g. " + w.action + " on \"" +
                  DisplayRendered(w.resource) + "\"";
      if (grant && grant->reduced_by) f.message += GrantOrigin(*grant);
      f.AddWitness("action", w.action);
      f.AddWitness("resource", DisplayRendered(w.resource));
      f.MarkPossible(answer.unknown_reason);
    } else {
      const std::string action = answer.unsettled.front()->FullName();
      f.message = "unauthenticated role " + guest_role.address + " of " + pool + " may allow " + action +
                  " where authenticated role " + auth_role.address + " does not (not settled: " +
                  answer.unsettled_reason + ")";
      f.AddWitness("action", action);
      f.proven = false;
      f.possible_because = answer.unsettled_reason;
    }
    if (f.proven && (guest.depends_on_unknown || auth.depends_on_unknown)) {
      f.proven = false;
      f.possible_because = guest.depends_on_unknown ? guest.unknown_reason : auth.unknown_reason;
    } else if (f.proven && !auth.unknown_managed.empty()) {
      f.proven = false;
      f.possible_because = "managed policy " + auth.unknown_managed.front() + " of " + auth_role.address +
                           " is not shipped with trustlint";
    }
    f.AddRelated(auth_role.loc, "authenticated role " + auth_role.address);
    if (a.unauthenticated.loc.Known()) f.AddRelated(a.unauthenticated.loc, "attached as unauthenticated role by " + a.address);
    f.MarkPossible(AnalysisContext::ConditionalReason(a));
    MarkLatentWhenGuestsOff({a.pool_id >= 0 ? &graph.pools[a.pool_id] : nullptr}, f);
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL204() { return std::make_unique<UnauthBroaderThanAuth>(); }

}  // namespace trustlint
