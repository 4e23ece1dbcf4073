// The JSON report: exactly SPEC section 7's document.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "report/writer.h"

namespace trustlint {

// Pretty-printed with a 2-space indent and a trailing newline; byte-identical
// for the same graph and result.
std::string RenderJson(const RunReport& run);
// The same bytes, written as they are made (a large scan's report is never whole in memory).
void WriteJson(const RunReport& run, std::ostream& out);

// The run's summary counts as SPEC 7's object (JSON's "summary", SARIF's run properties).
nlohmann::ordered_json SummaryJson(const Summary& summary);

// A finding's witness as its JSON object, fields in insertion order (JSON and SARIF).
nlohmann::ordered_json WitnessJson(const std::vector<WitnessField>& witness);

}  // namespace trustlint
