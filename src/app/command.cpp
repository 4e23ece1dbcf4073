#include "app/command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <utility>

#include "app/progress.h"
#include "check/baseline.h"
#include "check/context.h"
#include "policy/permissions.h"
#include "frontend/scan.h"
#include "base/ascii.h"
#include "base/parallel.h"
#include "report/audit.h"
#include "report/docs.h"
#include "report/html.h"
#include "report/json.h"
#include "report/graph_output.h"
#include "report/writer.h"
#include "rules/registry.h"

namespace trustlint {
namespace {

// Every path must exist: a typo must not pass as a clean scan.
bool PathsExist(const std::vector<std::string>& paths, std::ostream& err) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      err << "trustlint: " << p << ": no such file or directory\n";
      return false;
    }
  }
  return true;
}

std::vector<std::string> PathsOrDot(const std::vector<std::string>& paths) {
  return paths.empty() ? std::vector<std::string>{"."} : paths;
}

// --config, else the .trustlint.yaml that FindConfigFile picks, else the defaults.
std::optional<Config> ConfigFor(const std::string& explicit_path, const std::vector<std::string>& paths,
                                std::ostream& err) {
  std::string error;
  const auto found = explicit_path.empty() ? FindConfigFile(paths, &error) : explicit_path;
  if (!found) {
    err << "trustlint: " << error << "\n";
    return std::nullopt;
  }
  if (found->empty()) return Config{};
  auto config = LoadConfig(*found, &error);
  if (!config) err << "trustlint: " << error << "\n";
  return config;
}

// The IDs of a repeatable flag that also takes comma lists (`--disable TL104,TL105`).
std::vector<std::string> SplitIds(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      const size_t comma = std::min(value.find(',', start), value.size());
      if (comma > start) out.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

// --enable / --disable / --skip over the configuration (the command line wins):
// false, with the message on `err`, when a flag names an unknown rule.
bool ApplyRuleFlags(const CheckCommandOptions& o, Config& config, std::ostream& err) {
  const std::vector<std::string> enable = SplitIds(o.enable);
  const std::vector<std::string> disable = SplitIds(o.disable);
  for (const auto& [flag, ids] : {std::pair{"--enable", &enable}, std::pair{"--disable", &disable}}) {
    for (const std::string& id : *ids) {
      if (const auto problem = UnknownRuleProblem(id)) {
        err << "trustlint: " << flag << ": " << *problem << "\n";
        return false;
      }
    }
  }
  if (!enable.empty()) {
    config.enable = {enable.begin(), enable.end()};
    for (const std::string& id : enable) config.disable.erase(id);
  }
  config.disable.insert(disable.begin(), disable.end());
  return true;
}

// What --show-config prints: the file that applied and every setting in force.
std::string DescribeConfig(const Config& config, const std::vector<std::string>& skip_globs, const FailOn& fail_on,
                           bool fail_on_possible) {
  auto list = [](const auto& items) {
    std::string out = "[";
    for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + item;
    return out + "]";
  };
  auto pairs = [](const std::vector<std::pair<std::string, std::string>>& items) {
    std::string out = "{";
    for (const auto& [name, value] : items) out += (out.size() > 1 ? ", " : "") + name + ": " + value;
    return out + "}";
  };
  std::string out = "config: " + (config.path.empty() ? std::string("none: defaults") : config.path) + "\n";
  out += "enable: " + (config.enable.empty() ? std::string("all rules") : list(config.enable)) + "\n";
  out += "disable: " + list(config.disable) + "\n";
  std::vector<std::string> severities;
  for (const auto& [id, severity] : config.severity) severities.push_back(id + ": " + std::string(SeverityName(severity)));
  out += "severity: " + list(severities) + "\n";
  out += "skip: " + list(skip_globs) + "\n";
  out += "fail-on: " + (fail_on.at_least ? std::string(SeverityName(*fail_on.at_least)) : std::string("never")) + "\n";
  out += std::string("fail-on-possible: ") + (fail_on_possible ? "true" : "false") + "\n";
  out += "account: " + (config.account.empty() ? std::string("unknown") : config.account) + "\n";
  out += "region: " + (config.region.empty() ? std::string("unknown") : config.region) + "\n";
  out += "parameters: " + pairs(config.parameters) + "\n";
  out += "imports: " + pairs(config.imports) + "\n";
  return out;
}

// `skip` of the configuration (anchored at its folder) and --skip (at the current
// directory), as ScanOptions takes them.
std::vector<std::string> SkipGlobs(const Config& config, const std::vector<std::string>& flag_globs) {
  std::vector<std::string> globs = config.SkipGlobs();
  std::error_code ec;
  const std::vector<std::string> from_flag = AnchoredGlobs(flag_globs, std::filesystem::current_path(ec).string());
  globs.insert(globs.end(), from_flag.begin(), from_flag.end());
  return globs;
}

// A finding's file (relative to the current directory) relative to the repository
// root of the scanned path that holds it (SPEC 8), for the fingerprint.
std::function<std::string(const std::string&)> RepositoryRelative(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::pair<fs::path, fs::path>> roots;  // scanned folder, its repository root
  for (const std::string& p : paths) roots.emplace_back(ScannedFolderOf(p), RepositoryRootOf(p));
  return [roots](const std::string& file) {
    std::error_code ec;
    const fs::path abs = fs::absolute(file, ec).lexically_normal();
    if (ec) return file;
    for (const auto& [folder, root] : roots) {
      const fs::path under = abs.lexically_relative(folder);
      if (under.empty() || *under.begin() == "..") continue;
      return abs.lexically_relative(root).generic_string();
    }
    return file;  // outside every scanned folder (a module it calls): as shown
  };
}

struct Destination {
  const Writer* writer;
  std::string file;  // "" = stdout
};

// Whether a writer of the run answers `asks` (Writer::DrawsGraph, NeedsWholeGraph) yes.
bool AnyWriter(const std::vector<Destination>& destinations, bool (Writer::*asks)() const) {
  return std::any_of(destinations.begin(), destinations.end(),
                     [asks](const Destination& d) { return (d.writer->*asks)(); });
}

// An --output FILE that names a format itself, by its extension or by being a
// format's bare name (`-o sarif`, checkov's habit), must be paired with that format:
// otherwise the file would silently hold another format.
std::string MismatchedOutput(const Writer& paired, const std::string& file) {
  const std::string name = std::filesystem::path(file).filename().string();
  if (const Writer* named = FindWriter(name); named != nullptr && named != &paired) {
    return "--output " + file + " looks like a format, not a file: use --format " + name + " --output FILE";
  }
  const Writer* by_extension = WriterForExtension(file);
  if (by_extension != nullptr && by_extension != &paired) {
    return "--output " + file + " is paired with --format " + std::string(paired.Format()) + " but its extension (" +
           std::string(by_extension->Extension()) + ") means --format " + std::string(by_extension->Format()) +
           ": give the formats in the order of their outputs";
  }
  return "";
}

// Pairs formats with outputs in order (SPEC 7); at most one format may go to stdout.
std::optional<std::vector<Destination>> Destinations(const CheckCommandOptions& o, std::ostream& err) {
  std::vector<std::string> formats = o.formats.empty() ? std::vector<std::string>{"text"} : o.formats;
  if (o.outputs.size() > formats.size()) {
    err << "trustlint: " << o.outputs.size() << " --output given for " << formats.size()
        << " --format: give one --format per --output\n";
    return std::nullopt;
  }
  std::vector<Destination> out;
  int to_stdout = 0;
  for (size_t i = 0; i < formats.size(); ++i) {
    const Writer* writer = FindWriter(formats[i]);
    if (writer == nullptr) {
      err << "trustlint: unsupported --format " << formats[i] << " (supported: " << WriterFormatList() << ")\n";
      return std::nullopt;
    }
    std::string file = i < o.outputs.size() ? o.outputs[i] : "";
    if (file == "-") file.clear();
    if (file.empty()) {
      ++to_stdout;
    } else if (const std::string mismatch = MismatchedOutput(*writer, file); !mismatch.empty()) {
      err << "trustlint: " << mismatch << "\n";
      return std::nullopt;
    }
    out.push_back({writer, file});
  }
  if (to_stdout > 1) {
    err << "trustlint: several formats would all go to stdout: pair each --format with an --output\n";
    return std::nullopt;
  }
  return out;
}

// Writes `path` with what `write` puts in it; false (with the message on `err`)
// when the file cannot be written.
bool WriteFileWith(const std::string& path, const std::function<void(std::ostream&)>& write, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  write(file);
  file.close();
  if (!file) {
    err << "trustlint: " << path << ": cannot write\n";
    return false;
  }
  return true;
}

bool WriteFile(const std::string& path, const std::string& text, std::ostream& err) {
  return WriteFileWith(path, [&text](std::ostream& file) { file << text; }, err);
}

// NAME=VALUE pairs of a repeatable flag, appended to `out`; false (with the message
// on `err`) when one is malformed.
bool NameValues(const std::vector<std::string>& assignments, const char* flag,
                std::vector<std::pair<std::string, std::string>>& out, std::ostream& err) {
  for (const std::string& assignment : assignments) {
    const size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "trustlint: " << flag << " takes NAME=VALUE, got \"" << assignment << "\"\n";
      return false;
    }
    out.emplace_back(assignment.substr(0, eq), assignment.substr(eq + 1));
  }
  return true;
}

// Later pairs win over earlier ones with the same name; sorted by name.
std::vector<std::pair<std::string, std::string>> LastWins(const std::vector<std::pair<std::string, std::string>>& in) {
  std::map<std::string, std::string> merged;
  for (const auto& [name, value] : in) merged[name] = value;
  return {merged.begin(), merged.end()};
}

std::vector<Finding> Unsuppressed(const CheckResult& r) {
  std::vector<Finding> out;
  for (const Finding& f : r.findings) {
    if (!f.suppressed) out.push_back(f);
  }
  return out;
}

// The rule set, each rule telling the progress line when it starts: the checker
// needs no knowledge of progress, and findings are the wrapped rules' own.
class RulesReportingProgress {
 public:
  RulesReportingProgress(std::vector<const Rule*> rules, ProgressLine* progress) : rules_(std::move(rules)) {
    if (progress == nullptr) return;
    for (size_t i = 0; i < rules_.size(); ++i) {
      wrapped_.push_back(std::make_unique<Reporting>(*rules_[i], *progress, i, rules_.size()));
      rules_[i] = wrapped_.back().get();
    }
  }
  const std::vector<const Rule*>& Pointers() const { return rules_; }

 private:
  class Reporting final : public Rule {
   public:
    Reporting(const Rule& rule, ProgressLine& progress, size_t index, size_t total)
        : rule_(rule), progress_(progress), index_(index), total_(total) {}
    const RuleInfo& Info() const override { return rule_.Info(); }
    void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
      progress_.Update("checking", "rules", index_, total_);
      rule_.Check(ctx, out);
    }

   private:
    const Rule& rule_;
    ProgressLine& progress_;
    size_t index_;
    size_t total_;
  };

  std::vector<const Rule*> rules_;
  std::vector<std::unique_ptr<Reporting>> wrapped_;
};

// Scans, and says on stderr when nothing was found to read (SPEC 7): an empty
// scan must not pass for a clean one.
Graph ScanSaying(const ScanOptions& scan, std::ostream& err,
                 std::vector<std::unique_ptr<FileAnalysis>>* alone = nullptr) {
  Graph graph = ScanPaths(scan, alone);
  if (graph.inputs.empty()) {
    std::string joined;
    for (const std::string& p : scan.paths) joined += (joined.empty() ? "" : " ") + p;
    err << "trustlint: no CloudFormation or Terraform templates found under " << joined << "\n";
  }
  return graph;
}

// What `check` and `report` scan, from the same flags: the configuration (with
// --enable/--disable over it), the baseline, the scan options with
// --skip/--var/--parameter/--import merged over it, and the checker's options.
struct PreparedScan {
  Config config;
  std::vector<BaselineEntry> baseline;
  ScanOptions scan;
  CheckOptions check;
};

std::optional<PreparedScan> PrepareScan(const CheckCommandOptions& o, const std::vector<std::string>& paths,
                                        std::ostream& err) {
  auto config = ConfigFor(o.config, paths, err);
  if (!config || !ApplyRuleFlags(o, *config, err)) return std::nullopt;
  PreparedScan prepared{*config, {}, {}, config->ToCheckOptions()};
  prepared.check.fingerprint_file = RepositoryRelative(paths);
  if (!o.baseline.empty()) {
    std::string error;
    auto read = ReadBaseline(o.baseline, &error);
    if (!read) {
      err << "trustlint: " << error << "\n";
      return std::nullopt;
    }
    prepared.baseline = std::move(*read);
  }

  ScanOptions& scan = prepared.scan;
  scan.paths = paths;
  scan.skip_paths = SkipGlobs(*config, o.skip);
  scan.var_files = o.var_files;
  scan.region = config->region;
  scan.account = config->account;
  scan.jobs = o.jobs == 0 ? DefaultJobs() : o.jobs;
  prepared.check.jobs = scan.jobs;
  if (!NameValues(o.vars, "--var", scan.vars, err)) return std::nullopt;
  for (const std::string& file : o.var_files) {
    if (!std::filesystem::is_regular_file(file)) {
      err << "trustlint: --var-file " << file << ": no such file\n";
      return std::nullopt;
    }
  }
  // The command line wins over the configuration; --parameter over --parameters FILE.
  std::vector<std::pair<std::string, std::string>> parameters = config->parameters;
  for (const std::string& file : o.parameter_files) {
    std::string error;
    const auto read = ReadParameterFile(file, &error);
    if (!read) {
      err << "trustlint: --parameters " << error << "\n";
      return std::nullopt;
    }
    parameters.insert(parameters.end(), read->begin(), read->end());
  }
  if (!NameValues(o.parameters, "--parameter", parameters, err)) return std::nullopt;
  scan.parameters = LastWins(parameters);
  std::vector<std::pair<std::string, std::string>> imports = config->imports;
  if (!NameValues(o.imports, "--import", imports, err)) return std::nullopt;
  scan.imports = LastWins(imports);
  return prepared;
}

// Effective permissions of every identity-pool role, for `graph --format json`.
std::map<int, RoleAccessView> GraphRoleAccess(const Graph& graph) {
  AnalysisContext ctx(graph);
  return RoleAccess(graph, ctx);
}

// The report format: --format, else what the output's extension names, else html.
std::optional<std::string> ReportFormat(const ReportCommandOptions& o, std::ostream& err) {
  static const std::vector<std::pair<std::string, std::string>> kExtensions = {
      {".html", "html"}, {".htm", "html"}, {".md", "markdown"}, {".json", "json"}};
  std::string by_extension;
  for (const auto& [extension, format] : kExtensions) {
    const std::string& f = o.output;
    if (f.size() >= extension.size() && EqualsIgnoreCaseAscii(std::string_view(f).substr(f.size() - extension.size()), extension)) {
      by_extension = format;
    }
  }
  if (o.format.empty()) return by_extension.empty() ? "html" : by_extension;
  if (o.format != "html" && o.format != "markdown" && o.format != "json") {
    err << "trustlint: unsupported report --format " << o.format << " (supported: html, markdown, json)\n";
    return std::nullopt;
  }
  if (!by_extension.empty() && by_extension != o.format) {
    err << "trustlint: --output " << o.output << " names --format " << by_extension << ", not " << o.format << "\n";
    return std::nullopt;
  }
  return o.format;
}

}  // namespace

int ExitCodeFor(const CheckResult& result, const FailOn& fail_on, bool fail_on_possible) {
  if (!fail_on.at_least) return kExitClean;
  for (const Finding& f : result.findings) {
    if (!f.suppressed && f.severity >= *fail_on.at_least && (f.proven || fail_on_possible)) return kExitFindings;
  }
  return kExitClean;
}

int RunCheckCommand(const CheckCommandOptions& o, std::ostream& out, std::ostream& err) {
  const std::vector<std::string> paths = PathsOrDot(o.paths);
  const auto destinations = Destinations(o, err);
  if (!destinations || !PathsExist(paths, err)) return kExitUsage;
  const auto prepared = PrepareScan(o, paths, err);
  if (!prepared) return kExitUsage;
  const Config& config = prepared->config;
  FailOn fail_on = config.fail_on.value_or(FailOn{});
  if (!o.fail_on.empty()) {
    const auto parsed = ParseFailOn(o.fail_on);
    if (!parsed) {
      err << "trustlint: --fail-on must be error, warning, note or never, not " << o.fail_on << "\n";
      return kExitUsage;
    }
    fail_on = *parsed;
  }
  const bool fail_on_possible = o.fail_on_possible || config.fail_on_possible.value_or(false);
  ScanOptions scan = prepared->scan;
  if (o.show_config) {
    // The settings after the command line, and no scan: the question was which
    // configuration applies, and a scan's output would bury the answer.
    Config shown = config;
    shown.parameters = scan.parameters;
    shown.imports = scan.imports;
    out << DescribeConfig(shown, scan.skip_paths, fail_on, fail_on_possible);
    return kExitClean;
  }
  ProgressLine progress(err, o.progress);
  if (o.progress) {
    scan.progress = [&progress](size_t done, size_t total) { progress.Update("scanned", "files", done, total); };
  }
  // A template nothing else links to is checked on the worker that read it, and
  // leaves only its findings and an outline: the scan's memory follows the largest
  // file, not the repository (docs/performance.md).
  // Edges of the outlines only for a diagram: 10,000 templates keep 20 MiB less without.
  AloneChecker alone_checker(RuleSet(), prepared->check, AnyWriter(*destinations, &Writer::DrawsGraph));
  if (!AnyWriter(*destinations, &Writer::NeedsWholeGraph)) {
    scan.analyze_alone = [&alone_checker](GraphBuilder& part) { return alone_checker.Analyze(part); };
  }
  std::vector<std::unique_ptr<FileAnalysis>> alone;
  const Graph graph = ScanSaying(scan, err, &alone);
  // The baseline is applied after writing a new one, so that --baseline OLD
  // --write-baseline NEW keeps the findings OLD already accepted.
  const RulesReportingProgress rules(RuleSet(), o.progress ? &progress : nullptr);
  CheckResult result = RunChecks(graph, rules.Pointers(), prepared->check, std::move(alone));
  progress.Finish();
  if (!o.write_baseline.empty()) {
    if (!WriteFile(o.write_baseline, RenderBaseline(Unsuppressed(result)), err)) return kExitUsage;
  }
  ApplyBaseline(prepared->baseline, &result);

  RunReport run{graph, result, Summarize(graph, result)};
  run.show_suppressed = o.show_suppressed;
  for (const Destination& d : *destinations) {
    const bool to_stdout = d.file.empty();
    run.color = to_stdout && o.color;
    if (to_stdout) {
      d.writer->Write(run, out);
    } else if (!WriteFileWith(d.file, [&](std::ostream& file) { d.writer->Write(run, file); }, err)) {
      return kExitUsage;
    }
  }
  return ExitCodeFor(result, fail_on, fail_on_possible);
}

int RunReportCommand(const ReportCommandOptions& o, std::ostream& out, std::ostream& err) {
  const auto format = ReportFormat(o, err);
  if (!format) return kExitUsage;
  std::string text;
  if (o.merge) {
    if (*format == "json") {
      err << "trustlint: report --merge writes html or markdown, not json\n";
      return kExitUsage;
    }
    if (o.scan.paths.empty()) {
      err << "trustlint: report --merge takes the runs' JSON files (from `trustlint report PATH --format json`)\n";
      return kExitUsage;
    }
    std::vector<AuditRun> runs;
    for (const std::string& file : o.scan.paths) {
      std::string error;
      auto run = ReadRunJson(file, &error);
      if (!run) {
        err << "trustlint: " << error << "\n";
        return kExitUsage;
      }
      runs.push_back(std::move(*run));
    }
    const AuditReport report = MergeRuns(std::move(runs));
    text = *format == "markdown" ? RenderAuditMarkdown(report) : RenderAuditHtml(report);
  } else {
    const std::vector<std::string> paths = PathsOrDot(o.scan.paths);
    if (!PathsExist(paths, err)) return kExitUsage;
    const auto prepared = PrepareScan(o.scan, paths, err);
    if (!prepared) return kExitUsage;
    const Graph graph = ScanSaying(prepared->scan, err);
    CheckResult result = RunChecks(graph, RuleSet(), prepared->check);
    ApplyBaseline(prepared->baseline, &result);
    const Summary summary = Summarize(graph, result);
    AuditRun run = BuildAuditRun(graph, result, summary);
    if (*format == "json") {
      text = RenderReportJson(RenderJson(RunReport{graph, result, summary}), run);
    } else {
      const AuditReport report = SingleRunReport(std::move(run));
      text = *format == "markdown" ? RenderAuditMarkdown(report) : RenderAuditHtml(report);
    }
  }
  if (o.output.empty() || o.output == "-") {
    out << text;
  } else if (!WriteFile(o.output, text, err)) {
    return kExitUsage;
  }
  return kExitClean;  // a report is not a gate
}

int RunGraphCommand(const std::vector<std::string>& raw_paths, const std::string& format, std::ostream& out,
                    std::ostream& err) {
  const auto parsed = ParseGraphFormat(format);
  if (!parsed) {
    err << "trustlint: unsupported graph --format " << format << " (supported: dot, mermaid, json)\n";
    return kExitUsage;
  }
  const std::vector<std::string> paths = PathsOrDot(raw_paths);
  if (!PathsExist(paths, err)) return kExitUsage;
  const auto config = ConfigFor("", paths, err);
  if (!config) return kExitUsage;
  ScanOptions scan;
  scan.paths = paths;
  scan.skip_paths = config->SkipGlobs();
  scan.region = config->region;
  scan.account = config->account;
  scan.parameters = LastWins(config->parameters);
  scan.imports = LastWins(config->imports);
  const Graph graph = ScanPaths(scan);
  out << RenderGraph(graph, *parsed, *parsed == GraphFormat::kJson ? GraphRoleAccess(graph) : std::map<int, RoleAccessView>{});
  return kExitClean;
}

int RunRulesCommand(std::ostream& out) {
  out << RenderRulesTable();
  return kExitClean;
}

int RunExplainCommand(const std::string& id, std::ostream& out, std::ostream& err) {
  const Rule* rule = FindRule(id);
  if (rule == nullptr) {
    err << "trustlint: unknown rule " << id << " (`trustlint rules` lists them)\n";
    return kExitUsage;
  }
  out << RenderRuleDoc(rule->Info());
  return kExitClean;
}

int RunDocsCommand(const std::string& dir, std::ostream& out, std::ostream& err) {
  std::string error;
  if (!WriteRuleDocs(dir, &error)) {
    err << "trustlint: " << error << "\n";
    return kExitUsage;
  }
  out << "wrote " << AllRules().size() << " rule pages to " << dir << "\n";
  return kExitClean;
}

}  // namespace trustlint
