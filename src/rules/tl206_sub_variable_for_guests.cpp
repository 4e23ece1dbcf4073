// TL206 sub-variable-for-guests: the unauthenticated role scopes data with
// `${cognito-identity.amazonaws.com:sub}`, but guests have no lasting identity ID.
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/permissions.h"
#include "rules/pool_settings.h"

namespace trustlint {
namespace {

// The first resource or condition value of the statement that uses the variable.
const PolicyString* SubUse(const Statement& s) {
  if (!s.variables) return nullptr;  // Version 2008-10-17: read as literal text, not a variable
  for (const PolicyString& r : s.resources) {
    if (HasSubVariable(r.text)) return &r;
  }
  for (const Condition& c : s.conditions) {
    for (const PolicyString& v : c.values) {
      if (HasSubVariable(v.text)) return &v;
    }
  }
  return nullptr;
}

class SubVariableForGuests final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL206",
        .name = "sub-variable-for-guests",
        .severity = Severity::kWarning,
        .summary = "the unauthenticated role scopes data with `${cognito-identity.amazonaws.com:sub}` (guests "
                   "have no lasting identity ID)",
        .explanation =
            "`${cognito-identity.amazonaws.com:sub}` is the caller's identity ID. A signed-in user gets "
            "the same ID on every device and every visit; a guest gets a new one whenever the app loses "
            "its cached ID (reinstall, new device, cleared storage). Data a guest stores under its ID is "
            "therefore lost to it later, and because guests are free to create, anyone can mint "
            "identity IDs at will: the per-identity prefix looks like isolation but protects nothing "
            "that matters. Keep per-identity data behind sign-in."
            "\n\nWhen every pool that uses the role as its unauthenticated role does not allow unauthenticated "
            "identities, the finding is latent: one severity level lower, and the message says guests "
            "are off (one console toggle turns them on).",
        .fix =
            "Move per-identity data access to the authenticated role. If guests must store something, "
            "treat it as disposable and public, and say so in a suppression reason.",
        .seed =
            "You can use the sub condition to restrict actions to Amazon Cognito identity IDs in your "
            "access policies. Use this option with caution, particularly for unauthenticated identities, "
            "which lack a consistent user ID.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      const RoleUse* guest_use = nullptr;
      for (const RoleUse& use : ctx.UsesOf(role)) {
        if (use.as == RoleUse::As::kUnauthenticated && !guest_use) guest_use = &use;
      }
      if (guest_use) CheckRole(ctx, role, *guest_use, out);
    }
  }

 private:
  void CheckRole(AnalysisContext& ctx, int role_index, const RoleUse& use, std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    const Role& role = graph.roles[role_index];
    for (const PolicyDocument& doc : ctx.Permissions(role_index)) {
      for (const Statement& s : doc.statements) {
        if (!s.allow) continue;
        const PolicyString* sub = SubUse(s);
        if (!sub) continue;
        Finding f = NewFinding();
        f.resource = role.address;
        f.loc = s.loc.Known() ? s.loc : role.loc;
        f.logical_path = s.path.empty() ? role.path : s.path;
        f.message = "unauthenticated role " + role.address + " scopes access with " + std::string(kSubVariable) +
                    " (\"" + sub->display + "\"): guests have no lasting identity ID, so this data is lost to "
                    "them on a new device and anyone can create more identities";
        f.AddWitness("value", sub->display);
        if (use.loc.Known()) f.AddRelated(use.loc, "attached as unauthenticated role by " + graph.attachments[use.attachment].address);
        MarkLatentWhenGuestsOff(ctx.GuestPools(role_index), f);
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL206() { return std::make_unique<SubVariableForGuests>(); }

}  // namespace trustlint
