#include "report/html.h"

#include <algorithm>
#include <string>

namespace trustlint {
namespace {

// Print: each pool starts a page, and nothing is cut across a table row or box.
constexpr std::string_view kStyle = R"(
body { font-family: sans-serif; font-size: 14px; color: #1b1b1b; margin: 24px; max-width: 1200px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 20px; border-bottom: 2px solid #444; padding-bottom: 2px; margin-top: 32px; }
h3 { font-size: 17px; margin: 20px 0 6px; }
code, pre { font-family: monospace; font-size: 12px; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.yes { background: #e3ecfb; }
td.no { background: #f1f1f1; }
td.possible { background: #fdf3d6; }
td.unknown { background: #fdf3d6; }
.verdict { font-weight: bold; }
.summary { font-size: 15px; }
.note { background: #fdf3d6; border-left: 4px solid #d9a400; padding: 6px 10px; }
.finding { border: 1px solid #ccc; border-left: 6px solid #888; margin: 10px 0; padding: 6px 10px; }
.finding.error { border-left-color: #c62828; }
.finding.warning { border-left-color: #e08a00; }
.finding.note { border-left-color: #1565c0; }
.finding.suppressed { opacity: 0.75; }
.finding pre { background: #f6f6f6; padding: 4px; overflow-x: auto; }
.hit { background: #fbe3e3; font-weight: bold; }
.muted { color: #666; }
svg text { font-family: sans-serif; font-size: 12px; }
@media print {
  body { margin: 0; max-width: none; }
  .pool { break-before: page; page-break-before: always; }
  .finding, tr, figure { break-inside: avoid; page-break-inside: avoid; }
}
)";

constexpr int kBoxWidth = 300;
constexpr int kBoxHeight = 30;
constexpr int kRowStep = 44;
constexpr int kColumnStep = 380;
constexpr int kMargin = 20;
constexpr size_t kLabelChars = 42;

std::string Num(int n) { return std::to_string(n); }

std::string Escape(std::string_view s) { return HtmlEscape(s); }

// A long address is cut in the box; the full text is the box's tooltip.
std::string BoxLabel(const std::string& label) {
  if (label.size() <= kLabelChars) return label;
  size_t cut = kLabelChars - 1;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return label.substr(0, cut) + "\xE2\x80\xA6";
}

// Layered layout: one column per kind, boxes in model order, so coordinates are a
// function of the model alone.
std::string Svg(const AuditPicture& picture) {
  if (picture.nodes.empty()) return "<p class=\"muted\">No identity pool of this run attaches a role.</p>\n";
  std::vector<int> row_of(picture.nodes.size());
  int rows[3] = {0, 0, 0};
  for (size_t i = 0; i < picture.nodes.size(); ++i) row_of[i] = rows[std::clamp(picture.nodes[i].column, 0, 2)]++;
  const int height = 2 * kMargin + std::max({rows[0], rows[1], rows[2]}) * kRowStep;
  const int width = 2 * kMargin + 2 * kColumnStep + kBoxWidth;
  auto x_of = [&](size_t n) { return kMargin + std::clamp(picture.nodes[n].column, 0, 2) * kColumnStep; };
  auto y_of = [&](size_t n) { return kMargin + row_of[n] * kRowStep; };
  std::string out = "<svg role=\"img\" aria-label=\"identity pools, roles and "
                    "policies\" width=\"" + Num(width) + "\" height=\"" + Num(height) + "\" viewBox=\"0 0 " +
                    Num(width) + " " + Num(height) + "\">\n";
  for (const AuditEdge& e : picture.edges) {
    const size_t from = static_cast<size_t>(e.from);
    const size_t to = static_cast<size_t>(e.to);
    const int x1 = x_of(from) + kBoxWidth, y1 = y_of(from) + kBoxHeight / 2;
    const int x2 = x_of(to), y2 = y_of(to) + kBoxHeight / 2;
    const std::string colour = e.flagged ? "#c62828" : "#777777";
    out += "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" + Num(y2) +
           "\" stroke=\"" + colour + "\" stroke-width=\"" + (e.flagged ? "2.5" : "1.5") + "\"><title>" +
           Escape(e.label) + "</title></line>\n";
    out += "<circle cx=\"" + Num(x2) + "\" cy=\"" + Num(y2) + "\" r=\"3\" fill=\"" + colour + "\"/>\n";
    if (!e.label.empty()) {
      // Near the role's end, where edges from one pool have spread apart.
      out += "<text x=\"" + Num(x1 + (x2 - x1) * 3 / 4) + "\" y=\"" + Num(y1 + (y2 - y1) * 3 / 4 - 4) +
             "\" text-anchor=\"middle\" fill=\"" + colour + "\">" + Escape(e.label) + "</text>\n";
    }
  }
  for (size_t n = 0; n < picture.nodes.size(); ++n) {
    const AuditNode& node = picture.nodes[n];
    const bool pool = node.column == 0;
    out += "<g><title>" + Escape(node.label) + "</title><rect x=\"" + Num(x_of(n)) + "\" y=\"" + Num(y_of(n)) +
           "\" width=\"" + Num(kBoxWidth) + "\" height=\"" + Num(kBoxHeight) + "\" rx=\"" + (pool ? "14" : "3") +
           "\" fill=\"" + (node.flagged ? "#fbe3e3" : "#f4f4f4") + "\" stroke=\"" +
           (node.flagged ? "#c62828" : "#555555") + "\" stroke-width=\"" + (node.flagged ? "2.5" : "1") + "\"/>";
    out += "<text x=\"" + Num(x_of(n) + 8) + "\" y=\"" + Num(y_of(n) + 19) + "\">" + Escape(BoxLabel(node.label)) +
           "</text></g>\n";
  }
  return out + "</svg>\n";
}

std::string Where(const std::string& file, int line) {
  if (file.empty()) return "";
  return "<code>" + Escape(file) + (line > 0 ? ":" + Num(line) : "") + "</code>";
}

std::string Cell(const AuditCell& cell) {
  return "<td class=\"" + Escape(cell.verdict) + "\"><span class=\"verdict\">" + Escape(cell.verdict) +
         "</span>: " + Escape(cell.detail) + "</td>";
}

std::string Matrix(const AuditPool& pool, bool has_audit) {
  if (!has_audit) return "<p class=\"note\">This run's JSON has no audit section: who can assume its roles is not known here.</p>\n";
  if (pool.roles.empty()) return "<p class=\"muted\">No role of the scan is attached to this pool.</p>\n";
  std::string out = "<table class=\"matrix\">\n<tr><th>role</th><th>as</th>";
  for (const char* column : kAuditColumnNames) out += "<th>" + Escape(column) + "</th>";
  out += "</tr>\n";
  for (const AuditRole& role : pool.roles) {
    out += "<tr><td><strong>" + Escape(role.address) + "</strong><br>" + Where(role.file, role.line) + "</td><td>" +
           Escape(role.as) + "</td>";
    for (const AuditCell& cell : role.who) out += Cell(cell);
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string GuestPermissions(const AuditPool& pool) {
  std::string out;
  for (const AuditRole& role : pool.roles) {
    if (!role.guests) continue;
    out += "<p><strong>" + Escape(role.address) + "</strong> — " + Escape(role.guests_note) + "</p>\n";
    if (role.guest_permissions.empty()) {
      out += "<p class=\"muted\">No permission a guest can use.</p>\n";
      continue;
    }
    out += "<ul>\n";
    for (const std::string& p : role.guest_permissions) out += "<li><code>" + Escape(p) + "</code></li>\n";
    out += "</ul>\n";
  }
  return out.empty() ? "<p class=\"muted\">No role of this pool serves guests.</p>\n" : out;
}

std::string Pool(const AuditPool& pool, bool has_audit) {
  std::string out = "<section class=\"pool\">\n<h3>Identity pool " + Escape(pool.address) + "</h3>\n<p>" +
                    Where(pool.file, pool.line) +
                    (pool.external ? " <span class=\"muted\">(not in the scan: its settings are unknown)</span>" : "") +
                    "</p>\n<table class=\"flows\"><tr><th>guests (unauthenticated identities)</th><th>basic (classic) "
                    "flow</th></tr>\n<tr><td class=\"" + Escape(pool.guests) + "\">" + Escape(pool.guests) +
                    "</td><td class=\"" + Escape(pool.classic_flow) + "\">" + Escape(pool.classic_flow) +
                    "</td></tr></table>\n<h4>Who can assume its roles</h4>\n" + Matrix(pool, has_audit);
  if (has_audit) out += "<h4>What guests can do (after the scope-down)</h4>\n" + GuestPermissions(pool);
  return out + "</section>\n";
}

std::string Source(const AuditFinding& f) {
  if (f.source.lines.empty()) return "";
  std::string out = "<pre>";
  for (size_t i = 0; i < f.source.lines.size(); ++i) {
    const int n = f.source.first_line + static_cast<int>(i);
    std::string number = Num(n);
    number.insert(0, number.size() < 5 ? 5 - number.size() : 0, ' ');
    const std::string line = number + "  " + Escape(f.source.lines[i]);
    out += n == f.line ? "<span class=\"hit\">" + line + "</span>\n" : line + "\n";
  }
  return out + "</pre>\n";
}

std::string FindingHtml(const AuditFinding& f) {
  std::string out = "<div class=\"finding " + Escape(f.severity) + (f.suppressed ? " suppressed" : "") + "\">\n<p>" +
                    Where(f.file, f.line) + " <strong>" + Escape(f.severity) + " " + Escape(f.rule) + "</strong> " +
                    Escape(f.name) + " <span class=\"muted\">(" + Escape(f.certainty) + ", " + Escape(f.resource) +
                    ")</span></p>\n<p>" + Escape(f.message) + "</p>\n";
  if (!f.possible_because.empty()) out += "<p class=\"muted\">possible because: " + Escape(f.possible_because) + "</p>\n";
  if (f.suppressed) out += "<p class=\"muted\">suppressed: " + Escape(f.suppression_reason) + "</p>\n";
  return out + Source(f) + "</div>\n";
}

std::string Suppressions(const AuditRun& run) {
  if (run.suppressions.empty()) return "<p class=\"muted\">None.</p>\n";
  std::string out = "<table><tr><th>rule</th><th>resource</th><th>where</th><th>reason</th></tr>\n";
  for (const AuditSuppression& s : run.suppressions) {
    out += "<tr><td>" + Escape(s.rule) + "</td><td>" + Escape(s.resource) + "</td><td>" + Where(s.file, s.line) +
           "</td><td>" + (s.reason.empty() ? "<em>no reason given</em>" : Escape(s.reason)) + "</td></tr>\n";
  }
  return out + "</table>\n";
}


class HtmlWriter final : public Writer {
 public:
  std::string_view Format() const override { return "html"; }
  std::string_view Extension() const override { return ".html"; }
  std::string Render(const RunReport& run) const override {
    return RenderAuditHtml(SingleRunReport(BuildAuditRun(run.graph, run.result, run.summary)));
  }
  bool NeedsWholeGraph() const override { return true; }  // the audit report analyses every pool
};

std::string Run(const AuditRun& run, size_t index, size_t count) {
  std::string inputs;
  for (const std::string& i : run.inputs) inputs += (inputs.empty() ? "" : ", ") + i;
  std::string out = "<section class=\"run\">\n<h2>" +
                    (count > 1 ? "Run " + Num(static_cast<int>(index + 1)) + ": " : std::string()) + "inputs</h2>\n<p>" +
                    Escape(inputs.empty() ? "none" : inputs) + "</p>\n" + (count > 1 ? "<p class=\"summary\">" + Escape(SummaryLine(run.summary)) + "</p>\n" : std::string()) +
                    "<h3>Pools, roles and policies</h3>\n<figure>\n" + Svg(run.picture) +
                    "<figcaption class=\"muted\">Identity pools → roles → policies; red: a resource with an "
                    "unsuppressed finding, and the edges into it.</figcaption>\n</figure>\n";
  if (run.pools.empty()) out += "<p class=\"muted\">No identity pool in this run.</p>\n";
  for (const AuditPool& pool : run.pools) out += Pool(pool, run.has_audit);
  out += "<h3>Findings</h3>\n";
  if (run.findings.empty()) out += "<p class=\"muted\">None.</p>\n";
  for (const AuditFinding& f : run.findings) out += FindingHtml(f);
  out += "<h3>Suppressions</h3>\n" + Suppressions(run);
  return out + "</section>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::unique_ptr<Writer> MakeHtmlWriter() { return std::make_unique<HtmlWriter>(); }

std::string RenderAuditHtml(const AuditReport& report) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>trustlint audit report</title>\n<style>" + std::string(kStyle) +
                    "</style>\n</head>\n<body>\n<h1>trustlint audit report</h1>\n<p class=\"muted\">trustlint " +
                    Escape(TRUSTLINT_VERSION) + "</p>\n<p class=\"summary\">" + Escape(SummaryLine(report.total)) + "</p>\n";
  for (const std::string& note : report.notes) out += "<p class=\"note\">" + Escape(note) + "</p>\n";
  for (size_t i = 0; i < report.runs.size(); ++i) out += Run(report.runs[i], i, report.runs.size());
  return out + "</body>\n</html>\n";
}

}  // namespace trustlint
