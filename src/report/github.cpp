#include "report/github.h"

#include "report/safe_text.h"

namespace trustlint {
namespace {

// actions/toolkit packages/core/src/command.ts (commit a944251): escapeData
// replaces % (first, so the other escapes stay unambiguous), \r and \n;
// escapeProperty also : and , which separate a command's properties.
std::string Escape(std::string_view s, bool property) {
  std::string out;
  for (char c : Printable(s, "\r\n")) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view CommandFor(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "notice";
  }
  return "error";
}

// file, line and col as far as the finding knows them; then the title.
std::string Properties(const Finding& f) {
  std::string out;
  if (!f.loc.file.empty()) {
    out += "file=" + GithubEscapeProperty(f.loc.file);
    if (f.loc.line > 0) out += ",line=" + std::to_string(f.loc.line);
    if (f.loc.line > 0 && f.loc.column > 0) out += ",col=" + std::to_string(f.loc.column);
    out += ",";
  }
  return out + "title=" + GithubEscapeProperty(f.rule + " " + f.name);
}

std::string Message(const Finding& f) {
  std::string message = f.message;
  if (!f.proven) message += " (possible: " + f.PossibleBecause() + ")";
  return GithubEscapeData(message);
}

}  // namespace

std::string GithubEscapeData(std::string_view s) { return Escape(s, false); }
std::string GithubEscapeProperty(std::string_view s) { return Escape(s, true); }

std::string RenderGithub(const RunReport& run) {
  std::string out;
  for (const Finding& f : run.result.findings) {
    if (f.suppressed) continue;
    out += "::" + std::string(CommandFor(f.severity)) + " " + Properties(f) + "::" + Message(f) + "\n";
  }
  return out;
}

}  // namespace trustlint
