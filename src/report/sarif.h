// SARIF 2.1.0 (SPEC 7), in the shape GitHub code scanning accepts: every rule with
// help and a page, results with regions, fingerprints and suppressions, parse
// failures as tool execution notifications. docs/sarif.md says how to upload it.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "report/writer.h"

namespace trustlint {

std::string RenderSarif(const RunReport& run);
// The same bytes, written as they are made.
void WriteSarif(const RunReport& run, std::ostream& out);

// trustlint's columns count UTF-8 bytes (yaml-cpp's marks and tree-sitter's points
// both do); SARIF's `columnKind: unicodeCodePoints` counts characters. The 1-based
// character column of 1-based byte column `byte_column` in `line`.
int CodePointColumn(std::string_view line, int byte_column);

// A relative path as a URI reference: every byte outside RFC 3986's unreserved set
// and '/' percent-encoded.
std::string PathToUri(std::string_view path);

}  // namespace trustlint
