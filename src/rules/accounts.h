// Accounts of roles and pools, shared by the cross-account rules (TL107, TL108).
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace trustlint {

// The account field of `arn:<partition>:<service>:<region>:<account>:<resource>` as a string
// Value of its parts (digits, a pseudo symbol, ...). Null when `v` is not such an ARN or the
// field is empty (a bare role symbol has no account field: the role node knows it).
Value ArnAccount(const Value& v);

std::string DisplayAccount(const Value& v);

struct AccountMatch {
  enum class Is { kSame, kDifferent, kUnknown, kNoInfo };
  Is is = Is::kNoInfo;
  std::string why;  // kUnknown: the input that would decide it
};

// Equal strings (same literal or same symbols) are one account; two different literals are
// two accounts; anything else is decided at deploy time. Undecided alternatives are proven
// only when every reading agrees.
AccountMatch CompareAccounts(const Value& role, const Value& pool);

// One role an attachment hands out.
struct RoleRef {
  std::string as;  // "authenticated", "unauthenticated", "mapped"
  const Value* value = nullptr;
  int role = -1;  // index into Graph::roles, -1 when not in the scan
};

std::vector<RoleRef> RefsOf(const RoleAttachment& a);

// The account of the referenced role, per reading: the ARN's account field when it has one,
// else the role node's account.
Value RoleAccount(const Graph& graph, const RoleRef& ref);

}  // namespace trustlint
