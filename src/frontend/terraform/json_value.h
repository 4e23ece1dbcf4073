// JSON text inside Terraform strings (heredoc policies, file(), jsondecode) turned
// into a graph Value with positions, so findings point at the .tf (or .json) line.
#pragma once

#include <optional>
#include <vector>

#include "graph/value.h"

namespace trustlint::terraform {

// Parses the JSON spelled by `parts` (symbols, such as an interpolated pool ID,
// may sit inside JSON strings and stay symbols). `start` is where the text's first
// character is in the source. nullopt when the text is not a JSON object or array.
std::optional<Value> ParseJsonParts(const std::vector<StringPart>& parts, const Location& start);

}  // namespace trustlint::terraform
