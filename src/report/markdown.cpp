#include "report/markdown.h"

#include "report/graph_output.h"
#include "report/safe_text.h"

namespace trustlint {
namespace {


// GitHub shortcodes: the reader sees at a glance whether anything is at error level.
std::string_view VerdictIcon(const Summary& s) {
  if (s.errors > 0) return ":x:";
  if (s.warnings > 0) return ":warning:";
  return ":white_check_mark:";
}

std::string Verdict(const Summary& s) {
  std::string out = std::string(VerdictIcon(s)) + " **trustlint**: " + CountOf(s.errors, "error") + ", " +
                    CountOf(s.warnings, "warning") + ", " + CountOf(s.notes, "note") + " in " + CountOf(s.files, "file") +
                    " (" + std::to_string(s.suppressed) + " suppressed";
  if (s.baselined > 0) out += ", " + std::to_string(s.baselined) + " baselined";
  if (s.possible > 0) out += ", " + std::to_string(s.possible) + " possible";
  return out + ")\n";
}

std::string Where(const Location& loc) {
  if (loc.file.empty()) return "";
  return loc.line > 0 ? loc.file + ":" + std::to_string(loc.line) : loc.file;
}

// At most kMarkdownMaxCell bytes of `s`, cut at a character boundary, with an
// ellipsis when cut: one hostile value must not fill the summary.
std::string Shortened(std::string_view s) {
  if (s.size() <= kMarkdownMaxCell) return std::string(s);
  size_t end = kMarkdownMaxCell;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "…";
}

std::string TableRow(const Finding& f) {
  return "| " + std::string(SeverityName(f.severity)) + " | " + MarkdownText(f.rule + " " + f.name) + " | " +
         (f.proven ? "proven" : "possible") + " | " + MarkdownText(Shortened(f.resource)) + " | " +
         MarkdownText(Shortened(Where(f.loc))) + " | " + MarkdownText(Shortened(f.message)) + " |\n";
}

std::string FindingsTable(const CheckResult& result) {
  std::string rows;
  size_t listed = 0;
  size_t left_out = 0;
  for (const Finding& f : result.findings) {
    if (f.suppressed) continue;
    if (listed == kMarkdownMaxRows || rows.size() > kMarkdownMaxTableBytes) {
      ++left_out;
      continue;
    }
    rows += TableRow(f);
    ++listed;
  }
  if (rows.empty()) return "No findings.\n";
  std::string out = "| Severity | Rule | Certainty | Resource | Location | Message |\n"
                    "| --- | --- | --- | --- | --- | --- |\n" +
                    rows;
  if (left_out > 0) {
    out += "\nThe first " + std::to_string(listed) + " findings are listed; " + std::to_string(left_out) +
           (left_out == 1 ? " more is" : " more are") + " in the text, JSON or SARIF output.\n";
  }
  return out;
}

// Every unsuppressed finding marks the resource it names; trust findings (TL1xx)
// also mark the edges into their role.
GraphMarks MarksOf(const CheckResult& result) {
  GraphMarks marks;
  for (const Finding& f : result.findings) {
    if (f.suppressed) continue;
    marks.resources[f.resource].insert(f.rule);
    if (f.rule.rfind("TL1", 0) == 0) marks.trust[f.resource].insert(f.rule);
  }
  return marks;
}

std::string Diagram(const RunReport& run) {
  const MermaidDrawing drawing = RenderMarkedMermaid(run.graph, MarksOf(run.result), kMarkdownDiagramMaxNodes);
  const size_t total = drawing.nodes_drawn + drawing.nodes_left_out;
  if (total == 0) return "No identity pools, roles or policies found.\n";
  std::string out;
  if (drawing.nodes_left_out > 0) {
    out += "The graph has " + std::to_string(total) + " nodes, more than " +
           std::to_string(kMarkdownDiagramMaxNodes) + ": only the " + std::to_string(drawing.nodes_drawn) +
           " in parts that carry findings are drawn; " + std::to_string(drawing.nodes_left_out) +
           " are left out (`trustlint graph --format mermaid` draws them all).\n";
    if (drawing.nodes_drawn == 0) return out;
    out += "\n";
  }
  out += "Nodes and edges with findings are red and name their rules.\n\n";
  return out + "```mermaid\n" + drawing.text + "```\n";
}

bool BaselineUsed(const RunReport& run) { return run.summary.baselined > 0 || !run.result.stale_baseline.empty(); }

std::string BaselineSection(const RunReport& run) {
  std::string out = "### Changes against the baseline\n\n";
  out += CountOf(run.summary.baselined, "finding") + " accepted by the baseline " +
         (run.summary.baselined == 1 ? "is" : "are") + " not shown.\n";
  const auto& stale = run.result.stale_baseline;
  if (stale.empty()) return out + "No baseline entry is stale.\n";
  out += "\n" + std::to_string(stale.size()) +
         (stale.size() == 1 ? " baseline entry no longer matches" : " baseline entries no longer match") +
         " a finding (fixed since, or changed):\n\n";
  for (const BaselineEntry& e : stale) {
    out += "- " + MarkdownText(e.rule) + " on " + MarkdownText(e.resource) + " in " + MarkdownText(e.file) + "\n";
  }
  return out;
}

std::string PossibleDetails(const CheckResult& result) {
  std::string items;
  int count = 0;
  for (const Finding& f : result.findings) {
    if (f.suppressed || f.proven) continue;
    ++count;
    items += "- " + MarkdownText(f.rule) + " on " + MarkdownText(f.resource) + " (" + MarkdownText(Where(f.loc)) +
             "): " + MarkdownText(f.PossibleBecause()) + "\n";
  }
  if (count == 0) return "";
  return "<details><summary>Why " + CountOf(count, "finding") + (count == 1 ? " is" : " are") +
         " only possible</summary>\n\n" + items + "\n</details>\n";
}

}  // namespace

std::string MarkdownText(std::string_view s) {
  std::string out;
  for (char c : Printable(s, "\n")) {
    switch (c) {
      case '\n':
        out += "<br>";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      // A backslash makes any ASCII punctuation literal (CommonMark 2.4): these would
      // start code, emphasis, links, strikethrough or math, or end a table cell.
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '~':
      case '$':
      case '|':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderMarkdown(const RunReport& run) {
  std::string out = Verdict(run.summary);
  out += "\n### Findings\n\n" + FindingsTable(run.result);
  out += "\n### Pools → roles → policies\n\n" + Diagram(run);
  if (BaselineUsed(run)) out += "\n" + BaselineSection(run);
  if (const std::string details = PossibleDetails(run.result); !details.empty()) out += "\n" + details;
  return out;
}

}  // namespace trustlint
