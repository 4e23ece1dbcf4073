// The audit report as markdown: the same model as the HTML report, for a wiki or a
// repository page (the PR summary is `check --format markdown`, another writer).
#include <string>

#include "report/html.h"

namespace trustlint {
namespace {

std::string Num(int n) { return std::to_string(n); }

// Text in a table cell: a pipe would end the cell and a newline the row; `<` and
// `&` are escaped because markdown renderers pass HTML through.
std::string CellText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Code(std::string_view s) {
  // A backtick inside would close the span: use a longer fence.
  const std::string fence = s.find('`') == std::string_view::npos ? "`" : "`` ";
  const std::string close = fence == "`" ? "`" : " ``";
  return fence + std::string(s) + close;
}

std::string Where(const std::string& file, int line) {
  if (file.empty()) return "";
  return Code(file + (line > 0 ? ":" + Num(line) : ""));
}


std::string Matrix(const AuditPool& pool) {
  if (pool.roles.empty()) return "No role of the scan is attached to this pool.\n\n";
  std::string out = "| role | as |";
  for (const char* column : kAuditColumnNames) out += " " + std::string(column) + " |";
  out += "\n|---|---|---|---|---|---|\n";
  for (const AuditRole& role : pool.roles) {
    out += "| " + CellText(role.address) + " | " + CellText(role.as) + " |";
    for (const AuditCell& cell : role.who) out += " **" + CellText(cell.verdict) + "**: " + CellText(cell.detail) + " |";
    out += "\n";
  }
  return out + "\n";
}

std::string GuestPermissions(const AuditPool& pool) {
  std::string out;
  for (const AuditRole& role : pool.roles) {
    if (!role.guests) continue;
    out += "- **" + CellText(role.address) + "**: " + CellText(role.guests_note) + "\n";
    if (role.guest_permissions.empty()) out += "  - no permission a guest can use\n";
    for (const std::string& p : role.guest_permissions) out += "  - " + Code(p) + "\n";
  }
  return out.empty() ? "No role of this pool serves guests.\n\n" : out + "\n";
}

std::string Pool(const AuditPool& pool, bool has_audit) {
  std::string out = "### Identity pool " + CellText(pool.address) + "\n\n" + Where(pool.file, pool.line) +
                    (pool.external ? " (not in the scan: its settings are unknown)" : "") +
                    "\n\n- guests (unauthenticated identities): " + pool.guests +
                    "\n- basic (classic) flow: " + pool.classic_flow + "\n\n";
  if (!has_audit) return out + "This run's JSON has no audit section: who can assume its roles is not known here.\n\n";
  return out + "#### Who can assume its roles\n\n" + Matrix(pool) + "#### What guests can do (after the scope-down)\n\n" +
         GuestPermissions(pool);
}

std::string Source(const AuditFinding& f) {
  if (f.source.lines.empty()) return "";
  // The fence must be longer than any backtick run in the quoted lines.
  std::string fence = "```";
  for (const std::string& line : f.source.lines) {
    while (line.find(fence) != std::string::npos) fence += '`';
  }
  std::string out = fence + "\n";
  for (size_t i = 0; i < f.source.lines.size(); ++i) {
    const int n = f.source.first_line + static_cast<int>(i);
    std::string number = Num(n);
    number.insert(0, number.size() < 5 ? 5 - number.size() : 0, ' ');
    out += (n == f.line ? ">" : " ") + number + "  " + f.source.lines[i] + "\n";
  }
  return out + fence + "\n\n";
}

std::string FindingText(const AuditFinding& f) {
  std::string out = "- " + Where(f.file, f.line) + " **" + f.severity + " " + f.rule + "** " + f.name + " (" +
                    f.certainty + ", " + CellText(f.resource) + ")" + (f.suppressed ? " — suppressed" : "") + "\n\n  " +
                    CellText(f.message) + "\n\n";
  if (!f.possible_because.empty()) out += "  possible because: " + CellText(f.possible_because) + "\n\n";
  if (f.suppressed) out += "  suppression reason: " + CellText(f.suppression_reason) + "\n\n";
  return out + Source(f);
}

std::string Run(const AuditRun& run, size_t index, size_t count) {
  std::string inputs;
  for (const std::string& i : run.inputs) inputs += (inputs.empty() ? "" : ", ") + Code(i);
  std::string out = "## " + (count > 1 ? "Run " + Num(static_cast<int>(index + 1)) + ": " : std::string()) + "inputs\n\n" +
                    (inputs.empty() ? "none" : inputs) + "\n\n" + (count > 1 ? SummaryLine(run.summary) + "\n\n" : std::string());
  if (run.pools.empty()) out += "No identity pool in this run.\n\n";
  for (const AuditPool& pool : run.pools) out += Pool(pool, run.has_audit);
  out += "### Findings\n\n";
  if (run.findings.empty()) out += "None.\n\n";
  for (const AuditFinding& f : run.findings) out += FindingText(f);
  out += "### Suppressions\n\n";
  if (run.suppressions.empty()) out += "None.\n\n";
  for (const AuditSuppression& s : run.suppressions) {
    out += "- " + s.rule + " on " + CellText(s.resource) + " at " + Where(s.file, s.line) + ": " +
           (s.reason.empty() ? std::string("*no reason given*") : CellText(s.reason)) + "\n";
  }
  if (!run.suppressions.empty()) out += "\n";
  return out;
}

}  // namespace

std::string RenderAuditMarkdown(const AuditReport& report) {
  std::string out = "# trustlint audit report\n\n" + SummaryLine(report.total) + "\n\n";
  for (const std::string& note : report.notes) out += "> " + CellText(note) + "\n\n";
  for (size_t i = 0; i < report.runs.size(); ++i) out += Run(report.runs[i], i, report.runs.size());
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace trustlint
