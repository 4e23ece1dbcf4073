#include "report/docs.h"

#include <filesystem>
#include <fstream>

#include "rules/registry.h"

namespace trustlint {
namespace {

// Text ends with exactly one newline so that pages concatenate cleanly.
std::string Block(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text + "\n";
}

// Quotes every line of the seed passage as a markdown blockquote.
std::string Quoted(const std::string& text) {
  std::string out;
  size_t start = 0;
  const std::string body = Block(text);
  while (start < body.size()) {
    const size_t end = body.find('\n', start);
    const std::string line = body.substr(start, end - start);
    out += line.empty() ? ">\n" : "> " + line + "\n";
    start = end + 1;
  }
  return out;
}

std::string YamlBlock(const std::string& title, const std::string& yaml) {
  return title + "\n\n```yaml\n" + Block(yaml) + "```\n";
}

// Table cells cannot hold a raw pipe.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string RenderRuleDoc(const RuleInfo& info) {
  std::string out = "# " + info.id + " " + info.name + "\n\n";
  out += "Severity: " + std::string(SeverityName(info.severity)) + "\n\n";
  out += Block(info.summary) + "\n";
  out += "## Why\n\n" + Block(info.explanation) + "\n";
  out += "## How to fix\n\n" + Block(info.fix) + "\n";
  out += "## Example\n\n";
  out += YamlBlock("Bad:", info.bad_example) + "\n";
  out += YamlBlock("Good:", info.good_example) + "\n";
  out += "## Source\n\n" + Quoted(info.seed);
  return out;
}

std::string RenderRulesTable() {
  std::string out = "| ID | Name | Severity | Summary |\n|---|---|---|---|\n";
  for (const auto& rule : AllRules()) {
    const RuleInfo& info = rule->Info();
    out += "| " + info.id + " | " + info.name + " | " + std::string(SeverityName(info.severity)) + " | " +
           Cell(info.summary) + " |\n";
  }
  return out;
}

bool WriteRuleDocs(const std::string& dir, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": cannot create folder: " + ec.message();
    return false;
  }
  for (const auto& rule : AllRules()) {
    const fs::path file = fs::path(dir) / (rule->Info().id + ".md");
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << RenderRuleDoc(rule->Info());
    if (!out) {
      *error = file.string() + ": cannot write";
      return false;
    }
  }
  return true;
}

}  // namespace trustlint
