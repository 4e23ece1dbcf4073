// The permission engine (Z3): Zelkova's question "is A more permissive than B?"
// over (action, resource) requests of permission policies.
//
// A side is a stack of policy layers (identity policies, a permissions boundary,
// session policies): a request is allowed only when every layer allows it, each
// layer judged as IAM does (explicit Deny > Allow > implicit deny). Actions are
// finite: the candidates are partitioned into classes that every statement's
// Action/NotAction treats alike, and each class is one question to Z3 with the
// resource a string variable (globs, NotResource as negation, policy variables
// substituted from the side's identity when the statement's Version has them).
//
// Condition clauses on a key the side's identity decides (its token's amr, aud,
// sub) are evaluated concretely; every other clause is a free Boolean shared by
// both sides (the same request context), which over-approximates: "contained" is
// a proof, and an excess class is reported only with a witness request that the
// concrete evaluator (evaluator.h) confirms. A class the solver cannot settle is
// reported as unsettled, never as contained.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "policy/catalogue.h"
#include "policy/evaluator.h"
#include "policy/policy.h"

namespace trustlint {

struct PermissionSide {
  // Every layer must allow. No layers: everything is allowed; an empty layer: nothing.
  std::vector<std::vector<const PolicyDocument*>> layers;
  // The identity's token keys (lower-cased), also the values of policy variables.
  Request identity;
  // Context keys whose values `identity` fixes; clauses on other keys are free.
  std::set<std::string> decided_keys;
};

// A class of actions that A allows somewhere B does not, with a confirmed witness.
struct ExcessClass {
  std::vector<const ActionInfo*> actions;  // every statement of both sides treats them alike
  std::string action;                      // the witness action (the first of `actions`)
  std::string resource;                    // allowed by A and not by B, checked concretely
  std::map<std::string, std::vector<std::string>> context;  // shared context keys the witness needs
};

struct ExcessAnswer {
  std::vector<ExcessClass> excess;
  // Classes the solver could not settle (work limit, or no model survived the
  // concrete re-check): neither contained nor shown broader.
  std::vector<const ActionInfo*> unsettled;
  std::string unsettled_reason;
  bool Contained() const { return excess.empty() && unsettled.empty(); }
  std::size_t ExcessActionCount() const;
};

// Does the statement's Action (or NotAction) cover `action`?
bool ActionNamed(const Statement& s, std::string_view action);

// Is the request allowed by every layer of the side (context: identity + `shared`)?
bool SideAllows(const PermissionSide& side, std::string_view action, std::string_view resource,
                const std::map<std::string, std::vector<std::string>>& shared = {});

// Owns a Z3 context. Not thread-safe; one per scan.
class PermissionSolver {
 public:
  PermissionSolver();
  ~PermissionSolver();
  PermissionSolver(const PermissionSolver&) = delete;
  PermissionSolver& operator=(const PermissionSolver&) = delete;

  // Among `actions`: which classes have a (resource, context) that `a` allows and
  // `b` does not? With `first_only`, stops at the first excess class.
  ExcessAnswer Excess(const PermissionSide& a, const PermissionSide& b, const std::vector<const ActionInfo*>& actions,
                      bool first_only = false);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The Cognito identity keys a token fixes.
inline constexpr std::string_view kAmrKey = "cognito-identity.amazonaws.com:amr";
inline constexpr std::string_view kAudKey = "cognito-identity.amazonaws.com:aud";
inline constexpr std::string_view kSubKey = "cognito-identity.amazonaws.com:sub";

}  // namespace trustlint
