// A finding as plain sentences, for the formats that carry it as one string (SARIF's
// message, JUnit's failure text). Raw text: each format escapes it its own way.
#pragma once

#include <string>
#include <vector>

#include "check/finding.h"

namespace trustlint {

// `key="value", list=["a", "b"]`.
std::string WitnessText(const std::vector<WitnessField>& witness);

// The message, then " Witness: …." and " Possible: …." when they apply, ending with
// a period (SARIF asks for messages that are complete sentences).
std::string FindingSentences(const Finding& f);

// `path:line:col: error TL104 name: message` and indented witness, possible, related
// and suppressed lines: what a CI log shows for one finding.
std::string FindingLines(const Finding& f);

}  // namespace trustlint
