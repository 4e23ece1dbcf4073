#include "report/finding_text.h"

#include "base/location.h"
#include "base/severity.h"

namespace trustlint {
namespace {

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string WithPeriod(std::string sentence) {
  if (sentence.empty() || sentence.back() != '.') sentence += '.';
  return sentence;
}

}  // namespace

std::string WitnessText(const std::vector<WitnessField>& witness) {
  std::string out;
  for (const WitnessField& w : witness) {
    out += (out.empty() ? "" : ", ") + w.key + "=";
    if (!w.is_list) {
      out += Quoted(w.values.empty() ? std::string() : w.values.front());
      continue;
    }
    out += "[";
    for (size_t i = 0; i < w.values.size(); ++i) out += (i ? ", " : "") + Quoted(w.values[i]);
    out += "]";
  }
  return out;
}

std::string FindingSentences(const Finding& f) {
  std::string out = WithPeriod(f.message);
  if (!f.witness.empty()) out += " Witness: " + WithPeriod(WitnessText(f.witness));
  if (!f.proven) out += " Possible: " + WithPeriod(f.PossibleBecause());
  return out;
}

std::string FindingLines(const Finding& f) {
  const std::string where = f.loc.file.empty() ? f.resource : FormatLocation(f.loc);
  std::string out = where + ": " + std::string(SeverityName(f.severity)) + " " + f.rule + " " + f.name + ": " +
                    f.message + "\n";
  const std::string indent = "    ";
  if (!f.witness.empty()) out += indent + "witness: " + WitnessText(f.witness) + "\n";
  if (!f.proven) out += indent + "possible: " + f.PossibleBecause() + "\n";
  for (const Related& r : f.related) {
    std::string at = r.loc.file;
    if (r.loc.Known()) at += ":" + std::to_string(r.loc.line);
    out += indent + "related " + at + ": " + r.message + "\n";
  }
  if (f.suppressed) out += indent + "suppressed: " + f.suppression_reason + "\n";
  return out;
}

}  // namespace trustlint
