// TL108 enhanced-flow-cross-account-role: a pool attaches a role of another account; the
// enhanced flow only hands out roles of the pool's own account.
//
// The account helpers below are also in tl107_cross_account_trust_without_aud.cpp: rules
// have no shared header yet (see the rules-pool report).
#include <optional>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"

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

std::string RoleDisplay(const Graph& graph, const RoleRef& ref) {
  if (ref.role >= 0) return graph.roles[ref.role].address;
  if (ref.value->IsString()) return "\"" + RenderForDisplay(ref.value->parts) + "\"";
  return "(unresolved role)";
}

class EnhancedFlowCrossAccountRole final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL108",
        .name = "enhanced-flow-cross-account-role",
        .severity = Severity::kError,
        .summary = "a pool attaches a role of another account (enhanced flow requires the same account)",
        .explanation =
            "In the enhanced flow (`GetCredentialsForIdentity`, what the AWS SDKs and Amplify use) "
            "Cognito assumes the role for the user, and only a role in the identity pool's own "
            "account works. A role attachment that names a role of another account (by its ARN, or a "
            "role resource deployed to another account) fails at sign-in: these users get no "
            "credentials.\n\n"
            "The only way such a role can be used is the basic (classic) flow, where the client calls "
            "`AssumeRoleWithWebIdentity` itself; that needs `AllowClassicFlow` (TL302) and an `aud` "
            "condition in the role's trust policy (TL107).\n\n"
            "When the role ARN names a literal account and the pool's account is only known at deploy "
            "time (`AWS::AccountId`), the finding is *possible*: it holds unless the stack is deployed "
            "to that very account.",
        .fix =
            "Attach a role from the pool's own account: create it in the same stack and use "
            "`!GetAtt Role.Arn`, or build the ARN from `${AWS::AccountId}`. To grant access to "
            "another account's resources, give the same-account role permissions on them (resource "
            "policies), or have the app call `sts:AssumeRole` into the other account.",
        .seed =
            "Enhanced-flow authentication requires that the IAM role be in the same AWS account as the "
            "identity pool, but this isn't the case in basic authentication.",
        .bad_example =
            "Resources:\n"
            "  RoleAttachment:\n"
            "    Type: AWS::Cognito::IdentityPoolRoleAttachment\n"
            "    Properties:\n"
            "      IdentityPoolId: !Ref IdentityPool\n"
            "      Roles:\n"
            "        authenticated: arn:aws:iam::111122223333:role/app-users\n",
        .good_example =
            "Resources:\n"
            "  RoleAttachment:\n"
            "    Type: AWS::Cognito::IdentityPoolRoleAttachment\n"
            "    Properties:\n"
            "      IdentityPoolId: !Ref IdentityPool\n"
            "      Roles:\n"
            "        authenticated: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app-users\n",
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (const RoleAttachment& a : graph.attachments) {
      // An attachment lives in its pool's account; it stands in when the pool is not in the scan.
      const Value& pool_account = a.pool_id >= 0 ? graph.pools[a.pool_id].account : a.account;
      for (const RoleRef& ref : RefsOf(a)) {
        const Value role_account = RoleAccount(graph, ref);
        const AccountMatch match = CompareAccounts(role_account, pool_account);
        if (match.is != AccountMatch::Is::kDifferent && match.is != AccountMatch::Is::kUnknown) continue;
        out.push_back(MakeFinding(graph, a, ref, role_account, pool_account, match));
      }
    }
  }

 private:
  Finding MakeFinding(const Graph& graph, const RoleAttachment& a, const RoleRef& ref, const Value& role_account,
                      const Value& pool_account, const AccountMatch& match) const {
    const std::string pool = a.pool_id >= 0 ? "pool " + graph.pools[a.pool_id].address : "its pool";
    const std::string role = ref.as + " role " + RoleDisplay(graph, ref);
    const std::string consequence =
        ": the enhanced flow (GetCredentialsForIdentity) only hands out roles of the pool's own account, so "
        "these users get no credentials";
    Finding f = NewFinding();
    f.resource = a.address;
    f.loc = ref.value->loc.Known() ? ref.value->loc : a.loc;
    f.logical_path = ref.value->path.empty() ? a.path : ref.value->path;
    if (match.is == AccountMatch::Is::kDifferent) {
      f.message = "attachment " + a.address + " gives " + pool + " (account " + DisplayAccount(pool_account) +
                  ") the " + role + " of account " + DisplayAccount(role_account) + consequence;
    } else {
      f.proven = false;
      f.possible_because = match.why;
      f.message = "attachment " + a.address + " gives " + pool + " the " + role + " of account " +
                  DisplayAccount(role_account) + ", which may not be the pool's account " +
                  DisplayAccount(pool_account) + consequence;
    }
    f.AddWitness("role_account", DisplayAccount(role_account));
    f.AddWitness("pool_account", DisplayAccount(pool_account));
    if (a.pool_id >= 0) f.AddRelated(graph.pools[a.pool_id].loc, "identity pool " + graph.pools[a.pool_id].address);
    if (ref.role >= 0) f.AddRelated(graph.roles[ref.role].loc, "role " + graph.roles[ref.role].address);
    return f;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL108() { return std::make_unique<EnhancedFlowCrossAccountRole>(); }

}  // namespace trustlint
