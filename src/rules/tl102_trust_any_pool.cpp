// TL102 trust-any-pool: the trust admits identity-pool tokens of pools it should not.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/operators.h"
#include "policy/token.h"

namespace trustlint {
namespace {

bool IsIdentityKey(const std::string& key_lower) {
  return key_lower == cognito::kAudKey || key_lower == cognito::kAmrKey || key_lower == cognito::kSubKey;
}

// TL101's finding, restated so the two are never raised for one role: an Allow that
// applies to identity-pool tokens and tests none of aud, amr, sub.
bool HasStatementWithoutIdentityCondition(const PolicyDocument& trust) {
  Request request;
  request.principal_type = "Federated";
  request.principal = std::string(cognito::kFederatedPrincipal);
  request.action = std::string(cognito::kAssumeAction);
  for (const Statement& statement : trust.statements) {
    if (!statement.allow) continue;
    if (std::any_of(statement.conditions.begin(), statement.conditions.end(),
                    [](const Condition& c) { return IsIdentityKey(c.key_lower); })) {
      continue;
    }
    Statement unconditioned = statement;
    unconditioned.conditions.clear();
    if (StatementApplies(unconditioned, request)) return true;
  }
  return false;
}

// Every aud condition of the trust.
std::vector<const Condition*> AudConditions(const PolicyDocument& trust) {
  std::vector<const Condition*> out;
  for (const Statement& statement : trust.statements) {
    for (const Condition& c : statement.conditions) {
      if (c.key_lower == cognito::kAudKey) out.push_back(&c);
    }
  }
  return out;
}

// The human form of an aud the solver returned: the condition value it came from when
// there is one (so pool IDs print as "⟨ID of pool X⟩"), else the text itself.
std::string DisplayAud(const PolicyDocument& trust, const std::string& aud) {
  for (const Condition* c : AudConditions(trust)) {
    for (const PolicyString& v : c->values) {
      if (v.text == aud) return v.display;
    }
  }
  return DisplayRendered(aud);  // a constant of the scan shows as what it stands for
}

// The trust's aud conditions as written, for the message: what lets other pools in.
std::string AudShape(const PolicyDocument& trust) {
  const std::vector<const Condition*> conditions = AudConditions(trust);
  if (conditions.empty()) return "it has no aud condition";
  std::string out = conditions.size() > 1 ? "aud conditions" : "aud condition";
  for (size_t i = 0; i < conditions.size(); ++i) {
    out += i == 0 ? " " : ", ";
    out += conditions[i]->op_text + " [";
    for (size_t j = 0; j < conditions[i]->values.size(); ++j) {
      if (j) out += ", ";
      out += "\"" + conditions[i]->values[j].display + "\"";
    }
    out += "]";
  }
  return out;
}

std::string UseName(RoleUse::As as) {
  switch (as) {
    case RoleUse::As::kAuthenticated: return "authenticated role";
    case RoleUse::As::kUnauthenticated: return "unauthenticated role";
    case RoleUse::As::kMapped: return "role-mapping role";
  }
  return "role";
}

class TrustAnyPool final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL102",
        .name = "trust-any-pool",
        .severity = Severity::kError,
        .summary = "when pools in the scan attach the role: the trust admits a token whose aud is none of "
                   "theirs; when none does: the trust admits more than a fixed set of pool IDs (missing, "
                   "wildcard or negated-only aud). Witness: an aud. Not raised together with TL101 for one "
                   "role",
        .explanation =
            "The `aud` claim of an identity-pool token is the ID of the pool that issued it. It is the "
            "only claim that ties a token to *your* pool: `amr` and `sub` are issued by every pool "
            "alike. A trust policy that tests `amr` but not `aud`, tests `aud` with a wildcard "
            "(`StringLike: us-east-1:*`), or only excludes some pools (`StringNotEquals`) lets "
            "identities of other pools, including pools in other accounts, assume the role through the "
            "basic flow, where the caller names any role it likes.\n\n"
            "When pools of the scan attach the role, trustlint asks the policy engine for a token whose "
            "`aud` is none of those pools' IDs and reports the `aud` it finds. When no pool of the scan "
            "attaches it, the role is reported if its trust admits an `aud` other than the pool IDs it "
            "names. A pool ID the scan cannot see (a parameter, a variable, an import, a data source) "
            "is one fixed pool, so `StringEquals` against it names exactly one pool; `StringLike` "
            "against it is a possible finding unless the value's shape rules out wildcards. A trust "
            "with no aud, amr or sub condition at all is TL101's finding instead.",
        .fix =
            "Test `cognito-identity.amazonaws.com:aud` with `StringEquals` against exactly the pools "
            "that should use the role (`!Ref IdentityPool`, or the literal IDs). To share a role "
            "between pools, list each pool ID.",
        .seed =
            "Additional considerations apply to Amazon Cognito identity pools that assume cross-account "
            "IAM roles. The trust policies of those roles must accept the cognito-identity.amazonaws.com "
            "service principal and must contain the specific cognito-identity.amazonaws.com:aud "
            "condition. To prevent unintended access to your AWS resources, the aud condition key "
            "restricts the role to users from the identity pools in the condition value.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      const PolicyDocument& trust = ctx.Trust(role);
      if (HasStatementWithoutIdentityCondition(trust)) continue;  // TL101 reports it
      std::vector<const RoleUse*> uses;
      for (const RoleUse& use : ctx.UsesOf(role)) {
        if (use.pool >= 0) uses.push_back(&use);
      }
      if (!uses.empty()) {
        CheckAttached(ctx, role, uses, out);
      } else if (ctx.IsIdentityPoolRole(role)) {
        CheckUnattached(ctx, role, out);
      }
    }
  }

 private:
  // (a) Pools of the scan attach the role: any other aud is one too many.
  void CheckAttached(AnalysisContext& ctx, int role, const std::vector<const RoleUse*>& uses,
                     std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    TokenQuery query;
    std::set<int> pools;
    for (const RoleUse* use : uses) pools.insert(use->pool);
    std::string pool_names;
    for (int pool : pools) {
      query.aud_excluded.push_back(ctx.PoolAud(pool));
      if (!pool_names.empty()) pool_names += ", ";
      pool_names += graph.pools[pool].address;
    }
    const PolicyDocument& trust = ctx.Trust(role);
    const TrustAnswer answer = ctx.solver().CanAssume(trust, query);
    if (!answer.admitted || !answer.witness) return;
    const std::string aud = DisplayAud(trust, answer.witness->aud);
    Finding f = StartFinding(graph.roles[role], trust, answer);
    f.message = "role " + graph.roles[role].address + " is attached by pool" + (pools.size() > 1 ? "s " : " ") +
                pool_names + " but its trust also admits tokens of other pools (" + AudShape(trust) + "); a token with aud \"" +
                aud + "\" " + (answer.depends_on_unknown ? "could" : "can") + " assume it";
    for (const RoleUse* use : uses) {
      f.AddRelated(use->loc, "attached as " + UseName(use->as) + " of pool " + graph.pools[use->pool].address +
                                 " by " + graph.attachments[use->attachment].address);
    }
    // Only when every attachment is undecided does the role possibly stand alone.
    if (std::all_of(uses.begin(), uses.end(), [&](const RoleUse* u) { return !ctx.ConditionalReason(u->attachment).empty(); })) {
      for (const RoleUse* use : uses) f.MarkPossible(ctx.ConditionalReason(use->attachment));
    }
    out.push_back(std::move(f));
  }

  // (b) No pool of the scan attaches it: it should name a fixed set of pool IDs.
  void CheckUnattached(AnalysisContext& ctx, int role, std::vector<Finding>& out) const {
    const Graph& graph = ctx.graph();
    const PolicyDocument& trust = ctx.Trust(role);
    TokenQuery query;
    for (const Condition* c : AudConditions(trust)) {
      for (const PolicyString& v : c->values) query.aud_excluded.push_back(v.text);
    }
    const TrustAnswer answer = ctx.solver().CanAssume(trust, query);
    if (!answer.admitted || !answer.witness) {
      if (answer.depends_on_unknown) ReportOpenEndedUnknown(graph.roles[role], trust, out);
      return;
    }
    const std::string aud = DisplayAud(trust, answer.witness->aud);
    Finding f = StartFinding(graph.roles[role], trust, answer);
    f.message = "role " + graph.roles[role].address +
                " trusts identity-pool tokens but admits more than a fixed set of pools (" + AudShape(trust) +
                "); a token with aud \"" + aud + "\" " + (answer.depends_on_unknown ? "could" : "can") + " assume it";
    out.push_back(std::move(f));
  }

  // An aud pattern (`StringLike`) or exclusion (`StringNotEquals`) whose value the
  // scan cannot see: a fixed set of pools only if the deployed value has no wildcard.
  void ReportOpenEndedUnknown(const Role& role, const PolicyDocument& trust, std::vector<Finding>& out) const {
    for (const Condition* c : AudConditions(trust)) {
      const bool open_ended = IsGlobOperator(c->op) || IsNegatedOperator(c->op);
      if (!open_ended) continue;
      for (const PolicyString& v : c->values) {
        if (!v.unknown) continue;
        Finding f = NewFinding();
        f.resource = role.address;
        f.loc = c->loc.Known() ? c->loc : role.loc;
        f.logical_path = c->path;
        f.proven = false;
        f.possible_because = v.unknown_reason;
        f.message = "role " + role.address + " trusts identity-pool tokens through aud condition " + c->op_text +
                    " [\"" + v.display + "\"], which admits more than a fixed set of pools if the deployed value " +
                    (IsNegatedOperator(c->op) ? "only excludes some pools" : "holds a wildcard");
        out.push_back(std::move(f));
        return;
      }
    }
  }

  Finding StartFinding(const Role& role, const PolicyDocument& trust, const TrustAnswer& answer) const {
    Finding f = NewFinding();
    f.resource = role.address;
    // The aud condition that lets other pools in, else the statement that has none.
    const Statement* statement = answer.witness->allowed_by;
    f.loc = statement && statement->loc.Known() ? statement->loc : role.loc;
    f.logical_path = statement ? statement->path : role.path;
    if (statement) {
      for (const Condition& c : statement->conditions) {
        if (c.key_lower != cognito::kAudKey || !c.loc.Known()) continue;
        f.loc = c.loc;
        f.logical_path = c.path;
        break;
      }
    }
    f.AddWitness("aud", DisplayAud(trust, answer.witness->aud));
    if (!answer.witness->amr.empty()) f.AddWitnessList("amr", answer.witness->amr);
    if (answer.depends_on_unknown) {
      f.proven = false;
      f.possible_because = answer.unknown_reason;
    }
    return f;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL102() { return std::make_unique<TrustAnyPool>(); }

}  // namespace trustlint
