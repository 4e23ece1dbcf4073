#pragma once

#include <memory>
#include <vector>

#include "check/rule.h"

namespace trustlint {

// Every rule, sorted by ID. An explicit list: no static self-registration.
const std::vector<std::unique_ptr<Rule>>& AllRules();
const Rule* FindRule(std::string_view id);
// AllRules() as the list RunChecks takes.
std::vector<const Rule*> RuleSet();

}  // namespace trustlint
