// TL107 cross-account-trust-without-aud: role and attaching pool are in different accounts
// and the role's trust policy has no cognito-identity.amazonaws.com:aud condition.
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "rules/accounts.h"
#include "policy/token.h"

namespace trustlint {
namespace {

// A literal `arn:...:iam::<other account>:role/[path/]NAME` does not link to the scan's role
// NAME, whose ARN carries the stack's own account. The same template deployed to the other
// account is the common reason for such an ARN, so the scan's role (when exactly one has that
// literal name) stands for it; the finding is then at most possible, as the accounts differ
// only by a literal against a deploy-time value.
int RoleByArnName(const Graph& graph, const Value& arn) {
  const std::optional<std::string> text = arn.Literal();
  if (!text || text->rfind("arn:", 0) != 0 || text->find(":role/") == std::string::npos) return -1;
  const std::string name = text->substr(text->rfind('/') + 1);
  int found = -1;
  for (size_t i = 0; i < graph.roles.size(); ++i) {
    if (graph.roles[i].name.Literal() != name) continue;
    if (found >= 0) return -1;  // ambiguous
    found = static_cast<int>(i);
  }
  return found;
}

// Does the trust policy have an aud condition, as STS asks for cross-account calls? Only
// Allow statements count; one that exists in a single Fn::If branch makes it undecided.
struct AudCondition {
  bool always = false;
  bool maybe = false;
};

AudCondition FindAudCondition(const PolicyDocument& trust) {
  AudCondition found;
  for (const Statement& s : trust.statements) {
    if (!s.allow) continue;
    for (const Condition& c : s.conditions) {
      if (c.key_lower != cognito::kAudKey) continue;
      (s.conditional ? found.maybe : found.always) = true;
    }
  }
  return found;
}

class CrossAccountTrustWithoutAud final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL107",
        .name = "cross-account-trust-without-aud",
        .severity = Severity::kError,
        .summary = "role and attaching pool are in different accounts and the trust has no aud condition",
        .explanation =
            "A token from an identity pool names the pool's account. When it is presented to "
            "`AssumeRoleWithWebIdentity` for a role in another account, STS only accepts it if the "
            "role's trust policy has a `cognito-identity.amazonaws.com:aud` condition; without one "
            "the call fails, so the pool's users get no credentials from this role.\n\n"
            "The rule exists because the missing condition is also the dangerous one: a trust "
            "policy without `aud` does not say *which* pool's identities it accepts, so it trusts "
            "every identity pool in its own account, and the cross-account pool that was meant to "
            "use it cannot.\n\n"
            "When the role ARN names a literal account and the pool's account is only known at "
            "deploy time (`AWS::AccountId`), the finding is *possible*.",
        .fix =
            "Add the pool ID to the trust policy, in the same statement that allows "
            "`sts:AssumeRoleWithWebIdentity`:\n\n"
            "```yaml\n"
            "Condition:\n"
            "  StringEquals:\n"
            "    cognito-identity.amazonaws.com:aud: us-east-1:12345678-abcd-abcd-abcd-123456790ab\n"
            "  ForAnyValue:StringLike:\n"
            "    cognito-identity.amazonaws.com:amr: authenticated\n"
            "```\n\n"
            "Cross-account roles only work in the basic (classic) flow; in the enhanced flow, "
            "attach a role of the pool's own account instead (TL108).",
        .seed =
            "Additional considerations apply to Amazon Cognito identity pools that assume "
            "cross-account IAM roles. The trust policies of those roles must accept the "
            "cognito-identity.amazonaws.com service principal and must contain the specific "
            "cognito-identity.amazonaws.com:aud condition.\n\n"
            "If AWS STS determines that the request is cross-account, it checks to see if the role "
            "trust policy has an aud condition. The assume-role call fails if no such conditions are "
            "present in the role trust policy.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    std::set<std::pair<int, std::string>> reported;  // (role, pool or attachment key)
    for (const RoleAttachment& a : graph.attachments) {
      const Value& pool_account = a.pool_id >= 0 ? graph.pools[a.pool_id].account : a.account;
      const std::string pool_key = a.pool_id >= 0 ? graph.pools[a.pool_id].key : a.key;
      for (RoleRef ref : RefsOf(a)) {
        if (ref.role < 0) ref.role = RoleByArnName(graph, *ref.value);
        if (ref.role < 0 || reported.count({ref.role, pool_key})) continue;
        const Value role_account = RoleAccount(graph, ref);
        const AccountMatch match = CompareAccounts(role_account, pool_account);
        if (match.is != AccountMatch::Is::kDifferent && match.is != AccountMatch::Is::kUnknown) continue;
        std::optional<Finding> f = Evaluate(ctx, a, ref, role_account, pool_account, match);
        if (!f) continue;
        reported.insert({ref.role, pool_key});
        f->MarkPossible(AnalysisContext::ConditionalReason(a));
        out.push_back(std::move(*f));
      }
    }
  }

 private:
  // The finding, unless the trust has an aud condition or admits no token of this pool at
  // all (STS would refuse the call anyway; TL103 reports that).
  std::optional<Finding> Evaluate(AnalysisContext& ctx, const RoleAttachment& a, const RoleRef& ref,
                                  const Value& role_account, const Value& pool_account,
                                  const AccountMatch& match) const {
    const PolicyDocument& trust = ctx.Trust(ref.role);
    const AudCondition aud = FindAudCondition(trust);
    if (aud.always) return std::nullopt;
    TokenQuery query;
    query.amr = ref.as == "unauthenticated" ? TokenQuery::Amr::kGuest : TokenQuery::Amr::kSignedIn;
    if (a.pool_id >= 0) query.aud = ctx.PoolAud(a.pool_id);
    const TrustAnswer answer = ctx.solver().CanAssume(trust, query);
    if (!answer.admitted && !answer.depends_on_unknown) return std::nullopt;

    const Graph& graph = ctx.graph();
    const Role& role = graph.roles[ref.role];
    const Statement* by = answer.witness ? answer.witness->allowed_by : nullptr;
    Finding f = NewFinding();
    f.resource = role.address;
    f.loc = by && by->loc.Known() ? by->loc : role.loc;
    f.logical_path = by ? by->path : role.path;
    const std::string pool = a.pool_id >= 0 ? "pool " + graph.pools[a.pool_id].address : "the pool of " + a.address;
    const std::string no_aud = "its trust policy has no cognito-identity.amazonaws.com:aud condition";
    const std::string consequence =
        ": STS refuses cross-account AssumeRoleWithWebIdentity from an identity pool to a role without one, so "
        "these users cannot assume it, and the trust does not say which pools it accepts";
    if (match.is == AccountMatch::Is::kDifferent) {
      f.message = "role " + role.address + " (account " + DisplayAccount(role_account) + ") is attached by " +
                  pool + " of account " + DisplayAccount(pool_account) + " and " + no_aud + consequence;
    } else {
      f.message = "role " + role.address + " (account " + DisplayAccount(role_account) + ") is attached by " +
                  pool + ", which may be in another account (" + DisplayAccount(pool_account) + "), and " +
                  no_aud + consequence;
    }
    MarkPossible(f, match, aud, answer);
    f.AddWitness("role_account", DisplayAccount(role_account));
    f.AddWitness("pool_account", DisplayAccount(pool_account));
    if (answer.witness) {
      // The solver's aud is in matching form (symbol sentinels); the pool's ID value displays it.
      const bool pool_id = a.pool_id >= 0 && graph.pools[a.pool_id].id.IsString();
      f.AddWitness("aud", pool_id ? RenderForDisplay(graph.pools[a.pool_id].id.parts) : answer.witness->aud);
      f.AddWitnessList("amr", answer.witness->amr);
    }
    f.AddRelated(ref.value->loc.Known() ? ref.value->loc : a.loc, "attached as " + ref.as + " role by " + a.address);
    if (a.pool_id >= 0) f.AddRelated(graph.pools[a.pool_id].loc, "identity pool " + graph.pools[a.pool_id].address);
    return f;
  }

  static void MarkPossible(Finding& f, const AccountMatch& match, const AudCondition& aud, const TrustAnswer& answer) {
    std::string why;
    if (match.is == AccountMatch::Is::kUnknown) {
      why = match.why;
    } else if (aud.maybe) {
      why = "the aud condition is only in one branch of an undecided Fn::If";
    } else if (answer.depends_on_unknown) {
      why = answer.unknown_reason;
    }
    if (why.empty()) return;
    f.proven = false;
    f.possible_because = why;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL107() { return std::make_unique<CrossAccountTrustWithoutAud>(); }

}  // namespace trustlint
