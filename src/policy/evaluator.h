// The concrete IAM evaluator: request -> decision, with the deciding statement.
// It is the referee for the symbolic engine: every witness is re-checked here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"

namespace trustlint {

struct Request {
  std::string principal_type;  // AWS, Federated, Service, CanonicalUser ("" = not checked)
  std::string principal;       // e.g. cognito-identity.amazonaws.com
  std::string action;          // e.g. sts:AssumeRoleWithWebIdentity
  std::string resource;        // "" for trust policies (no Resource element)
  // Context keys, lower-cased, each with its values (a single-valued key has one).
  // A key that is absent is absent from the map.
  std::map<std::string, std::vector<std::string>> context;
};

enum class Effect { kAllow, kExplicitDeny, kImplicitDeny };

struct Decision {
  Effect effect = Effect::kImplicitDeny;
  const Statement* statement = nullptr;  // the statement that decided (Allow or Deny)
};

// IAM glob: `*` any run, `?` one character; case-insensitive for actions.
bool GlobMatch(std::string_view pattern, std::string_view text, bool case_insensitive);

// Replaces policy variables `${key}` (and `${*}`, `${?}`, `${$}`) with request
// values. Returns nullopt when a variable's key is absent or multivalued, in
// which case IAM treats the element as not matching. Note: the result is plain
// text, so a `*` from `${*}` looks like a wildcard here; StatementApplies and
// ConditionHolds keep substituted text literal internally.
std::optional<std::string> SubstituteVariables(std::string_view text, const Request& request);

// Is this a condition operator IAM knows ("StringLike", "ForAnyValue:StringLikeIfExists",
// "Null")? ConditionHolds treats unknown operators as never holding.
bool IsKnownConditionOperator(std::string_view op_text);

// Does this one condition clause hold for the request?
bool ConditionHolds(const Condition& condition, const Request& request);

// Does the statement apply to the request (principal, action, resource, conditions)?
bool StatementApplies(const Statement& statement, const Request& request);

// Evaluates documents together: explicit Deny > Allow > implicit deny.
Decision Evaluate(const std::vector<const PolicyDocument*>& documents, const Request& request);

}  // namespace trustlint
