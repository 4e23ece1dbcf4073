// TL201 unauth-beyond-scope-down: the unauthenticated role allows actions outside the
// enhanced-flow scope-down session policies (SPEC 6).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/permissions.h"
#include "rules/pool_settings.h"

namespace trustlint {
namespace {

std::string RegionText(const IdentityPool* pool, RegionClass region) {
  if (!pool) return "the pool's region is unknown";
  const std::optional<std::string> literal = pool->region.Literal();
  switch (region) {
    case RegionClass::kDefault: return "region " + literal.value_or("") + " (enabled by default)";
    case RegionClass::kOptIn: return "opt-in region " + literal.value_or("");
    case RegionClass::kUnknown: break;
  }
  return "region unknown, read as a default region";
}

class UnauthBeyondScopeDown final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL201",
        .name = "unauth-beyond-scope-down",
        .severity = Severity::kWarning,
        .summary = "the unauthenticated role allows actions outside the enhanced-flow scope-down (dead in "
                   "enhanced flow, granted to guests in basic flow); lists the excess actions. Error when the "
                   "pool's classic flow is on",
        .explanation =
            "In the enhanced flow (`GetCredentialsForIdentity`) Cognito adds two session policies to every "
            "guest session: an inline policy that lists the services guests may use (shorter in opt-in "
            "regions) and the managed policy `AmazonCognitoUnAuthedIdentitiesSessionPolicy`. A guest can "
            "use an action only when the role allows it *and* a session policy allows it.\n\n"
            "Permissions of the unauthenticated role outside that list are dead in the enhanced flow: "
            "they only make the role look more useful than it is. In the basic (classic) flow no "
            "scope-down is applied, so with `AllowClassicFlow` on, guests get them all. The finding lists "
            "the excess actions grouped by service, is an error when the pool's classic flow is on, and "
            "is `possible` when only the pool's unknown region (default or opt-in list) decides it. The "
            "lists live in `data/scope_down.json`. Amazon Location Service (`geo:*`) and Amazon Managed "
            "Service for Apache Flink (`kinesisanalytics:*`) are in the guide's table of services guests can "
            "use but not in its inline session policy JSON: findings on them alone are `possible`, and say "
            "why. Cognito identity-pool and Cognito Sync actions are never listed: Amazon Cognito stops "
            "identities from calling them whatever the role allows."
            "\n\nWhen every pool that uses the role as its unauthenticated role does not allow unauthenticated "
            "identities, the finding is latent: one severity level lower, and the message says guests "
            "are off (one console toggle turns them on).",
        .fix =
            "Remove the excess actions from the unauthenticated role; give guests only what the "
            "scope-down allows. If guests really need another service, move it behind sign-in "
            "(authenticated role) rather than turning on the basic flow.",
        .seed =
            "When you use the enhanced flow, the scope-down policies that Amazon Cognito applies to your "
            "user's session prevent them from using any services other than those listed in the "
            "following table.\n\n"
            "In the basic (classic) flow, you make your own AssumeRoleWithWebIdentity API request, and can "
            "apply these restrictions to the request. As a best security practice, don't assign any "
            "permissions above this scope-down policy to unauthenticated users.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      std::set<int> pools_seen;
      for (const RoleUse& use : ctx.UsesOf(role)) {
        if (use.as != RoleUse::As::kUnauthenticated || !pools_seen.insert(use.pool).second) continue;
        CheckUse(ctx, role, use, out);
      }
    }
  }

 private:
  void CheckUse(AnalysisContext& ctx, int role_index, const RoleUse& use, std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    const Role& role = graph.roles[role_index];
    const IdentityPool* pool = use.pool >= 0 ? &graph.pools[use.pool] : nullptr;
    const RolePermissions& perms = ctx.Effective(role_index, IdentityClass::kGuest);
    const RegionClass region = pool ? ClassifyRegion(pool->region) : RegionClass::kUnknown;

    // Decided by the permission engine: the role against the scope-down as a policy.
    std::set<const ActionInfo*> unsettled;
    const std::set<const ActionInfo*> beyond = BeyondScopeDown(ctx.permission_solver(), perms, region, &unsettled);
    const std::set<const ActionInfo*> beyond_opt_in =
        region == RegionClass::kUnknown ? BeyondScopeDown(ctx.permission_solver(), perms, RegionClass::kOptIn, &unsettled)
                                        : std::set<const ActionInfo*>{};
    std::vector<const Grant*> excess;        // outside the list that applies (default when unknown)
    std::vector<const Grant*> opt_in_only;   // region unknown: excess only in an opt-in region
    std::vector<const Grant*> undecided;     // the seed's table and its policy JSON disagree
    for (const Grant& g : perms.grants) {
      if (beyond.count(g.action) || unsettled.count(g.action)) {
        (ScopeDownUndecided(g.action->FullName()) ? undecided : excess).push_back(&g);
      } else if (beyond_opt_in.count(g.action)) {
        opt_in_only.push_back(&g);
      }
    }
    if (excess.empty() && opt_in_only.empty() && undecided.empty()) return;

    const std::string pool_name = pool ? "pool " + pool->address : "the pool of " + graph.attachments[use.attachment].address;
    const Grant& first = !excess.empty() ? *excess.front() : !opt_in_only.empty() ? *opt_in_only.front() : *undecided.front();
    Finding f = NewFinding();
    f.resource = role.address;
    const Location at = GrantLocation(perms, first);
    f.loc = at.Known() ? at : role.loc;
    f.logical_path = GrantPath(perms, first).empty() ? role.path : GrantPath(perms, first);

    const std::string allows = "unauthenticated role " + role.address + " of " + pool_name + " allows ";
    const std::vector<std::string> names = ActionNames(excess);
    const std::vector<std::string> opt_in_names = ActionNames(opt_in_only);
    const std::vector<std::string> undecided_names = ActionNames(undecided);
    if (!names.empty()) {
      f.message = allows + Count(names.size(), "action") + " outside the guest scope-down (" + RegionText(pool, region) +
                  "): " + GroupByService(names);
      if (!opt_in_names.empty()) f.message += "; in an opt-in region also " + GroupByService(opt_in_names);
    } else if (!opt_in_names.empty()) {
      f.message = allows + Count(opt_in_names.size(), "action") +
                  " that the guest scope-down excludes in opt-in regions: " + GroupByService(opt_in_names);
      f.MarkPossible(pool ? "the region of pool " + pool->address + " is unknown" : "the pool is unknown");
    }
    if (!undecided_names.empty()) {
      const std::string& why = GuestScopeDown().service_table_only_why;
      if (f.message.empty()) {
        f.message = allows + Count(undecided_names.size(), "action") + " that the guest scope-down may exclude: " +
                    GroupByService(undecided_names) + " (" + why + ")";
        f.MarkPossible(why);
      } else {
        f.message += "; possibly also " + GroupByService(undecided_names) + " (" + why + ")";
      }
    }
    if (first.reduced_by) f.message += ";" + GrantOrigin(first).substr(1);
    f.message += "; " + Exposure(pool, f.severity);
    if (!perms.unknown_managed.empty()) f.message += " (managed policies not analysed: " + Join(perms.unknown_managed) + ")";
    f.AddWitness("action", first.action->FullName());
    f.AddWitness("resource", first.resource_display);
    if (f.proven && !unsettled.empty()) {
      f.proven = false;
      f.possible_because = "the permission engine could not settle " + std::to_string(unsettled.size()) + " action(s)";
    }
    if (f.proven && perms.depends_on_unknown) {
      f.proven = false;
      f.possible_because = perms.unknown_reason;
    }
    if (use.loc.Known()) f.AddRelated(use.loc, "attached as unauthenticated role by " + graph.attachments[use.attachment].address);
    if (pool) f.AddRelated(pool->loc, "identity pool " + pool->address);
    f.MarkPossible(ctx.ConditionalReason(use.attachment));
    MarkLatentWhenGuestsOff({pool}, f);
    out.push_back(std::move(f));
  }

  static std::string Count(size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  static std::string Exposure(const IdentityPool* pool, Severity& severity) {
    const std::optional<bool> classic = pool ? PoolFlag(pool->allow_classic_flow) : std::nullopt;
    const std::optional<bool> guests = pool ? PoolFlag(pool->allow_unauthenticated) : std::nullopt;
    if (classic && *classic) {
      severity = Severity::kError;
      if (guests && !*guests) return "basic flow is on, so guests would get them without a scope-down";
      return "basic flow is on, so guests get them (no scope-down in the basic flow)";
    }
    if (classic) return "dead in the enhanced flow; guests would get them if the basic flow were turned on";
    return "dead in the enhanced flow; granted to guests if the basic flow is on (AllowClassicFlow is unknown)";
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL201() { return std::make_unique<UnauthBeyondScopeDown>(); }

}  // namespace trustlint
