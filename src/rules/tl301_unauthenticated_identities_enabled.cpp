// TL301 unauthenticated-identities-enabled: a pool allows unauthenticated (guest) identities.
#include <optional>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "rules/pool_settings.h"

namespace trustlint {
namespace {

class UnauthenticatedIdentitiesEnabled final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL301",
        .name = "unauthenticated-identities-enabled",
        .severity = Severity::kNote,
        .summary = "a pool allows unauthenticated identities",
        .explanation =
            "With `AllowUnauthenticatedIdentities: true` (Terraform: `allow_unauthenticated_identities = "
            "true`) anyone who can call the pool's public, unsigned API gets a guest identity and AWS "
            "credentials for the pool's unauthenticated role, without signing in. That is sometimes the "
            "point (anonymous uploads, analytics, maps), but it makes the unauthenticated role's "
            "permissions public, and every role whose trust policy admits guest tokens reachable by "
            "strangers.\n\n"
            "This note makes the decision visible in review. The rules that judge what guests can do "
            "(TL201, TL202, TL204, TL206) matter most when it is on, and TL104 (an authenticated role "
            "that admits guest tokens) is an error rather than a warning.",
        .fix =
            "If the app does not need guest access, set `AllowUnauthenticatedIdentities: false` (or "
            "remove it: the default is false). If it does, keep the unauthenticated role to the least "
            "it needs and suppress this note with a reason:\n\n"
            "```yaml\n"
            "Metadata:\n"
            "  trustlint:\n"
            "    ignore:\n"
            "      - rule: TL301\n"
            "        reason: anonymous map tiles for the public site\n"
            "```",
        .seed =
            "Remember that unauthenticated identities are assumed by users who do not log in to your "
            "app. Typically, the permissions that you assign for unauthenticated identities should be "
            "more restrictive than those for authenticated identities.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.pools.size(); ++i) {
      const IdentityPool& pool = graph.pools[i];
      if (pool.external) continue;  // its settings are not in the scan: nothing to report on them
      const Setting setting = ReadSetting(pool.allow_unauthenticated);
      if (setting.state == Setting::State::kOff) continue;
      out.push_back(MakeFinding(graph, static_cast<int>(i), setting));
    }
  }

 private:
  Finding MakeFinding(const Graph& graph, int pool_index, const Setting& setting) const {
    const IdentityPool& pool = graph.pools[pool_index];
    const std::string property =
        IsCloudFormation(pool) ? "AllowUnauthenticatedIdentities" : "allow_unauthenticated_identities";
    Finding f = NewFinding();
    f.resource = pool.address;
    f.loc = pool.allow_unauthenticated.loc.Known() ? pool.allow_unauthenticated.loc : pool.loc;
    f.logical_path = pool.allow_unauthenticated.path.empty() ? pool.path : pool.allow_unauthenticated.path;
    const std::string consequence =
        "anyone who can reach the app can get guest credentials for its unauthenticated role" +
        GuestRoles(graph, pool_index, f);
    if (setting.state == Setting::State::kOn) {
      f.message = "identity pool " + pool.address + " allows unauthenticated identities (" + property +
                  " is true): " + consequence;
    } else {
      f.proven = false;
      f.possible_because = setting.why;
      f.message = "identity pool " + pool.address + " may allow unauthenticated identities (" + property +
                  " is not known: " + setting.why + "); if it does, " + consequence;
    }
    return f;
  }

  // " (RoleA, RoleB)" naming the roles guests would get, and the lines that attach them.
  static std::string GuestRoles(const Graph& graph, int pool_index, Finding& f) {
    std::string names;
    for (const RoleAttachment& a : graph.attachments) {
      if (a.pool_id != pool_index || a.unauthenticated.IsNull()) continue;
      std::string why;
      const std::string role = a.unauthenticated_role >= 0       ? graph.roles[a.unauthenticated_role].address
                               : a.unauthenticated.DependsOnUnknown(&why) ? "an unresolved role (" + why + ")"
                               : a.unauthenticated.IsString()     ? RenderForDisplay(a.unauthenticated.parts)
                                                                  : std::string("an unresolved role");
      if (!names.empty()) names += ", ";
      names += role;
      f.AddRelated(a.unauthenticated.loc.Known() ? a.unauthenticated.loc : a.loc,
                   "guests get role " + role + " (unauthenticated role of " + a.address + ")");
    }
    return names.empty() ? std::string() : " (" + names + ")";
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL301() { return std::make_unique<UnauthenticatedIdentitiesEnabled>(); }

}  // namespace trustlint
