// TL107 cross-account-trust-without-aud: role and attaching pool are in different accounts
// and the role's trust policy has no cognito-identity.amazonaws.com:aud condition.
//
// The account helpers below are also in tl108_enhanced_flow_cross_account_role.cpp: rules
// have no shared header yet (see the rules-pool report).
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/token.h"

namespace trustlint {
namespace {

// The account field of `arn:<partition>:<service>:<region>:<account>:<resource>` as a string
// Value of its parts (digits, a pseudo symbol, ...). Null when `v` is not such an ARN or the
// field is empty (a bare role symbol has no account field: the role node knows it).
Value ArnAccount(const Value& v) {
  if (!v.IsString() || v.parts.empty() || v.parts[0].symbol || v.parts[0].literal.rfind("arn:", 0) != 0) {
    return Value::Null();
  }
  int field = 0;
  std::vector<StringPart> account;
  for (const StringPart& p : v.parts) {
    if (field > 4) break;
    if (p.symbol) {
      if (field == 4) account.push_back(p);
      continue;
    }
    for (size_t start = 0;;) {
      const size_t colon = p.literal.find(':', start);
      const std::string piece = p.literal.substr(start, colon == std::string::npos ? colon : colon - start);
      if (field == 4 && !piece.empty()) {
        if (!account.empty() && !account.back().symbol) {
          account.back().literal += piece;
        } else {
          account.push_back(StringPart{piece, std::nullopt});
        }
      }
      if (colon == std::string::npos) break;
      start = colon + 1;
      if (++field > 4) break;
    }
  }
  if (field <= 4 || account.empty()) return Value::Null();  // no ':' after the account field
  return Value::Symbolic(std::move(account), v.loc);
}

std::string DisplayAccount(const Value& v) {
  if (v.IsString()) return RenderForDisplay(v.parts);
  if (v.IsUnknown()) return "(unknown: " + v.reason + ")";
  return DumpValue(v);
}

struct AccountMatch {
  enum class Is { kSame, kDifferent, kUnknown, kNoInfo };
  Is is = Is::kNoInfo;
  std::string why;  // kUnknown: the input that would decide it
};

AccountMatch CompareAccounts(const Value& role, const Value& pool);

// Undecided alternatives: proven only when every reading agrees.
AccountMatch CompareAlternatives(const Value& role, const Value& pool) {
  const bool role_side = role.kind == Value::Kind::kAlternatives;
  const Value& alternatives = role_side ? role : pool;
  std::optional<AccountMatch> all;
  std::string why;
  for (const Value& item : alternatives.items) {
    const AccountMatch m = role_side ? CompareAccounts(item, pool) : CompareAccounts(role, item);
    if (why.empty()) why = m.why;
    if (!all) {
      all = m;
    } else if (all->is != m.is) {
      all = AccountMatch{AccountMatch::Is::kUnknown, ""};
    }
  }
  if (!all) return {};
  if (all->is == AccountMatch::Is::kUnknown) {
    all->why = why.empty() ? "the account depends on an undecided condition (Fn::If)" : why;
  }
  return *all;
}

// Equal strings (same literal or same symbols) are one account; two different literals are
// two accounts; anything else is decided at deploy time.
AccountMatch CompareAccounts(const Value& role, const Value& pool) {
  if (role.kind == Value::Kind::kAlternatives || pool.kind == Value::Kind::kAlternatives) {
    return CompareAlternatives(role, pool);
  }
  if (role.IsNull() || pool.IsNull()) return {};
  std::string why;
  if (!role.IsString() || !pool.IsString()) {
    if (role.DependsOnUnknown(&why) || pool.DependsOnUnknown(&why)) return {AccountMatch::Is::kUnknown, why};
    return {};
  }
  if (RenderForMatching(role.parts) == RenderForMatching(pool.parts)) return {AccountMatch::Is::kSame, ""};
  if (role.IsLiteralString() && pool.IsLiteralString()) return {AccountMatch::Is::kDifferent, ""};
  if (role.DependsOnUnknown(&why) || pool.DependsOnUnknown(&why)) return {AccountMatch::Is::kUnknown, why};
  const bool role_literal = role.IsLiteralString();
  const Value& open = role_literal ? pool : role;
  const Value& other = role_literal ? role : pool;
  return {AccountMatch::Is::kUnknown, std::string(role_literal ? "the pool's" : "the role's") + " account " +
                                          DisplayAccount(open) + " is known only at deploy time (the " +
                                          (role_literal ? "role's" : "pool's") + " is " + DisplayAccount(other) +
                                          ")"};
}

// One role an attachment hands out.
struct RoleRef {
  std::string as;  // "authenticated", "unauthenticated", "mapped"
  const Value* value = nullptr;
  int role = -1;  // index into Graph::roles, -1 when not in the scan
};

std::vector<RoleRef> RefsOf(const RoleAttachment& a) {
  std::vector<RoleRef> refs;
  if (!a.authenticated.IsNull()) refs.push_back({"authenticated", &a.authenticated, a.authenticated_role});
  if (!a.unauthenticated.IsNull()) refs.push_back({"unauthenticated", &a.unauthenticated, a.unauthenticated_role});
  for (const RoleMapping& m : a.mappings) {
    for (size_t j = 0; j < m.roles.size(); ++j) {
      refs.push_back({"mapped", &m.roles[j], j < m.role_ids.size() ? m.role_ids[j] : -1});
    }
  }
  return refs;
}

// The account of the referenced role, per reading: the ARN's account field when it has one,
// else the role node's account.
Value RoleAccount(const Graph& graph, const RoleRef& ref) {
  auto one = [&](const Value& v) {
    Value account = ArnAccount(v);
    if (account.IsNull() && ref.role >= 0) account = graph.roles[ref.role].account;
    return account;
  };
  if (ref.value->kind != Value::Kind::kAlternatives) return one(*ref.value);
  std::vector<Value> items;
  for (const Value& item : ref.value->items) items.push_back(one(item));
  return Value::Alternatives(std::move(items), ref.value->loc);
}

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
        .bad_example =
            "Resources:\n"
            "  PartnerRole:  # deployed in account 111122223333\n"
            "    Type: AWS::IAM::Role\n"
            "    Properties:\n"
            "      RoleName: partner-app-users\n"
            "      AssumeRolePolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Principal:\n"
            "              Federated: cognito-identity.amazonaws.com\n"
            "            Action: sts:AssumeRoleWithWebIdentity\n"
            "            Condition:\n"
            "              ForAnyValue:StringLike:\n"
            "                cognito-identity.amazonaws.com:amr: authenticated\n",
        .good_example =
            "Resources:\n"
            "  PartnerRole:  # deployed in account 111122223333\n"
            "    Type: AWS::IAM::Role\n"
            "    Properties:\n"
            "      RoleName: partner-app-users\n"
            "      AssumeRolePolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Principal:\n"
            "              Federated: cognito-identity.amazonaws.com\n"
            "            Action: sts:AssumeRoleWithWebIdentity\n"
            "            Condition:\n"
            "              StringEquals:\n"
            "                cognito-identity.amazonaws.com:aud: us-east-1:12345678-abcd-abcd-abcd-123456790ab\n"
            "              ForAnyValue:StringLike:\n"
            "                cognito-identity.amazonaws.com:amr: authenticated\n",
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
