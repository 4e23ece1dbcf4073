// TL202 unauth-broad-permissions: the unauthenticated role allows `*`, a whole service,
// a Permissions-management action, or a Write action on `Resource: "*"`.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/permissions.h"
#include "rules/pool_settings.h"

namespace trustlint {
namespace {

// A NotAction Allow covers some whole service that survives.
bool NotActionCoversAService(const Statement& s, const std::set<const ActionInfo*>& usable) {
  std::vector<std::string> patterns;
  for (const PolicyString& a : s.actions) patterns.push_back(a.text);
  const ActionCatalogue& catalogue = ActionCatalogue::Get();
  const std::vector<const ActionInfo*> covered = catalogue.ExpandNot(patterns);
  const std::set<const ActionInfo*> covered_set(covered.begin(), covered.end());
  std::set<std::string_view> services;
  for (const ActionInfo* a : covered) services.insert(a->service);
  for (std::string_view service : services) {
    const std::vector<const ActionInfo*> all = catalogue.Expand(std::string(service) + ":*");
    const bool whole = std::all_of(all.begin(), all.end(), [&](const ActionInfo* a) { return covered_set.count(a) > 0; });
    if (whole && GrantsEveryLiveAction(all, usable)) return true;
  }
  return false;
}

// `*`, `svc:*`, or an Allow with NotAction: whole services at once, counted only when
// what the pattern grants survives the role's Deny statements and boundary.
std::vector<std::string> BroadPatterns(const Statement& s, const std::set<const ActionInfo*>& usable) {
  std::vector<std::string> out;
  if (s.not_action) {
    if (NotActionCoversAService(s, usable)) out.push_back("\"NotAction (everything except the listed actions)\"");
    return out;
  }
  for (const PolicyString& a : s.actions) {
    const std::string& t = a.text;
    if (t == "*" || (t.size() > 2 && t.compare(t.size() - 2, 2, ":*") == 0)) {
      if (GrantsEveryLiveAction(ActionCatalogue::Get().Expand(t), usable)) out.push_back("\"" + a.display + "\"");
    }
  }
  return out;
}

// The grant of a statement that a Deny reduces, if any (for naming both in messages).
const Grant* ReducedGrantOf(const RolePermissions& perms, const Statement& s) {
  for (const Grant& g : perms.grants) {
    if (g.statement == &s && g.reduced_by) return &g;
  }
  return nullptr;
}

// "2 Write actions on Resource "*": s3 (2): DeleteObject, PutObject"
std::string Counted(const std::vector<std::string>& names, const std::string& what, const std::string& where) {
  return std::to_string(names.size()) + " " + what + (names.size() == 1 ? "" : "s") + where + ": " +
         GroupByService(names);
}

bool IsWriteOnAnyResource(const Grant& g) {
  return g.action->access == AccessLevel::kWrite && !g.action->resource_types.empty() &&
         (g.resource == "*" || g.not_resource);
}

class UnauthBroadPermissions final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL202",
        .name = "unauth-broad-permissions",
        .severity = Severity::kError,
        .summary = "the unauthenticated role allows `*` or a whole service (`svc:*`), or any Permissions-management "
                   "action, or a Write action on `Resource: \"*\"` for an action that supports resource-level "
                   "permissions",
        .explanation =
            "The unauthenticated role is what anyone on the internet gets: a guest identity needs no "
            "account, only the identity pool ID, which ships inside the app. Whole-service grants "
            "(`s3:*`, `*`) include deleting and reconfiguring resources; Permissions-management actions "
            "(`iam:*`, `s3:PutBucketPolicy`, `kms:CreateGrant`, ...) let a guest change who can do what; "
            "and a Write action on `Resource: \"*\"` where the action could have been limited to named "
            "resources lets a guest write to every such resource in the account.\n\n"
            "The rule judges what survives: Deny statements (with NotAction, NotResource and conditions "
            "read for a guest's token) and a permissions boundary take grants away, so `Allow *` with a "
            "`Deny` + `NotAction` guardrail is not \"whole services\". `cognito-identity:*` and "
            "`cognito-sync:*` do nothing for identities and never count.\n\n"
            "The scope-down of the enhanced flow does not save you: `s3:*`, `dynamodb:*`, `lambda:*` and "
            "others pass it, and in the basic flow nothing is scoped down."
            "\n\nWhen every pool that uses the role as its unauthenticated role does not allow unauthenticated "
            "identities, the finding is latent: one severity level lower, and the message says guests "
            "are off (one console toggle turns them on).",
        .fix =
            "Grant guests named actions on named resources (`s3:GetObject` on "
            "`arn:aws:s3:::public-assets/*`), never Permissions-management actions. Move anything else "
            "behind sign-in.",
        .seed =
            "Remember that unauthenticated identities are assumed by users who do not log in to your app. "
            "Typically, the permissions that you assign for unauthenticated identities should be more "
            "restrictive than those for authenticated identities.\n\n"
            "As a best practice, define policies that follow the principle of granting least privilege.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      for (const RoleUse& use : ctx.UsesOf(role)) {
        if (use.as != RoleUse::As::kUnauthenticated) continue;
        CheckRole(ctx, role, use, out);
        break;  // one finding per role: the permissions are the role's
      }
    }
  }

 private:
  void CheckRole(AnalysisContext& ctx, int role_index, const RoleUse& use, std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    const Role& role = graph.roles[role_index];
    const RolePermissions& perms = ctx.Effective(role_index, IdentityClass::kGuest);
    const std::set<const ActionInfo*> usable = SurvivingActions(perms);

    std::vector<std::string> parts;
    Location first_loc;
    std::string first_path;
    auto note = [&](const Location& loc, const std::string& path) {
      if (!first_loc.Known() || loc < first_loc) {
        first_loc = loc;
        first_path = path;
      }
    };
    // Whole services, as written, in document order.
    std::vector<std::string> broad;
    for (const PolicyDocument* doc : perms.documents) {
      for (const Statement& s : doc->statements) {
        if (!s.allow) continue;
        std::vector<std::string> found = BroadPatterns(s, usable);
        if (found.empty()) continue;
        if (const Grant* reduced = ReducedGrantOf(perms, s)) found.back() += GrantOrigin(*reduced);
        broad.insert(broad.end(), found.begin(), found.end());
        Grant probe;
        probe.statement = &s;
        probe.document = doc;
        note(GrantLocation(perms, probe), GrantPath(perms, probe));
      }
    }
    if (!broad.empty()) {
      std::string text;
      for (const std::string& b : broad) text += (text.empty() ? "" : ", ") + b;
      parts.push_back("whole services " + text);
    }
    std::vector<const Grant*> admin;
    std::vector<const Grant*> writes;
    for (const Grant& g : perms.grants) {
      if (g.action->access == AccessLevel::kPermissionsManagement) {
        admin.push_back(&g);
        note(GrantLocation(perms, g), GrantPath(perms, g));
      } else if (IsWriteOnAnyResource(g)) {
        writes.push_back(&g);
        note(GrantLocation(perms, g), GrantPath(perms, g));
      }
    }
    if (!admin.empty()) parts.push_back(Counted(ActionNames(admin), "Permissions-management action", ""));
    if (!writes.empty()) parts.push_back(Counted(ActionNames(writes), "Write action", " on Resource \"*\""));
    if (parts.empty()) return;

    Finding f = NewFinding();
    f.resource = role.address;
    f.loc = first_loc.Known() ? first_loc : role.loc;
    f.logical_path = first_path.empty() ? role.path : first_path;
    f.message = "unauthenticated role " + role.address + " gives guests broad permissions: ";
    for (size_t i = 0; i < parts.size(); ++i) f.message += (i ? "; " : "") + parts[i];
    if (!admin.empty()) f.AddWitness("action", admin.front()->action->FullName());
    else if (!writes.empty()) f.AddWitness("action", writes.front()->action->FullName());
    if (perms.depends_on_unknown) {
      f.proven = false;
      f.possible_because = perms.unknown_reason;
    }
    if (use.loc.Known()) f.AddRelated(use.loc, "attached as unauthenticated role by " + graph.attachments[use.attachment].address);
    MarkLatentWhenGuestsOff(ctx.GuestPools(role_index), f);
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL202() { return std::make_unique<UnauthBroadPermissions>(); }

}  // namespace trustlint
