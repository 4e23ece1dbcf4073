// Baseline files: fingerprints of accepted findings, hidden on later runs.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/checker.h"
#include "check/finding.h"

namespace trustlint {

// `{"version": 1, "fingerprints": [...sorted...]}` with a trailing newline.
std::string RenderBaseline(const std::vector<Finding>& findings);

// Parses a baseline file's text. On a malformed file returns nullopt and sets
// `error` to "<path>: <what is wrong>".
std::optional<std::set<std::string>> ParseBaseline(const std::string& text, const std::string& path,
                                                   std::string* error);
// Reads and parses `path`; an unreadable file is an error too.
std::optional<std::set<std::string>> ReadBaseline(const std::string& path, std::string* error);

// Drops the findings whose fingerprint is in `fingerprints` and counts them in
// result->baselined. Suppressed findings are dropped too: the baseline wins.
void ApplyBaseline(const std::set<std::string>& fingerprints, CheckResult* result);

}  // namespace trustlint
