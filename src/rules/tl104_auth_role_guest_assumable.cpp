// TL104 auth-role-guest-assumable: a role attached as authenticated admits the pool's guests.
#include <optional>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "rules/pool_settings.h"
#include "policy/operators.h"
#include "policy/token.h"

namespace trustlint {
namespace {

std::string PoolDisplay(const IdentityPool& pool) {
  if (pool.id.IsString()) return RenderForDisplay(pool.id.parts);
  return RenderForDisplay({StringPart{"", Symbol{Symbol::Kind::kPoolId, pool.address}}});
}

std::string FlagReason(const Value& flag, const std::string& name) {
  std::string why;
  if (flag.DependsOnUnknown(&why) && !why.empty()) return why;
  return name + " is not a literal true or false";
}

std::string Quoted(const std::vector<PolicyString>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += "\"" + values[i].display + "\"";
  }
  return values.size() == 1 ? out : "[" + out + "]";
}

std::string SetPrefixNote(const Condition& c) {
  switch (c.set) {
    case SetPrefix::kNone: return ", no ForAnyValue";
    case SetPrefix::kForAllValues: return ", ForAllValues";
    case SetPrefix::kForAnyValue: return "";
  }
  return "";
}

// The amr conditions of the admitting statement: the clause a guest gets through.
std::vector<const Condition*> AmrConditions(const Statement& statement) {
  std::vector<const Condition*> out;
  for (const Condition& c : statement.conditions) {
    if (c.key_lower == cognito::kAmrKey) out.push_back(&c);
  }
  return out;
}

bool IsNegated(const Condition& c) { return IsNegatedOperator(c.op); }

std::string Through(const Statement& statement) {
  const std::vector<const Condition*> amr = AmrConditions(statement);
  if (amr.empty()) return "trust statement " + std::to_string(statement.index) + " has no amr condition";
  std::string out;
  for (const Condition* c : amr) {
    if (!out.empty()) out += " and ";
    out += "amr condition " + Quoted(c->values) + " (" + c->op_text + SetPrefixNote(*c) + ")";
    out += IsNegated(*c) ? " does not exclude" : " also matches";
  }
  return out + " \"" + std::string(cognito::kGuestAmr) + "\"";
}

std::string UseName(RoleUse::As as) {
  return as == RoleUse::As::kMapped ? "role-mapping (authenticated) role" : "authenticated role";
}

class AuthRoleGuestAssumable final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL104",
        .name = "auth-role-guest-assumable",
        .severity = Severity::kError,
        .summary = "a role attached as authenticated admits a token of its pool with amr `[\"unauthenticated\"]`; "
                   "witness token. Error if the pool allows unauthenticated identities (or that is unknown), "
                   "else warning; the message says whether it is exploitable now (basic flow on) or latent",
        .explanation =
            "A pool's guests carry `amr` exactly `[\"unauthenticated\"]`; signed-in users carry "
            "`authenticated` and their login provider. The `amr` condition of the authenticated role's "
            "trust is what keeps guests out of it. When it is missing, or written so that it also "
            "matches `unauthenticated` (`StringLike: \"*authenticated\"`, a negated operator without "
            "`ForAnyValue:`), a guest token of the pool satisfies the trust.\n\n"
            "In the enhanced flow Cognito itself picks the role, so guests still receive the "
            "unauthenticated role. But in the basic (classic) flow the client calls "
            "`sts:AssumeRoleWithWebIdentity` itself, naming any role, and only the trust policy decides: "
            "with basic flow on, any guest can take the signed-in users' permissions *now*; with it "
            "off, the hole is one console toggle away. The finding is an error when the pool allows "
            "guests (or that cannot be determined) and a warning otherwise. Roles chosen by role "
            "mappings are authenticated roles.",
        .fix =
            "Require signed-in users in the trust: "
            "`ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: authenticated}`. Do not use "
            "wildcards that also match `unauthenticated`, and keep basic flow off unless you need it.",
        .seed =
            "The request will only succeed if the identity pool token in the API request has the "
            "following claims.\n\n"
            "  1. An aud claim of the identity pool ID us-west-2:abcdefg-1234-5678-910a-0e8443553f95.\n\n"
            "  2. An amr claim of authenticated that is added when the user has signed in and isn't a "
            "guest user.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      for (const RoleUse& use : ctx.UsesOf(role)) {
        if (use.pool < 0 || use.as == RoleUse::As::kUnauthenticated) continue;
        CheckUse(ctx, role, use, out);
      }
    }
  }

 private:
  void CheckUse(AnalysisContext& ctx, int role_index, const RoleUse& use, std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    const Role& role = graph.roles[role_index];
    const IdentityPool& pool = graph.pools[use.pool];
    const TrustAnswer& answer = ctx.GuestTokenAnswer(role_index, use.pool);
    if (!answer.admitted || !answer.witness) return;
    const Witness& witness = *answer.witness;

    Finding f = NewFinding();
    f.resource = role.address;
    f.loc = role.loc;
    f.logical_path = role.path;
    std::string through = "its trust admits it";
    if (const Statement* statement = witness.allowed_by) {
      const std::vector<const Condition*> amr = AmrConditions(*statement);
      const Location& at = amr.empty() ? statement->loc : amr.front()->loc;
      if (at.Known()) f.loc = at;
      f.logical_path = amr.empty() ? statement->path : amr.front()->path;
      through = Through(*statement);
    }
    const std::optional<bool> guests = PoolFlag(pool.allow_unauthenticated);
    f.severity = guests.value_or(true) ? Severity::kError : Severity::kWarning;
    f.message = "role " + role.address + " admits guests of pool " + pool.address + ": " + through +
                "; a guest token with amr [\"" + std::string(cognito::kGuestAmr) + "\"] can assume it; " +
                Exposure(pool);
    f.AddWitness("aud", PoolDisplay(pool));
    f.AddWitnessList("amr", witness.amr);
    if (!witness.sub.empty()) f.AddWitness("sub", witness.sub);
    f.AddRelated(use.loc, "attached as " + UseName(use.as) + " by " + graph.attachments[use.attachment].address);
    f.AddRelated(pool.loc, "identity pool " + pool.address + Guests(pool));
    if (answer.depends_on_unknown) {
      f.proven = false;
      f.possible_because = answer.unknown_reason;
    }
    f.MarkPossible(ctx.ConditionalReason(use.attachment));
    out.push_back(std::move(f));
  }

  static std::string Exposure(const IdentityPool& pool) {
    const std::optional<bool> classic = PoolFlag(pool.allow_classic_flow);
    if (!classic) {
      return "exploitable now if basic flow is on, else latent (AllowClassicFlow is unknown: " +
             FlagReason(pool.allow_classic_flow, "AllowClassicFlow") + ")";
    }
    if (*classic) return "exploitable now (basic flow on: a guest can call AssumeRoleWithWebIdentity on it itself)";
    return "latent (basic flow off: one console toggle away)";
  }

  static std::string Guests(const IdentityPool& pool) {
    const std::optional<bool> guests = PoolFlag(pool.allow_unauthenticated);
    if (!guests) return " (whether it allows unauthenticated identities is unknown)";
    return *guests ? " allows unauthenticated identities" : " does not allow unauthenticated identities";
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL104() { return std::make_unique<AuthRoleGuestAssumable>(); }

}  // namespace trustlint
