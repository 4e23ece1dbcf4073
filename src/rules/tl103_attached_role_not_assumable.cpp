// TL103 attached-role-not-assumable: a pool attaches a role whose trust admits none of its tokens.
#include <optional>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/token.h"

namespace trustlint {
namespace {

// Pool IDs are `<region>:<uuid>`, under 64 bytes; a longer literal is not one.
constexpr size_t kMaxPoolIdBytes = 64;
constexpr std::string_view kSentinelOpen = "\u27e8";  // symbols render as ⟨kind:name⟩

Request CognitoRequest() {
  Request request;
  request.principal_type = "Federated";
  request.principal = std::string(cognito::kFederatedPrincipal);
  request.action = std::string(cognito::kAssumeAction);
  return request;
}

bool AppliesIgnoringConditions(const Statement& statement) {
  Statement unconditioned = statement;
  unconditioned.conditions.clear();
  return StatementApplies(unconditioned, CognitoRequest());
}

// Does any Allow of the trust name identity-pool tokens at all (principal and action)?
bool TrustsCognito(const PolicyDocument& trust) {
  for (const Statement& statement : trust.statements) {
    if (statement.allow && AppliesIgnoringConditions(statement)) return true;
  }
  return false;
}

std::string PrincipalsOf(const PolicyDocument& trust) {
  std::string out;
  for (const Statement& statement : trust.statements) {
    if (!statement.allow) continue;
    for (const Principal& p : statement.principals) {
      if (!out.empty()) out += ", ";
      out += p.type == "*" ? std::string("*") : p.type + " " + p.value.display;
    }
  }
  if (!out.empty()) return out;
  // IAM rejects an invalid or absent trust policy, and the parser reads it as empty (TL004).
  for (const PolicyIssue& issue : trust.issues) {
    if (issue.conditional) continue;
    return issue.kind == PolicyIssue::Kind::kAbsent ? "no principal: it has no trust policy, TL004"
                                                    : "no principal: its trust policy is invalid, TL004";
  }
  return "no principal";
}

// A typical token of the pool, used only to point at the clause that turns it away.
Request TypicalToken(const std::string& aud, bool guest) {
  Request request = CognitoRequest();
  request.context[std::string(cognito::kAudKey)] = {aud};
  request.context[std::string(cognito::kSubKey)] = {"us-east-1:00000000-0000-0000-0000-000000000000"};
  if (guest) {
    request.context[std::string(cognito::kAmrKey)] = {std::string(cognito::kGuestAmr)};
  } else {
    request.context[std::string(cognito::kAmrKey)] = {std::string(cognito::kSignedInAmr),
                                                     "cognito-idp.us-east-1.amazonaws.com/us-east-1_example"};
  }
  return request;
}

std::string DescribeCondition(const Condition& c) {
  std::string out = c.op_text + " " + c.key + " [";
  for (size_t i = 0; i < c.values.size(); ++i) {
    if (i) out += ", ";
    out += "\"" + c.values[i].display + "\"";
  }
  return out + "]";
}

// Where the trust turns the token away: the first failing condition of an applicable
// Allow, or a Deny that applies. Fills `loc`/`path`/`why`.
struct Culprit {
  Location loc;
  std::string path;
  std::string why;
};

std::optional<Culprit> FindCulprit(const PolicyDocument& trust, const Request& token, bool uncertain) {
  const std::string rejects = uncertain ? " may reject it" : " rejects it";
  for (const Statement& statement : trust.statements) {
    if (!statement.allow && StatementApplies(statement, token)) {
      return Culprit{statement.loc, statement.path, "Deny statement " + std::to_string(statement.index) + " applies"};
    }
  }
  for (const Statement& statement : trust.statements) {
    if (!statement.allow || !AppliesIgnoringConditions(statement)) continue;
    for (const Condition& c : statement.conditions) {
      if (!ConditionHolds(c, token)) return Culprit{c.loc, c.path, "condition " + DescribeCondition(c) + rejects};
    }
  }
  return std::nullopt;
}

std::string UseName(RoleUse::As as) {
  switch (as) {
    case RoleUse::As::kAuthenticated: return "authenticated role";
    case RoleUse::As::kUnauthenticated: return "unauthenticated role";
    case RoleUse::As::kMapped: return "role-mapping role";
  }
  return "role";
}

std::string PoolDisplay(const IdentityPool& pool) {
  if (pool.id.IsString()) return RenderForDisplay(pool.id.parts);
  return RenderForDisplay({StringPart{"", Symbol{Symbol::Kind::kPoolId, pool.address}}});
}

class AttachedRoleNotAssumable final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL103",
        .name = "attached-role-not-assumable",
        .severity = Severity::kError,
        .summary = "a pool attaches the role but the trust admits no token of that pool with the matching amr "
                   "(wrong aud, wrong amr, wrong principal or action); the pool's credentials calls will fail",
        .explanation =
            "When an identity pool hands out credentials it calls `sts:AssumeRoleWithWebIdentity` on the "
            "role it chose, with the identity's token: `aud` is the pool's ID, `amr` is "
            "`[\"unauthenticated\"]` for guests and `authenticated` plus the login provider for signed-in "
            "users. If the role's trust policy admits no such token, every `GetCredentialsForIdentity` "
            "call for that kind of user fails with an access error, although the template deploys "
            "cleanly.\n\n"
            "The usual causes are an `aud` condition that names another pool (often a pool ID pasted "
            "from another environment), an `amr` condition for the wrong kind of user (the guest role "
            "requiring `authenticated`), or an attachment that names a role meant for something else "
            "(a Lambda execution role). In the last case the finding names the attachment. A hard-coded "
            "pool ID can only be compared with the ID the pool gets at deploy time, so that finding is "
            "`possible`: it is wrong unless the literal is the deployed pool's ID. Roles chosen by role "
            "mappings must admit signed-in users.",
        .fix =
            "Make the trust of each attached role admit its pool's tokens: `StringEquals` "
            "`cognito-identity.amazonaws.com:aud: !Ref IdentityPool` (not a literal ID), and "
            "`ForAnyValue:StringLike` `cognito-identity.amazonaws.com:amr: authenticated` for the "
            "authenticated and mapped roles or `unauthenticated` for the guest role. If the attachment "
            "names the wrong role, point it at the intended identity-pool role.",
        .seed =
            "The following example role trust policy allows the federated service principal "
            "cognito-identity.amazonaws.com to call the AWS STS API AssumeRoleWithWebIdentity. The "
            "request will only succeed if the identity pool token in the API request has the following "
            "claims.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      for (const RoleUse& use : ctx.UsesOf(role)) {
        if (use.pool < 0) continue;  // nothing to compare the trust with
        CheckUse(ctx, role, use, out);
      }
    }
  }

 private:
  void CheckUse(AnalysisContext& ctx, int role_index, const RoleUse& use, std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    const Role& role = graph.roles[role_index];
    const IdentityPool& pool = graph.pools[use.pool];
    const RoleAttachment& attachment = graph.attachments[use.attachment];
    const PolicyDocument& trust = ctx.Trust(role_index);
    const bool guest = use.as == RoleUse::As::kUnauthenticated;
    TokenQuery query;
    query.amr = guest ? TokenQuery::Amr::kGuest : TokenQuery::Amr::kSignedIn;
    query.aud = ctx.PoolAud(use.pool);
    const TrustAnswer& answer = ctx.PoolTokenAnswer(role_index, use.pool, guest);  // shared with TL104
    // Admitted only under some reading of an unknown value: assumability is not shown,
    // so the finding stands as possible (below).
    if (answer.admitted && !answer.depends_on_unknown) return;

    const std::string who = guest ? "guests" : "signed-in users";
    const bool uncertain = answer.depends_on_unknown;
    const std::string consequence = "; the pool's credentials calls for " + who + (uncertain ? " may fail" : " will fail");
    Finding f = NewFinding();
    if (!trust.unknown && !TrustsCognito(trust)) {
      // The role was never meant for identity pools: the attachment named the wrong role.
      f.resource = attachment.address;
      f.loc = use.loc.Known() ? use.loc : attachment.loc;
      f.logical_path = attachment.path;
      f.message = "attachment " + attachment.address + " names role " + role.address + " as the " + UseName(use.as) +
                  " of pool " + pool.address + ", but its trust does not allow federated " +
                  std::string(cognito::kFederatedPrincipal) + " to call " + std::string(cognito::kAssumeAction) +
                  " (it trusts " + PrincipalsOf(trust) + ")" + consequence;
      f.AddRelated(role.loc, "role " + role.address);
    } else {
      f.resource = role.address;
      const std::optional<Culprit> culprit = FindCulprit(trust, TypicalToken(*query.aud, guest), answer.depends_on_unknown);
      f.loc = culprit && culprit->loc.Known() ? culprit->loc : role.loc;
      f.logical_path = culprit ? culprit->path : role.path;
      f.message = "role " + role.address + " is the " + UseName(use.as) + " of pool " + pool.address +
                  " but its trust " + (uncertain ? "may admit" : "admits") + " no " + (guest ? "guest" : "signed-in") + " token with aud \"" +
                  PoolDisplay(pool) + "\"" + (culprit ? ": " + culprit->why : std::string()) + consequence;
      f.AddRelated(use.loc, "attached as " + UseName(use.as) + " by " + attachment.address);
    }
    f.AddRelated(pool.loc, "identity pool " + pool.address);
    f.AddWitness("aud", PoolDisplay(pool));
    f.AddWitnessList("amr", guest ? std::vector<std::string>{std::string(cognito::kGuestAmr)}
                                  : std::vector<std::string>{std::string(cognito::kSignedInAmr), "<provider>"});
    // A hard-coded pool ID is the likeliest reason; say so rather than name the constant.
    if (const std::optional<std::string> literal = StaleLiteralAud(ctx, trust, query)) {
      f.proven = false;
      f.possible_because = "aud is the literal \"" + *literal + "\"; it matches only if that is the deployed ID of pool " +
                           pool.address;
    } else if (answer.depends_on_unknown) {
      f.proven = false;
      f.possible_because = answer.unknown_reason;
    }
    f.MarkPossible(ctx.ConditionalReason(use.attachment));
    out.push_back(std::move(f));
  }

  // A literal aud that would admit the token if the pool's generated ID were it: the
  // trust hard-codes a pool ID that the scan cannot compare with the deployed one.
  static std::optional<std::string> StaleLiteralAud(AnalysisContext& ctx, const PolicyDocument& trust,
                                                    const TokenQuery& query) {
    if (!query.aud || query.aud->find(kSentinelOpen) == std::string::npos) return std::nullopt;  // ID is known
    for (const Statement& statement : trust.statements) {
      for (const Condition& c : statement.conditions) {
        if (c.key_lower != cognito::kAudKey) continue;
        for (const PolicyString& v : c.values) {
          if (v.unknown || v.text.find(kSentinelOpen) != std::string::npos) continue;
          if (v.text.find_first_of("*?") != std::string::npos) continue;
          if (v.text.size() > kMaxPoolIdBytes) continue;  // not a pool ID; and not worth quoting
          TokenQuery literal = query;
          literal.aud = v.text;
          if (ctx.solver().CanAssume(trust, literal).admitted) return v.display;
        }
      }
    }
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL103() { return std::make_unique<AttachedRoleNotAssumable>(); }

}  // namespace trustlint
