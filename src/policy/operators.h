// The IAM condition operators, defined once: the concrete evaluator, the
// symbolic engine and the rules all read their properties from this table, so
// that "is this operator negated?" has one answer (IAM User Guide, "IAM JSON
// policy elements: Condition operators").
#pragma once

#include <span>
#include <string_view>

namespace trustlint {

// What kind of value an operator compares.
enum class OperatorFamily { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };

// How a request value is compared with a condition value, before negation.
enum class OperatorComparison {
  kEquals,             // equal (or matching, for globs; within the range, for IP)
  kLessThan,
  kLessThanEquals,
  kGreaterThan,
  kGreaterThanEquals,
  kPresence,  // Null: tests whether the key is present, not its values
};

struct ConditionOperator {
  std::string_view name;  // the base operator, without ForAnyValue:/ForAllValues: or IfExists
  OperatorFamily family;
  OperatorComparison comparison;
  bool negated;           // holds when no condition value matches (StringNotEquals, NotIpAddress…)
  bool globs;             // condition values may hold `*` and `?` (StringLike, ArnEquals, ArnLike…)
  bool case_insensitive;  // StringEqualsIgnoreCase, StringNotEqualsIgnoreCase
};

// Every condition operator IAM documents, in the order of its reference page.
std::span<const ConditionOperator> ConditionOperators();

// The operator named `base_op` ("StringLike", not "ForAnyValue:StringLikeIfExists";
// see ParseConditionOperator), or nullptr when IAM has no such operator.
// Operator names are case-sensitive in IAM.
const ConditionOperator* FindOperator(std::string_view base_op);

// Is `base_op` an operator that holds when no condition value matches? False for
// an operator IAM does not know (it never holds, negated or not).
bool IsNegatedOperator(std::string_view base_op);

// Do `base_op`'s condition values take `*` and `?`? False for an unknown operator.
bool IsGlobOperator(std::string_view base_op);

}  // namespace trustlint
