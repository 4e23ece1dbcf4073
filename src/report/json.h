// The JSON report: exactly SPEC section 7's document.
#pragma once

#include <string>

#include "report/writer.h"

namespace trustlint {

// Pretty-printed with a 2-space indent and a trailing newline; byte-identical
// for the same graph and result.
std::string RenderJson(const RunReport& run);

}  // namespace trustlint
