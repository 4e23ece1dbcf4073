// The HTML audit report (SPEC 9): one self-contained file — inline CSS with a print
// stylesheet, the graph as inline SVG drawn here, no script, no external URL.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "report/audit.h"
#include "report/writer.h"

namespace trustlint {

// Every character of template text that HTML would read as markup, escaped.
std::string HtmlEscape(std::string_view text);

// Byte-identical for the same report.
std::string RenderAuditHtml(const AuditReport& report);

// `check --format html`: the audit report of the run, a Writer like the others.
std::unique_ptr<Writer> MakeHtmlWriter();

// The same model as markdown (distinct from `check --format markdown`, the PR summary).
std::string RenderAuditMarkdown(const AuditReport& report);

}  // namespace trustlint
