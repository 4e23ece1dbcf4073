// The Terraform plan front end (SPEC 1, "Terraform plan"): reads the JSON that
// `terraform show -json PLANFILE` prints and declares the same graph nodes as the
// HCL front end, from the plan's concrete values. A value marked unknown after
// apply is replaced by the resource it references when the plan's `configuration`
// names exactly that (an identity pool's ID, a role's ARN), else it stays unknown.
#pragma once

#include <string>
#include <string_view>

#include "graph/graph.h"

namespace trustlint::plan {

// True when a .json file's text is a JSON object with top-level-looking
// `format_version` and `planned_values` keys. Textual on purpose: a truncated plan
// still looks like one, so it becomes TL001 rather than a CloudFormation guess.
bool LooksLikePlan(std::string_view text);

// Declares the input (kind "terraform-plan"), a TL001 parse error with line and
// column when the text is not valid JSON, and every identity pool, role
// attachment, role and policy of the plan. Never throws on bad input.
// `region`/`account` are the configured ones (ScanOptions): what a provider that
// sets none uses; empty when unknown.
void LoadPlan(const std::string& path, const std::string& text, GraphBuilder& builder, const std::string& region = "",
              const std::string& account = "");

}  // namespace trustlint::plan
