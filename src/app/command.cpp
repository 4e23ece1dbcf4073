#include "app/command.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <utility>

#include "check/baseline.h"
#include "check/context.h"
#include "policy/permissions.h"
#include "frontend/scan.h"
#include "report/docs.h"
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

bool WriteFile(const std::string& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "trustlint: " << path << ": cannot write\n";
    return false;
  }
  return true;
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
  auto config = ConfigFor(o.config, paths, err);
  if (!config || !ApplyRuleFlags(o, *config, err)) return kExitUsage;
  FailOn fail_on = config->fail_on.value_or(FailOn{});
  if (!o.fail_on.empty()) {
    const auto parsed = ParseFailOn(o.fail_on);
    if (!parsed) {
      err << "trustlint: --fail-on must be error, warning, note or never, not " << o.fail_on << "\n";
      return kExitUsage;
    }
    fail_on = *parsed;
  }
  std::vector<BaselineEntry> baseline;
  if (!o.baseline.empty()) {
    std::string error;
    auto read = ReadBaseline(o.baseline, &error);
    if (!read) {
      err << "trustlint: " << error << "\n";
      return kExitUsage;
    }
    baseline = std::move(*read);
  }

  ScanOptions scan;
  scan.paths = paths;
  scan.skip_paths = SkipGlobs(*config, o.skip);
  scan.var_files = o.var_files;
  scan.region = config->region;
  scan.account = config->account;
  if (!NameValues(o.vars, "--var", scan.vars, err)) return kExitUsage;
  for (const std::string& file : o.var_files) {
    if (!std::filesystem::is_regular_file(file)) {
      err << "trustlint: --var-file " << file << ": no such file\n";
      return kExitUsage;
    }
  }
  // The command line wins over the configuration; --parameter over --parameters FILE.
  std::vector<std::pair<std::string, std::string>> parameters = config->parameters;
  for (const std::string& file : o.parameter_files) {
    std::string error;
    const auto read = ReadParameterFile(file, &error);
    if (!read) {
      err << "trustlint: --parameters " << error << "\n";
      return kExitUsage;
    }
    parameters.insert(parameters.end(), read->begin(), read->end());
  }
  if (!NameValues(o.parameters, "--parameter", parameters, err)) return kExitUsage;
  scan.parameters = LastWins(parameters);
  std::vector<std::pair<std::string, std::string>> imports = config->imports;
  if (!NameValues(o.imports, "--import", imports, err)) return kExitUsage;
  scan.imports = LastWins(imports);
  const bool fail_on_possible = o.fail_on_possible || config->fail_on_possible.value_or(false);
  if (o.show_config) {
    // The settings after the command line, and no scan: the question was which
    // configuration applies, and a scan's output would bury the answer.
    Config shown = *config;
    shown.parameters = scan.parameters;
    shown.imports = scan.imports;
    out << DescribeConfig(shown, scan.skip_paths, fail_on, fail_on_possible);
    return kExitClean;
  }
  const Graph graph = ScanPaths(scan);
  if (graph.inputs.empty()) {
    std::string joined;
    for (const std::string& p : paths) joined += (joined.empty() ? "" : " ") + p;
    err << "trustlint: no CloudFormation or Terraform templates found under " << joined << "\n";
  }
  // The baseline is applied after writing a new one, so that --baseline OLD
  // --write-baseline NEW keeps the findings OLD already accepted.
  CheckOptions check_options = config->ToCheckOptions();
  check_options.fingerprint_file = RepositoryRelative(paths);
  CheckResult result = RunChecks(graph, RuleSet(), check_options);
  if (!o.write_baseline.empty()) {
    if (!WriteFile(o.write_baseline, RenderBaseline(Unsuppressed(result)), err)) return kExitUsage;
  }
  ApplyBaseline(baseline, &result);

  RunReport run{graph, result, Summarize(graph, result)};
  run.show_suppressed = o.show_suppressed;
  for (const Destination& d : *destinations) {
    const bool to_stdout = d.file.empty();
    run.color = to_stdout && o.color;
    const std::string text = d.writer->Render(run);
    if (to_stdout) {
      out << text;
    } else if (!WriteFile(d.file, text, err)) {
      return kExitUsage;
    }
  }
  return ExitCodeFor(result, fail_on, fail_on_possible);
}

// Effective permissions of every identity-pool role, for `graph --format json`.
static std::map<int, RoleAccessView> RoleAccess(const Graph& graph) {
  AnalysisContext ctx(graph);
  std::map<int, RoleAccessView> access;
  for (size_t i = 0; i < graph.roles.size(); ++i) {
    const int role = static_cast<int>(i);
    if (!ctx.IsIdentityPoolRole(role)) continue;
    RoleAccessView view;
    RegionClass region = RegionClass::kUnknown;
    bool proven = false;  // some use gives guests the role whatever the unknowns are
    for (const RoleUse& use : ctx.UsesOf(role)) {
      if (use.pool >= 0) region = ClassifyRegion(graph.pools[use.pool].region);
      const std::string pool = use.pool >= 0 ? graph.pools[use.pool].address : graph.attachments[use.attachment].address;
      if (use.as == RoleUse::As::kUnauthenticated) {
        view.guests = view.scope_down = true;
        proven = proven || ctx.ConditionalReason(use.attachment).empty();
        view.guests_because.push_back("unauthenticated role of " + pool);
        continue;
      }
      if (use.pool < 0) continue;
      // The same question, and the same answer, as TL104's.
      const TrustAnswer& answer = ctx.GuestTokenAnswer(role, use.pool);
      if (!answer.admitted) continue;
      proven = proven || (!answer.depends_on_unknown && ctx.ConditionalReason(use.attachment).empty());
      view.guests = true;
      view.guests_because.push_back("its trust admits guest tokens of " + pool + " (TL104)");
    }
    view.guests_possible = view.guests && !proven;
    view.region = region == RegionClass::kDefault ? "default" : region == RegionClass::kOptIn ? "opt-in" : "unknown";
    const RolePermissions& permissions = ctx.Effective(role);
    view.entries = SummarizePermissions(permissions, region);
    view.unknown_managed = permissions.unknown_managed;
    access.emplace(role, std::move(view));
  }
  return access;
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
  out << RenderGraph(graph, *parsed, *parsed == GraphFormat::kJson ? RoleAccess(graph) : std::map<int, RoleAccessView>{});
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
