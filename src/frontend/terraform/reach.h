// Which top-level blocks of a module the evaluator can reach, decided on the text
// before any parse: what a sparse reading of the module's .tf files keeps
// (ParseTerraformFile with blocks). Most blocks of a real module (functions, tables,
// buckets, queues) give the graph nothing, and their syntax trees were most of the
// front end's memory.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "frontend/terraform/hcl.h"

namespace trustlint::terraform {

// Keeps every block of the module's files (text, top-level blocks) except resources
// of types the graph does not map that no kept block names (`TYPE.NAME` in its text,
// spaces around the dot allowed, anywhere: code, strings, comments), transitively.
// Every other kind of block is kept: variables, locals, outputs, module calls,
// providers, data sources, and any block whose header the lexer could not read.
// Resources are the only blocks found by name alone, and all of a module's
// interfaces (variables, outputs, calls) are kept, so this is decided per module.
// A file read whole (JSON syntax, or text TopBlocksOf does not lay out) comes as one
// block covering its text with an empty header: kept, and what it names is reached.
void MarkReachable(const std::vector<std::pair<std::string_view, std::vector<TopBlock>*>>& files);

}  // namespace trustlint::terraform
