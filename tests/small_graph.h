// A scan of one template built in memory, for writer tests: a pool attaching
// AuthRole (authenticated) and GuestRole (unauthenticated); AuthRole has an inline
// policy and, unless the test asks otherwise, a managed one.
#pragma once

#include "graph/graph.h"

namespace trustlint::testing {

inline Graph SmallGraph(bool with_managed_policy = true) {
  GraphBuilder b;
  b.AddInput({"t.yaml", "cloudformation", "ok"});
  IdentityPool pool;
  pool.key = "t.yaml#Pool";
  pool.address = "Pool";
  pool.loc = {"t.yaml", 3, 3};
  pool.id = Value::SymbolString({Symbol::Kind::kPoolId, pool.key});
  b.AddPool(pool);
  Role auth;
  auth.key = "t.yaml#AuthRole";
  auth.address = "AuthRole";
  auth.loc = {"t.yaml", 10, 3};
  auth.arn = Value::SymbolString({Symbol::Kind::kRoleArn, auth.key});
  auth.inline_policies.push_back({"Read", "AuthRole", Value::Map({}), {"t.yaml", 20, 9}});
  b.AddRole(auth);
  Role guest;
  guest.key = "t.yaml#GuestRole";
  guest.address = "GuestRole";
  guest.loc = {"t.yaml", 30, 3};
  guest.arn = Value::SymbolString({Symbol::Kind::kRoleArn, guest.key});
  b.AddRole(guest);
  if (with_managed_policy) {
    Policy managed;
    managed.key = "t.yaml#Managed";
    managed.address = "Managed";
    managed.loc = {"t.yaml", 40, 3};
    managed.roles.push_back(Value::SymbolString({Symbol::Kind::kRoleName, auth.key}));
    b.AddPolicy(managed);
  }
  RoleAttachment att;
  att.key = "t.yaml#Attach";
  att.address = "Attach";
  att.loc = {"t.yaml", 50, 3};
  att.pool = Value::SymbolString({Symbol::Kind::kPoolId, pool.key});
  att.authenticated = Value::SymbolString({Symbol::Kind::kRoleArn, auth.key});
  att.unauthenticated = Value::SymbolString({Symbol::Kind::kRoleArn, guest.key});
  b.AddAttachment(att);
  return b.Link();
}


}  // namespace trustlint::testing
