// The text report: one block per finding, then a summary line (SPEC 7).
#pragma once

#include <cstdio>
#include <string>

#include "check/checker.h"
#include "graph/graph.h"

namespace trustlint {

struct TextOptions {
  bool color = false;  // ANSI colour: see ColorWanted
};

// `path:line:col: error TL104 auth-role-guest-assumable: <message>` per finding,
// indented witness/possible/related/suppressed lines, then
// `N errors, N warnings, N notes in N files (N suppressed)`.
std::string RenderText(const Graph& graph, const CheckResult& result, const TextOptions& options);

// Colour only on a terminal, and never when NO_COLOR is set.
bool ColorWanted(std::FILE* stream);

}  // namespace trustlint
