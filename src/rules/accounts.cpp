#include "rules/accounts.h"

#include <optional>
#include <utility>

namespace trustlint {

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

// Undecided alternatives: proven only when every reading agrees.
static AccountMatch CompareAlternatives(const Value& role, const Value& pool) {
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

}  // namespace trustlint
