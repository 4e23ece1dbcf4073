#include "report/docs.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/page_examples.h"
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

std::string FrontEndTitle(std::string_view front_end) {
  return front_end == "terraform" ? "Terraform" : "CloudFormation";
}

// The fence language of a fixture file, from its extension.
std::string FenceLanguage(std::string_view name) {
  const std::string extension = std::filesystem::path(name).extension().string();
  if (extension == ".yaml" || extension == ".yml") return "yaml";
  if (extension == ".json") return "json";
  if (extension == ".tf" || extension == ".hcl") return "hcl";
  return "text";
}

std::string CodeBlock(std::string_view language, std::string_view text) {
  return "```" + std::string(language) + "\n" + Block(std::string(text)) + "```\n";
}

// One line of a bad case's `.expected`: "<line> <resource> <severity> <certainty>".
struct ExpectedFinding {
  std::string line, resource, severity, certainty;
};

std::vector<ExpectedFinding> ExpectedFindings(std::string_view expected) {
  std::vector<ExpectedFinding> out;
  std::istringstream lines{std::string(expected)};
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    ExpectedFinding f;
    if (fields >> f.line >> f.resource >> f.severity >> f.certainty) out.push_back(f);
  }
  return out;
}

// What the test suite requires trustlint to report on a bad example.
std::string ReportedFindings(const std::string& id, std::string_view expected) {
  std::string out = "trustlint reports " + id + ":\n\n";
  for (const ExpectedFinding& f : ExpectedFindings(expected)) {
    out += "- line " + f.line + ", `" + f.resource + "`: " + f.severity + ", " + f.certainty + "\n";
  }
  return out;
}

// A case that is one file shows that file; a folder shows each file under its name.
std::string ExampleBlock(const std::string& id, const PageExample& example) {
  const bool folder = example.files.size() != 1 || !example.path.ends_with(example.files.front().name);
  std::string out = std::string(example.kind == "bad" ? "Bad" : "Good") + " (`" + std::string(example.path) +
                    (folder ? "/" : "") + "`):\n\n";
  for (const PageExampleFile& file : example.files) {
    if (folder) out += "`" + std::string(file.name) + "`:\n\n";
    out += CodeBlock(FenceLanguage(file.name), file.text) + "\n";
  }
  if (example.kind == "bad") out += ReportedFindings(id, example.expected) + "\n";
  return out;
}

std::string ExamplesSection(const RuleInfo& info) {
  const std::vector<const PageExample*> examples = PageExamplesOf(info.id);
  std::string out = "## Examples\n\n";
  out += "These are the rule's own test fixtures (the case named `example` when there is one, else the "
         "shortest): the test suite checks that every bad example raises " +
         info.id + " exactly as shown and that no good example does.\n\n";
  for (std::string_view front_end : kPageFrontEnds) {
    std::string body;
    for (const PageExample* example : examples) {
      if (example->front_end == front_end) body += ExampleBlock(info.id, *example);
    }
    if (!body.empty()) out += "### " + FrontEndTitle(front_end) + "\n\n" + body;
  }
  return out;
}

// The resource the page's bad examples name, to show suppressions on: its CloudFormation
// logical ID and its Terraform type and name. Empty when there is no such example.
struct SuppressTarget {
  std::string logical_id = "MyResource";
  std::string tf_type = "aws_iam_role";
  std::string tf_name = "app";
  bool on_unparsable_file = false;  // the finding names a file, not a resource
};

SuppressTarget SuppressTargetOf(const RuleInfo& info) {
  SuppressTarget target;
  for (const PageExample* example : PageExamplesOf(info.id)) {
    if (example->kind != "bad") continue;
    const std::vector<ExpectedFinding> findings = ExpectedFindings(example->expected);
    if (findings.empty()) continue;
    std::string resource = findings.front().resource;
    if (resource.find('/') != std::string::npos) target.on_unparsable_file = true;
    resource = resource.substr(0, resource.find('['));  // aws_x.name["key"] → aws_x.name
    const size_t dot = resource.rfind('.');
    if (example->front_end == "cloudformation" && dot == std::string::npos) {
      target.logical_id = resource;
    } else if (example->front_end == "terraform" && dot != std::string::npos) {
      const size_t type_start = resource.rfind('.', dot - 1);
      target.tf_type = resource.substr(type_start == std::string::npos ? 0 : type_start + 1,
                                       dot - (type_start == std::string::npos ? 0 : type_start + 1));
      target.tf_name = resource.substr(dot + 1);
    }
  }
  return target;
}

std::string SuppressSection(const RuleInfo& info) {
  const SuppressTarget target = SuppressTargetOf(info);
  const std::string reason = "why this finding is acceptable here";
  std::string out = "## How to suppress\n\n";
  if (target.on_unparsable_file) {
    out += "This finding is about a file that does not parse, so a suppression written in that file "
           "cannot be read: fix the file, or turn the rule off in `.trustlint.yaml`:\n\n";
    return out + CodeBlock("yaml", "disable: [" + info.id + "]") + "\n";
  }
  out += "Suppress one finding on the resource it names, always with a reason after `--`: a suppression "
         "without a reason suppresses nothing and is itself reported (TL002). Suppressed findings stay "
         "in the JSON output, marked.\n\n";
  out += "CloudFormation, in the resource's `Metadata`:\n\n";
  out += CodeBlock("yaml", "Resources:\n  " + target.logical_id + ":\n    Metadata:\n      trustlint:\n        ignore:\n" +
                               "          - rule: " + info.id + "\n            reason: \"" + reason + "\"");
  out += "\nCloudFormation (YAML), a comment on the line above the resource or inside it:\n\n";
  out += CodeBlock("yaml", "Resources:\n  # trustlint:ignore " + info.id + " -- " + reason + "\n  " +
                               target.logical_id + ":");
  out += "\nTerraform, a comment on the line above the block or inside it:\n\n";
  out += CodeBlock("hcl", "# trustlint:ignore " + info.id + " -- " + reason + "\nresource \"" + target.tf_type +
                              "\" \"" + target.tf_name + "\" {");
  out += "\nTo turn the rule off for every resource, in `.trustlint.yaml`:\n\n";
  out += CodeBlock("yaml", "disable: [" + info.id + "]") + "\n";
  return out;
}

struct SeedLink {
  std::string title;
  std::string url;
};

// The seeds carry the pages' titles, not their addresses; these are the pages' addresses.
SeedLink LinkOf(SeedPage page) {
  switch (page) {
    case SeedPage::kIamRoles:
      return {"IAM roles - Amazon Cognito", "https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html"};
    case SeedPage::kCognitoIam:
      return {"Identity and Access Management in Amazon Cognito User Pools",
              "https://docs.aws.amazon.com/cognito/latest/developerguide/resource-permissions.html"};
  }
  return {};
}

std::string SourceSection(const RuleInfo& info) {
  std::string out = "## Source\n\n" + Quoted(info.seed);
  if (info.seed_pages.empty()) return out;
  out += "\nFrom the Amazon Cognito Developer Guide:\n\n";
  for (SeedPage page : info.seed_pages) {
    const SeedLink link = LinkOf(page);
    out += "- [" + link.title + "](" + link.url + ")\n";
  }
  return out;
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

std::vector<const PageExample*> PageExamplesOf(std::string_view rule) {
  std::vector<const PageExample*> out;
  for (const PageExample& example : EmbeddedPageExamples()) {
    if (example.rule == rule) out.push_back(&example);
  }
  return out;
}

std::string RenderRuleDoc(const RuleInfo& info) {
  std::string out = "# " + info.id + " " + info.name + "\n\n";
  out += "Severity: " + std::string(SeverityName(info.severity)) + "\n\n";
  out += Block(info.summary) + "\n";
  out += "## Why\n\n" + Block(info.explanation) + "\n";
  out += "## How to fix\n\n" + Block(info.fix) + "\n";
  out += ExamplesSection(info);
  out += SuppressSection(info);
  out += SourceSection(info);
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
