#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/rule.h"

namespace trustlint {

// Every rule, sorted by ID. An explicit list: no static self-registration.
const std::vector<std::unique_ptr<Rule>>& AllRules();
const Rule* FindRule(std::string_view id);
// The rule whose name (auth-role-guest-assumable) is `name`, or nullptr.
const Rule* FindRuleByName(std::string_view name);
// nullopt when `id` names a rule; else what is wrong, for a configuration error
// or a suppression: "unknown rule TL999", or "... is a rule name: did you mean TL104?".
std::optional<std::string> UnknownRuleProblem(std::string_view id);
// AllRules() as the list RunChecks takes.
std::vector<const Rule*> RuleSet();

}  // namespace trustlint
