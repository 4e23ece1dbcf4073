// trustlint's command line: parse flags, call the core (src/app/command.h),
// return its exit code. No decisions are made here.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli_reference.h"
#include "app/command.h"
#include "app/large_stack.h"
#include "app/progress.h"
#include "report/text.h"
#include "report/writer.h"

namespace {

using trustlint::kExitClean;
using trustlint::kExitUsage;

// One value per occurrence, so that `--format json PATH` does not take PATH as a format.
CLI::Option* Repeatable(CLI::Option* option) { return option->allow_extra_args(false); }

// The flags that decide what is scanned, shared by `check` and `report`.
void AddScanOptions(CLI::App* cmd, trustlint::CheckCommandOptions& o) {
  cmd->add_option("--baseline", o.baseline, "Hide findings whose fingerprints FILE lists");
  cmd->add_option("--config", o.config,
                  "Configuration file (default: the first .trustlint.yaml walking up from the current folder "
                  "to its repository root, else from the scanned path)");
  Repeatable(cmd->add_option("--var-file", o.var_files, "Terraform variables file (repeatable)"));
  Repeatable(cmd->add_option("--var", o.vars, "Terraform variable NAME=VALUE (repeatable)"));
  Repeatable(cmd->add_option("--parameter", o.parameters,
                             "CloudFormation parameter NAME=VALUE, wins over its Default (repeatable)"));
  Repeatable(cmd->add_option("--parameters", o.parameter_files,
                             "CloudFormation parameter file: [{ParameterKey, ParameterValue}] or "
                             "{Parameters: {NAME: VALUE}} (repeatable)"));
  Repeatable(cmd->add_option("--import", o.imports,
                             "Value of an Fn::ImportValue export NAME=VALUE that no scanned template exports "
                             "(repeatable)"));
  Repeatable(cmd->add_option("--enable", o.enable,
                             "Run only these rules: ID or ID,ID (repeatable; replaces the configuration's enable)"));
  Repeatable(cmd->add_option("--disable", o.disable, "Do not run these rules: ID or ID,ID (repeatable)"));
  Repeatable(cmd->add_option("--skip", o.skip,
                             "Skip paths matching GLOB, relative to the current folder (repeatable)"));
  cmd->add_option("--jobs,-j", o.jobs,
                  "Threads reading files and answering proofs (default: one per core; 1 = one after another; "
                  "the output is the same)")
      ->check(CLI::Range(1u, 1024u));
}

// The command line, parsed and run.
int Run(int argc, char** argv) {
  CLI::App app{"trustlint: proves who can assume Amazon Cognito identity-pool IAM roles", "trustlint"};
  app.set_version_flag("--version", std::string("trustlint ") + TRUSTLINT_VERSION);
  app.require_subcommand(1);

  trustlint::CheckCommandOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "Check CloudFormation and Terraform for identity-pool role faults");
  check_cmd->add_option("PATH", check.paths, "Files or folders to scan (default: .)");
  std::vector<std::string> formats;
  for (const auto& writer : trustlint::AllWriters()) formats.emplace_back(writer->Format());
  Repeatable(check_cmd->add_option("--format", check.formats,
                                   trustlint::WriterFormatList() + " (repeatable; pairs with --output in order)"))
      ->check(CLI::IsMember(formats));
  Repeatable(check_cmd->add_option("--output,-o", check.outputs, "Write the matching --format to FILE"));
  check_cmd->add_option("--fail-on", check.fail_on, "Least severity that fails the run: error|warning|note|never")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  AddScanOptions(check_cmd, check);
  check_cmd->add_option("--write-baseline", check.write_baseline, "Write the current findings' fingerprints to FILE");
  check_cmd->add_flag("--show-config", check.show_config,
                      "Print which configuration file applies and the settings in force, then exit without scanning");
  check_cmd->add_flag("--show-suppressed", check.show_suppressed,
                      "Text output also prints suppressed findings (JSON and SARIF always carry them, marked)");
  check_cmd->add_flag("--fail-on-possible", check.fail_on_possible,
                      "Possible findings (resting on an unknown input) change the exit status too");

  trustlint::ReportCommandOptions report;
  CLI::App* report_cmd = app.add_subcommand(
      "report", "Write the audit report (SPEC 9): per pool its flows, who can assume its roles, what guests can do, "
                "every finding and suppression, and a picture of the graph");
  report_cmd->add_option("PATH", report.scan.paths,
                         "Files or folders to scan (default: .); with --merge, runs' JSON files");
  report_cmd->add_option("--format", report.format, "html|markdown|json (default: by --output's extension, else html)")
      ->check(CLI::IsMember({"html", "markdown", "json"}));
  report_cmd->add_option("--output,-o", report.output, "Write the report to FILE (default: stdout)");
  report_cmd->add_flag("--merge", report.merge,
                       "Build one report from the runs' JSON given as PATH (`report PATH --format json` writes one; a "
                       "plain `check --format json` gives findings and pools only)");
  AddScanOptions(report_cmd, report.scan);

  std::vector<std::string> graph_paths;
  std::string graph_format = "dot";
  CLI::App* graph_cmd = app.add_subcommand("graph", "Print pools -> roles -> policies");
  graph_cmd->add_option("PATH", graph_paths, "Files or folders to scan (default: .)");
  graph_cmd->add_option("--format", graph_format, "dot|mermaid|json")->check(CLI::IsMember({"dot", "mermaid", "json"}));

  CLI::App* rules_cmd = app.add_subcommand("rules", "List every rule");
  std::string rule_id;
  CLI::App* explain_cmd = app.add_subcommand("explain", "Print one rule's documentation");
  explain_cmd->add_option("ID", rule_id, "Rule ID, e.g. TL104")->required();
  std::string docs_dir;
  CLI::App* docs_cmd = app.add_subcommand("docs", "(Re)write DIR/<ID>.md for every rule");
  docs_cmd->add_option("DIR", docs_dir, "Folder for the pages")->required();
  CLI::App* version_cmd = app.add_subcommand("version", "Print the version");
  // Generated from `app` after every flag above is declared (the build installs their output).
  CLI::App* man_cmd = app.add_subcommand("man", "Print the manual page trustlint(1) as troff");
  std::string completion_shell;
  CLI::App* completion_cmd = app.add_subcommand("completion", "Print a shell completion script");
  completion_cmd->add_option("SHELL", completion_shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and --version are successes; every other parse problem is a usage error.
    const int code = app.exit(e);
    return code == 0 ? kExitClean : kExitUsage;
  }

  if (*check_cmd) {
    check.color = trustlint::ColorWanted(stdout);
    check.progress = trustlint::ProgressWanted(trustlint::CurrentProgressEnvironment());
    return trustlint::RunOnLargeStack([&] { return trustlint::RunCheckCommand(check, std::cout, std::cerr); },
                                      check.jobs);
  }
  if (*report_cmd) {
    return trustlint::RunOnLargeStack([&] { return trustlint::RunReportCommand(report, std::cout, std::cerr); },
                                      report.scan.jobs);
  }
  if (*graph_cmd) {
    return trustlint::RunOnLargeStack(
        [&] { return trustlint::RunGraphCommand(graph_paths, graph_format, std::cout, std::cerr); });
  }
  if (*rules_cmd) return trustlint::RunRulesCommand(std::cout);
  if (*explain_cmd) return trustlint::RunExplainCommand(rule_id, std::cout, std::cerr);
  if (*docs_cmd) return trustlint::RunDocsCommand(docs_dir, std::cout, std::cerr);
  if (*version_cmd) {
    std::cout << "trustlint " << TRUSTLINT_VERSION << "\n";
    return kExitClean;
  }
  if (*man_cmd) {
    std::cout << trustlint::RenderManPage(app, TRUSTLINT_VERSION);
    return kExitClean;
  }
  if (*completion_cmd) {
    std::cout << (completion_shell == "bash" ? trustlint::RenderBashCompletion(app)
                                             : trustlint::RenderZshCompletion(app));
    return kExitClean;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // An exception reaching here is a trustlint bug (the scan turns bad input into
  // findings): say so and fail the run, rather than let std::terminate abort it
  // without a word. stdio, not iostreams: nothing in here may throw again.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trustlint: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "trustlint: internal error\n");
  }
  return kExitUsage;
}
