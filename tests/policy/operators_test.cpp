// The operator table against IAM's reference page "IAM JSON policy elements:
// Condition operators": every operator it lists, with its family, comparison,
// negation, globs and case sensitivity, and nothing else.
#include "policy/operators.h"

#include <doctest/doctest.h>

#include <string_view>

#include "policy/evaluator.h"

namespace trustlint {
namespace {

using enum OperatorFamily;
using enum OperatorComparison;

struct Expected {
  std::string_view name;
  OperatorFamily family;
  OperatorComparison comparison;
  bool negated;
  bool globs;
  bool case_insensitive;
};

// Transcribed from the reference page, section by section.
constexpr Expected kReference[] = {
    // String condition operators
    {"StringEquals", kString, kEquals, false, false, false},
    {"StringNotEquals", kString, kEquals, true, false, false},
    {"StringEqualsIgnoreCase", kString, kEquals, false, false, true},
    {"StringNotEqualsIgnoreCase", kString, kEquals, true, false, true},
    {"StringLike", kString, kEquals, false, true, false},
    {"StringNotLike", kString, kEquals, true, true, false},
    // Numeric condition operators
    {"NumericEquals", kNumeric, kEquals, false, false, false},
    {"NumericNotEquals", kNumeric, kEquals, true, false, false},
    {"NumericLessThan", kNumeric, kLessThan, false, false, false},
    {"NumericLessThanEquals", kNumeric, kLessThanEquals, false, false, false},
    {"NumericGreaterThan", kNumeric, kGreaterThan, false, false, false},
    {"NumericGreaterThanEquals", kNumeric, kGreaterThanEquals, false, false, false},
    // Date condition operators
    {"DateEquals", kDate, kEquals, false, false, false},
    {"DateNotEquals", kDate, kEquals, true, false, false},
    {"DateLessThan", kDate, kLessThan, false, false, false},
    {"DateLessThanEquals", kDate, kLessThanEquals, false, false, false},
    {"DateGreaterThan", kDate, kGreaterThan, false, false, false},
    {"DateGreaterThanEquals", kDate, kGreaterThanEquals, false, false, false},
    // Boolean, binary, IP address
    {"Bool", kBool, kEquals, false, false, false},
    {"BinaryEquals", kBinary, kEquals, false, false, false},
    {"IpAddress", kIp, kEquals, false, false, false},
    {"NotIpAddress", kIp, kEquals, true, false, false},
    // ARN: "each of the six colon-delimited components ... can include ... wildcards",
    // for the Equals operators as for the Like ones.
    {"ArnEquals", kArn, kEquals, false, true, false},
    {"ArnLike", kArn, kEquals, false, true, false},
    {"ArnNotEquals", kArn, kEquals, true, true, false},
    {"ArnNotLike", kArn, kEquals, true, true, false},
    // Null check
    {"Null", kNull, kPresence, false, false, false},
};

TEST_CASE("operators: every IAM condition operator is in the table with its properties") {
  for (const Expected& e : kReference) {
    CAPTURE(e.name);
    const ConditionOperator* op = FindOperator(e.name);
    REQUIRE(op != nullptr);
    CHECK(op->name == e.name);
    CHECK(op->family == e.family);
    CHECK(op->comparison == e.comparison);
    CHECK(op->negated == e.negated);
    CHECK(op->globs == e.globs);
    CHECK(op->case_insensitive == e.case_insensitive);
    CHECK(IsNegatedOperator(e.name) == e.negated);
    CHECK(IsGlobOperator(e.name) == e.globs);
    CHECK(IsKnownConditionOperator(e.name));
  }
  CHECK(ConditionOperators().size() == std::size(kReference));
}

TEST_CASE("operators: names are exact; prefixes and IfExists are not part of the base name") {
  CHECK(FindOperator("stringequals") == nullptr);  // IAM operator names are case-sensitive
  CHECK(FindOperator("StringEqualsIfExists") == nullptr);
  CHECK(FindOperator("ForAnyValue:StringLike") == nullptr);
  CHECK(FindOperator("BinaryNotEquals") == nullptr);  // not an IAM operator
  CHECK_FALSE(IsNegatedOperator("StringNotAThing"));  // unknown: never holds, so never "negated"
  CHECK(IsKnownConditionOperator("ForAnyValue:StringNotLikeIfExists"));
  CHECK_FALSE(IsKnownConditionOperator("NullIfExists"));
  CHECK_FALSE(IsKnownConditionOperator("ForAllValues:Null"));
}

}  // namespace
}  // namespace trustlint
