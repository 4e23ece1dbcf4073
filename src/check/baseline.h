// Baseline files: the accepted findings, hidden on later runs (SPEC 8).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/checker.h"
#include "check/finding.h"

namespace trustlint {

// `{"version": 2, "findings": [{"rule", "resource", "file", "message",
// "fingerprint"}...]}` sorted by file, rule, resource, fingerprint, with a trailing
// newline: readable, so that a reviewer sees what is being accepted. `resource` and
// `file` are what the fingerprint hashes (no `<path>#`, relative to the repository root).
std::string RenderBaseline(const std::vector<Finding>& findings);

// Parses a baseline file's text. On a malformed file (or a version 1 file, whose
// fingerprints were computed otherwise) returns nullopt and sets `error` to
// "<path>: <what is wrong>".
std::optional<std::vector<BaselineEntry>> ParseBaseline(const std::string& text, const std::string& path,
                                                        std::string* error);
// Reads and parses `path`; an unreadable file is an error too.
std::optional<std::vector<BaselineEntry>> ReadBaseline(const std::string& path, std::string* error);

// Moves the findings whose fingerprint an entry holds to result->baselined_findings
// (suppressed ones too: the baseline wins) and counts them in result->baselined;
// the entries that match no finding go to result->stale_baseline.
void ApplyBaseline(const std::vector<BaselineEntry>& entries, CheckResult* result);

}  // namespace trustlint
