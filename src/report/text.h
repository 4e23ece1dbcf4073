// The text report: one block per finding, then a summary line (SPEC 7).
#pragma once

#include <cstdio>
#include <string>

#include "report/writer.h"

namespace trustlint {

// `path:line:col: error TL104 auth-role-guest-assumable: <message>` per finding,
// indented witness/possible/related lines, then
// `N errors, N warnings, N notes in N files (N suppressed)`. Suppressed findings
// only with run.show_suppressed.
std::string RenderText(const RunReport& run);

// Colour only on a terminal, and never when NO_COLOR is set.
bool ColorWanted(std::FILE* stream);

}  // namespace trustlint
