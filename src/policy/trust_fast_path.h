// The common trust shapes settled without Z3.
//
// Allow statements for identity-pool tokens whose conditions are literal
// StringEquals/StringLike on aud and ForAnyValue:StringEquals/StringLike on amr
// (the query's own pool ID may stand as a value of aud) are decided by evaluating a
// few concrete tokens: the guest token, the signed-in token without providers, and
// the readable aud the solver's witness would take. The answer, witness included,
// is the one the solver would give (tests/symbolic/trust_fast_path_test.cpp runs
// both); any other shape, and any question where the solver's witness would rest on
// its own choice (two admitting statements, both amr kinds, a provider entry to
// invent), is left to the solver.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "policy/evaluator.h"
#include "policy/policy.h"
#include "policy/symbolic.h"

namespace trustlint {

// nullopt: not a shape the fast path settles.
std::optional<TrustAnswer> FastTrustAnswer(const PolicyDocument& trust, const TokenQuery& query,
                                           const std::map<std::string, ConstantShape>& shapes);

// The request every trust question is about: sts:AssumeRoleWithWebIdentity by the
// federated principal cognito-identity.amazonaws.com, its token keys not yet set
// (the solver's witnesses and the fast path's start from it).
Request AssumeRoleRequest();

// The reason the solver gives when a statement exists only in one branch of an
// undecided condition (the cache keeps questions whose reasons overlap apart).
std::string UndecidedStatementReason(const Statement& statement);

// The statement of `trust` with this index (answers point at the caller's own
// statement, not at a copy's); nullptr when there is none.
const Statement* StatementWithIndex(const PolicyDocument& trust, int index);

}  // namespace trustlint
