// JUnit XML (SPEC 7): one test suite per rule, one test case per rule per resource,
// for CI systems that show test reports but not SARIF.
#pragma once

#include <string>
#include <string_view>

#include "report/writer.h"

namespace trustlint {

std::string RenderJunit(const RunReport& run);

// `text` as XML 1.0 character data or (with `attribute`) an attribute value: markup
// characters escaped, and what XML 1.0 cannot hold at all (control characters other
// than tab, newline and carriage return; invalid UTF-8; U+FFFE, U+FFFF) replaced by
// U+FFFD, since template text is hostile input and a CI server must still parse the
// report. In attributes tab, newline and carriage return become character
// references so that they survive attribute-value normalization.
std::string XmlEscape(std::string_view text, bool attribute);

}  // namespace trustlint
