#include "report/text.h"

#include <unistd.h>

#include <cstdlib>

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

// Length of the valid UTF-8 sequence starting at s[i], or 0.
size_t Utf8Length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) >> 6) != 0x2) return 0;
  }
  return n;
}

// Messages quote template text, which may hold control characters or invalid
// UTF-8 (hostile input): print those as \xNN so the terminal never sees them.
std::string Printable(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7f))) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

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

std::string Plural(int n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
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
  out += Plural(s.errors, "error") + ", " + Plural(s.warnings, "warning") + ", " + Plural(s.notes, "note") + " in " +
         Plural(s.files, "file") + " (" + std::to_string(s.suppressed) + " suppressed";
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
