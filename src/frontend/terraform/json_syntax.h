// Terraform JSON syntax (`*.tf.json`, SPEC 1): translated into the equivalent
// HCL native syntax so that one evaluator reads both. Each attribute and block
// is written on the line of its JSON key, so positions stay right for the usual
// one-key-per-line files (keys sharing a line move to the next free one).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "frontend/terraform/hcl.h"

namespace trustlint::terraform {

struct JsonSyntaxTranslation {
  std::string hcl;                                         // empty when `error` is set
  std::optional<std::pair<Location, std::string>> error;  // JSON syntax error, 1-based
};

// The HCL text equivalent to a .tf.json document. JSON strings are templates
// (`${...}` interpolation is kept); objects are nested blocks for the block types
// the front end reads (statement, condition, principals, inline_policy,
// role_mapping, mapping_rule, ...) and map values otherwise.
JsonSyntaxTranslation TranslateJsonSyntax(const std::string& path, const std::string& text);

// Parses a .tf.json file into an HclFile (path = the .tf.json file). A JSON error
// is the file's `error`, with the JSON parser's line and column.
std::unique_ptr<HclFile> ParseJsonSyntaxFile(std::string path, const std::string& text,
                                             std::chrono::milliseconds parse_time = BudgetLimits{}.parse_time);

}  // namespace trustlint::terraform
