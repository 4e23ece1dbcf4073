// Rule documentation generated from rule metadata: `trustlint explain`,
// `trustlint rules`, `trustlint docs DIR` and docs/rules/*.md.
#pragma once

#include <string>

#include "check/rule.h"

namespace trustlint {

// The markdown page of one rule (docs/rules/<ID>.md).
std::string RenderRuleDoc(const RuleInfo& info);

// A markdown table of every registered rule: ID, name, severity, summary.
std::string RenderRulesTable();

// (Re)writes DIR/<ID>.md for every registered rule, creating DIR. Returns false
// and sets `error` when a file cannot be written.
bool WriteRuleDocs(const std::string& dir, std::string* error);

}  // namespace trustlint
