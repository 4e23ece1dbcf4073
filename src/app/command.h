// The subcommands of the trustlint binary. src/cli/main.cpp only parses flags
// and calls these; everything they decide is here, where tests can reach it.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "app/config.h"

namespace trustlint {

inline constexpr int kExitClean = 0;     // nothing at or above --fail-on
inline constexpr int kExitFindings = 1;  // an unsuppressed finding at or above --fail-on
inline constexpr int kExitUsage = 2;     // usage or configuration error

struct CheckCommandOptions {
  std::vector<std::string> paths;    // default "."
  std::vector<std::string> formats;  // a Writer's format name, paired in order with outputs; default text
  std::vector<std::string> outputs;  // files; a format without one goes to stdout ("-" = stdout)
  std::string fail_on;               // "" = from the configuration, else error
  std::string baseline;              // --baseline FILE
  std::string write_baseline;        // --write-baseline FILE
  std::string config;                // --config FILE ("" = found as SPEC 8 says: FindConfigFile)
  std::vector<std::string> enable;   // --enable ID[,ID]: only these rules (replaces the config's `enable`)
  std::vector<std::string> disable;  // --disable ID[,ID]: added to the config's `disable`
  std::vector<std::string> skip;     // --skip GLOB: relative to the current directory
  bool show_config = false;          // --show-config: print the configuration in force and exit
  std::vector<std::string> var_files;  // Terraform --var-file FILE
  std::vector<std::string> vars;       // Terraform --var NAME=VALUE
  std::vector<std::string> parameters;       // CloudFormation --parameter NAME=VALUE
  std::vector<std::string> parameter_files;  // CloudFormation --parameters FILE
  std::vector<std::string> imports;          // --import NAME=VALUE (Fn::ImportValue)
  bool fail_on_possible = false;             // --fail-on-possible: possible findings count too
  bool show_suppressed = false;      // --show-suppressed: text prints suppressed findings too
  bool color = false;                // colour text written to `out` (stdout is a terminal, NO_COLOR unset)
  bool progress = false;             // a progress line on `err` during long scans (ProgressWanted)
  unsigned jobs = 0;                 // --jobs N: threads for the scan; 0 = one per core (DefaultJobs)
};

// 1 when an unsuppressed finding is at or above `fail_on` and is proven (or
// `fail_on_possible`), else 0 (SPEC 7).
int ExitCodeFor(const CheckResult& result, const FailOn& fail_on, bool fail_on_possible = false);

// `trustlint check`: scan, check, report. Usage and configuration errors go to
// `err` with exit code 2.
int RunCheckCommand(const CheckCommandOptions& options, std::ostream& out, std::ostream& err);

// `trustlint report PATH... [-o FILE]` and `trustlint report --merge RUN.json...`.
struct ReportCommandOptions {
  // The paths (with --merge: the runs' JSON files) and the scan flags `check` takes;
  // only those that decide what is scanned apply (--config, --var, --parameter,
  // --import, --baseline...), not the ones that choose outputs or the exit status.
  CheckCommandOptions scan;
  std::string format;  // html | markdown | json; "" = by the output's extension, else html
  std::string output;  // "" or "-" = stdout
  bool merge = false;  // the paths are runs' JSON: one report from all of them
};

// Exit 0 whatever the findings (a report is not a gate); 2 for a usage error or a
// --merge input that is not trustlint JSON.
int RunReportCommand(const ReportCommandOptions& options, std::ostream& out, std::ostream& err);

// `trustlint graph PATH... --format dot|mermaid|json`.
int RunGraphCommand(const std::vector<std::string>& paths, const std::string& format, std::ostream& out,
                    std::ostream& err);

// `trustlint rules`, `trustlint explain ID`, `trustlint docs DIR`.
int RunRulesCommand(std::ostream& out);
int RunExplainCommand(const std::string& id, std::ostream& out, std::ostream& err);
int RunDocsCommand(const std::string& dir, std::ostream& out, std::ostream& err);

}  // namespace trustlint
