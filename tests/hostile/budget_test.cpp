// Budget: one counter per resource for a whole unit, and what running out says.
#include "base/budget.h"

#include <doctest/doctest.h>

using trustlint::Budget;
using trustlint::BudgetExhausted;
using trustlint::BudgetLimits;
using trustlint::Location;

TEST_CASE("budget: counters add up across calls and throw once past the limit, naming the budget") {
  BudgetLimits limits;
  limits.instances = 10;
  Budget budget(limits);
  budget.SpendInstances(6, Location{"a.tf", 1, 1});
  budget.SpendInstances(4, Location{"a.tf", 2, 1});  // exactly the limit: still fine
  try {
    budget.SpendInstances(1, Location{"b.tf", 3, 5});
    FAIL("no throw");
  } catch (const BudgetExhausted& e) {
    CHECK(e.budget() == "instances");
    CHECK(e.where() == Location{"b.tf", 3, 5});
    CHECK(std::string(e.what()) == "scan budget \"instances\" exhausted: more than 10 Terraform instances");
  }
  CHECK_NOTHROW(budget.SpendValues(limits.values, Location{}));  // each budget counts alone
  CHECK_THROWS_AS(budget.SpendBytes(limits.bytes + 1, Location{}), BudgetExhausted);
}

TEST_CASE("budget: parse time grows with the file's size") {
  BudgetLimits limits;
  limits.parse_time = std::chrono::milliseconds(2000);
  limits.parse_time_per_mib = std::chrono::milliseconds(1500);
  CHECK(limits.ParseTimeFor(0) == std::chrono::milliseconds(2000));
  CHECK(limits.ParseTimeFor(512u << 10) == std::chrono::milliseconds(2750));
  CHECK(limits.ParseTimeFor(8u << 20) == std::chrono::milliseconds(14000));
}
