#include "report/text.h"

#include <unistd.h>

#include <cstdlib>

#include "report/safe_text.h"

namespace trustlint {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";

std::string_view SeverityColor(Severity s) {
  switch (s) {
    case Severity::kError:
      return "\x1b[1;31m";
    case Severity::kWarning:
      return "\x1b[1;33m";
    case Severity::kNote:
      return "\x1b[1;36m";
  }
  return "";
}

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string Paint(std::string_view code, std::string_view text) const {
    if (!on_) return std::string(text);
    return std::string(code) + std::string(text) + std::string(kReset);
  }

 private:
  bool on_;
};

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return Printable(out + "\"");
}

std::string WitnessLine(const std::vector<WitnessField>& witness) {
  std::string line = "witness:";
  for (const WitnessField& w : witness) {
    line += " " + w.key + "=";
    if (!w.is_list) {
      line += Quote(w.values.empty() ? "" : w.values.front());
      continue;
    }
    line += "[";
    for (size_t i = 0; i < w.values.size(); ++i) line += (i ? "," : "") + Quote(w.values[i]);
    line += "]";
  }
  return line;
}

std::string Where(const Location& loc, const std::string& fallback) {
  if (loc.file.empty()) return fallback;
  return FormatLocation(loc);
}


void RenderFinding(const Finding& f, const Painter& p, std::string& out) {
  out += p.Paint(kBold, Where(f.loc, f.resource) + ":") + " ";
  out += p.Paint(SeverityColor(f.severity), SeverityName(f.severity));
  out += " " + f.rule + " " + f.name + ": " + Printable(f.message) + "\n";
  const std::string indent = "    ";
  if (!f.witness.empty()) out += indent + WitnessLine(f.witness) + "\n";
  if (!f.proven) {
    out += indent +
           "possible: " + f.PossibleBecause() + "\n";
  }
  for (const Related& r : f.related) {
    std::string at = r.loc.file;
    if (r.loc.Known()) at += ":" + std::to_string(r.loc.line);
    out += indent + p.Paint(kDim, "related " + at + ":") + " " + Printable(r.message) + "\n";
  }
  if (f.suppressed) out += indent + "suppressed: " + Printable(f.suppression_reason) + "\n";
}

// After the summary: what the baseline accepts that this scan no longer finds,
// so that a fixed finding's entry is removed before it can hide a new one.
void RenderStaleBaseline(const std::vector<BaselineEntry>& stale, std::string& out) {
  for (const BaselineEntry& e : stale) {
    out += "stale baseline entry (fixed or changed): " + e.rule + " " + Printable(e.resource) + " " +
           Printable(e.file) + "\n";
  }
}

}  // namespace

std::string RenderText(const RunReport& run) {
  const Painter painter(run.color);
  std::string out;
  for (const Finding& f : run.result.findings) {
    // SPEC 7: a suppressed finding is not an error to the reader; its count is in the summary.
    if (f.suppressed && !run.show_suppressed) continue;
    RenderFinding(f, painter, out);
  }
  if (run.show_suppressed) {
    for (const Finding& f : run.result.baselined_findings) {
      RenderFinding(f, painter, out);
      out += "    baselined: fingerprint " + f.fingerprint + "\n";
    }
  }
  const Summary& s = run.summary;
  out += CountOf(s.errors, "error") + ", " + CountOf(s.warnings, "warning") + ", " + CountOf(s.notes, "note") + " in " +
         CountOf(s.files, "file") + " (" + std::to_string(s.suppressed) + " suppressed";
  if (s.baselined > 0) out += ", " + std::to_string(s.baselined) + " baselined";
  out += ")\n";
  RenderStaleBaseline(run.result.stale_baseline, out);
  return out;
}

bool ColorWanted(std::FILE* stream) {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  return isatty(fileno(stream)) == 1;
}

}  // namespace trustlint
