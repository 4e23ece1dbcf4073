// The one table of IAM condition operators (see operators.h).
#include "policy/operators.h"

#include <array>

namespace trustlint {
namespace {

using enum OperatorFamily;
using enum OperatorComparison;

// IAM: "ArnEquals, ArnLike ... each of the six colon-delimited components of the
// ARN is checked separately and each can include multi-character match
// wildcards (*) or single-character match wildcards (?)": so the ARN operators
// all take globs, the Equals ones included.
constexpr std::array<ConditionOperator, 27> kOperators = {{
    // name, family, comparison, negated, globs, case_insensitive
    {"StringEquals", kString, kEquals, false, false, false},
    {"StringNotEquals", kString, kEquals, true, false, false},
    {"StringEqualsIgnoreCase", kString, kEquals, false, false, true},
    {"StringNotEqualsIgnoreCase", kString, kEquals, true, false, true},
    {"StringLike", kString, kEquals, false, true, false},
    {"StringNotLike", kString, kEquals, true, true, false},
    {"NumericEquals", kNumeric, kEquals, false, false, false},
    {"NumericNotEquals", kNumeric, kEquals, true, false, false},
    {"NumericLessThan", kNumeric, kLessThan, false, false, false},
    {"NumericLessThanEquals", kNumeric, kLessThanEquals, false, false, false},
    {"NumericGreaterThan", kNumeric, kGreaterThan, false, false, false},
    {"NumericGreaterThanEquals", kNumeric, kGreaterThanEquals, false, false, false},
    {"DateEquals", kDate, kEquals, false, false, false},
    {"DateNotEquals", kDate, kEquals, true, false, false},
    {"DateLessThan", kDate, kLessThan, false, false, false},
    {"DateLessThanEquals", kDate, kLessThanEquals, false, false, false},
    {"DateGreaterThan", kDate, kGreaterThan, false, false, false},
    {"DateGreaterThanEquals", kDate, kGreaterThanEquals, false, false, false},
    {"Bool", kBool, kEquals, false, false, false},
    {"BinaryEquals", kBinary, kEquals, false, false, false},
    {"IpAddress", kIp, kEquals, false, false, false},
    {"NotIpAddress", kIp, kEquals, true, false, false},
    {"ArnEquals", kArn, kEquals, false, true, false},
    {"ArnLike", kArn, kEquals, false, true, false},
    {"ArnNotEquals", kArn, kEquals, true, true, false},
    {"ArnNotLike", kArn, kEquals, true, true, false},
    {"Null", kNull, kPresence, false, false, false},
}};

}  // namespace

std::span<const ConditionOperator> ConditionOperators() { return kOperators; }

const ConditionOperator* FindOperator(std::string_view base_op) {
  for (const ConditionOperator& op : kOperators) {
    if (op.name == base_op) return &op;
  }
  return nullptr;
}

bool IsNegatedOperator(std::string_view base_op) {
  const ConditionOperator* op = FindOperator(base_op);
  return op != nullptr && op->negated;
}

bool IsGlobOperator(std::string_view base_op) {
  const ConditionOperator* op = FindOperator(base_op);
  return op != nullptr && op->globs;
}

}  // namespace trustlint
