#include "app/config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "frontend/yaml_location.h"
#include "rules/registry.h"

namespace trustlint {
namespace {

constexpr std::string_view kConfigName = ".trustlint.yaml";

// Located error messages, 1-based like every position trustlint prints.
class ConfigErrors {
 public:
  ConfigErrors(std::string path, std::string* out) : path_(std::move(path)), out_(out) {}

  std::nullopt_t At(const YAML::Mark& mark, const std::string& message) const {
    const Location at = LocationOf(path_, mark);
    *out_ = path_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + message;
    return std::nullopt;
  }
  bool Fail(const YAML::Mark& mark, const std::string& message) const {
    At(mark, message);
    return false;
  }

 private:
  std::string path_;
  std::string* out_;
};

bool IsRuleId(const std::string& s) {
  static const std::regex kRuleId("TL[0-9]{3}");
  return std::regex_match(s, kRuleId);
}

// What is wrong with `id` as a rule ID of key `key`, or "" when it names a rule:
// an unknown ID would otherwise switch rules off without a word (`enable: [TL999]`).
std::string RuleIdProblem(const std::string& key, const std::string& id) {
  if (FindRuleByName(id) == nullptr && !IsRuleId(id)) return "`" + key + "`: expected a rule ID such as TL104, got " + id;
  const auto problem = UnknownRuleProblem(id);
  return problem ? "`" + key + "`: " + *problem : "";
}

// A scalar's text, or nullopt when the node is not a scalar.
std::optional<std::string> Scalar(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  return node.Scalar();
}

std::optional<std::set<std::string>> RuleList(const YAML::Node& node, const std::string& key,
                                              const ConfigErrors& errors) {
  if (node.IsNull()) return std::set<std::string>{};
  if (!node.IsSequence()) return errors.At(node.Mark(), "`" + key + "` must be a list of rule IDs");
  std::set<std::string> out;
  for (const YAML::Node& item : node) {
    const auto id = Scalar(item);
    if (!id) return errors.At(item.Mark(), "`" + key + "`: expected a rule ID such as TL104, got " + YAML::Dump(item));
    if (const std::string problem = RuleIdProblem(key, *id); !problem.empty()) return errors.At(item.Mark(), problem);
    out.insert(*id);
  }
  return out;
}

// `parameters:` / `imports:`: a mapping of names to scalars (a list parameter may
// also be written as a YAML list, joined with commas as CloudFormation reads it).
bool NameValueMap(const YAML::Node& node, const std::string& key, const ConfigErrors& errors,
                  std::vector<std::pair<std::string, std::string>>& out) {
  if (node.IsNull()) return true;
  if (!node.IsMap()) return errors.Fail(node.Mark(), "`" + key + "` must map names to values");
  for (const auto& entry : node) {
    const auto name = Scalar(entry.first);
    if (!name || name->empty()) return errors.Fail(entry.first.Mark(), "`" + key + "`: names must be strings");
    std::optional<std::string> value = Scalar(entry.second);
    if (!value && entry.second.IsSequence()) {
      value = "";
      for (const YAML::Node& item : entry.second) {
        const auto text = Scalar(item);
        if (!text) return errors.Fail(item.Mark(), "`" + key + "` of " + *name + ": expected a string");
        *value += (value->empty() ? "" : ",") + *text;
      }
    }
    if (!value) return errors.Fail(entry.second.Mark(), "`" + key + "` of " + *name + " must be a string");
    out.emplace_back(*name, *value);
  }
  return true;
}

bool ParseKey(const std::string& key, const YAML::Mark& key_mark, const YAML::Node& value, const ConfigErrors& errors,
              Config& config) {
  if (key == "disable" || key == "enable") {
    auto ids = RuleList(value, key, errors);
    if (!ids) return false;
    (key == "disable" ? config.disable : config.enable) = std::move(*ids);
  } else if (key == "severity") {
    if (!value.IsMap()) return errors.Fail(value.Mark(), "`severity` must map rule IDs to error|warning|note");
    for (const auto& entry : value) {
      const auto id = Scalar(entry.first);
      if (!id) return errors.Fail(entry.first.Mark(), "`severity`: expected a rule ID such as TL104");
      if (const std::string problem = RuleIdProblem("severity", *id); !problem.empty()) {
        return errors.Fail(entry.first.Mark(), problem);
      }
      const auto text = Scalar(entry.second);
      const auto sev = text ? ParseSeverity(*text) : std::nullopt;
      if (!sev) return errors.Fail(entry.second.Mark(), "`severity` of " + *id + " must be error, warning or note");
      config.severity[*id] = *sev;
    }
  } else if (key == "skip") {
    if (!value.IsSequence() && !value.IsNull()) return errors.Fail(value.Mark(), "`skip` must be a list of globs");
    for (const YAML::Node& item : value) {
      const auto glob = Scalar(item);
      if (!glob) return errors.Fail(item.Mark(), "`skip`: expected a path glob");
      config.skip.push_back(*glob);
    }
  } else if (key == "fail-on") {
    const auto text = Scalar(value);
    config.fail_on = text ? ParseFailOn(*text) : std::nullopt;
    if (!config.fail_on) return errors.Fail(value.Mark(), "`fail-on` must be error, warning, note or never");
  } else if (key == "fail-on-possible") {
    const auto text = Scalar(value);
    if (text == "true" || text == "false") {
      config.fail_on_possible = *text == "true";
    } else {
      return errors.Fail(value.Mark(), "`fail-on-possible` must be true or false");
    }
  } else if (key == "parameters" || key == "imports") {
    return NameValueMap(value, key, errors, key == "parameters" ? config.parameters : config.imports);
  } else if (key == "account" || key == "region") {
    const auto text = Scalar(value);
    if (!text) return errors.Fail(value.Mark(), "`" + key + "` must be a string");
    (key == "account" ? config.account : config.region) = *text;
  } else {
    return errors.Fail(
        key_mark, "unknown key `" + key +
                      "` (expected disable, enable, severity, skip, fail-on, fail-on-possible, account, region, "
                      "parameters, imports)");
  }
  return true;
}

}  // namespace

std::optional<FailOn> ParseFailOn(std::string_view text) {
  if (text == "never") return FailOn{std::nullopt};
  if (auto sev = ParseSeverity(text)) return FailOn{*sev};
  return std::nullopt;
}

CheckOptions Config::ToCheckOptions() const {
  CheckOptions options;
  options.disabled_rules = disable;
  options.enabled_only = enable;
  options.severity_overrides = severity;
  return options;
}

std::optional<Config> ParseConfig(const std::string& text, const std::string& path, std::string* error) {
  const ConfigErrors errors(path, error);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return errors.At(e.mark, e.msg);
  }
  Config config;
  config.path = path;
  if (root.IsNull()) return config;  // an empty file means the defaults
  if (!root.IsMap()) return errors.At(root.Mark(), "the configuration must be a mapping of keys to values");
  for (const auto& entry : root) {
    const auto key = Scalar(entry.first);
    if (!key) return errors.At(entry.first.Mark(), "keys must be strings");
    if (!ParseKey(*key, entry.first.Mark(), entry.second, errors, config)) return std::nullopt;
  }
  return config;
}

namespace {

namespace fs = std::filesystem;

// The repository root above `dir`: the nearest folder holding `.git` (a folder, or
// the file a worktree has), or nullopt when there is none.
std::optional<fs::path> RepositoryRootAbove(const fs::path& dir) {
  std::error_code ec;
  for (fs::path at = dir; !at.empty(); at = at.parent_path()) {
    if (fs::exists(at / ".git", ec)) return at;
    if (at == at.root_path()) break;
  }
  return std::nullopt;
}

// The first `.trustlint.yaml` walking up from `dir` to its repository root, or only
// `dir` itself when no `.git` is above it; "" when none.
std::string NearestConfigUpTo(const fs::path& dir) {
  std::error_code ec;
  const std::optional<fs::path> top = RepositoryRootAbove(dir);
  for (fs::path at = dir;; at = at.parent_path()) {
    if (fs::is_regular_file(at / kConfigName, ec)) return (at / kConfigName).string();
    if (!top || at == *top || at == at.root_path() || at.empty()) return "";
  }
}

// A scanned path's folder (a file's own folder), absolute and normalised.
fs::path ScannedFolder(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path.empty() ? "." : path, ec).lexically_normal();
  if (!fs::is_directory(abs, ec)) abs = abs.parent_path();
  if (abs.has_filename() || abs == abs.root_path()) return abs;
  return abs.parent_path();  // "dir/" normalises to a trailing empty name
}

// How a found file is shown: relative to the current directory, as scanned paths are.
std::string ShownPath(const fs::path& abs) {
  std::error_code ec;
  const fs::path rel = abs.lexically_relative(fs::current_path(ec));
  if (ec || rel.empty()) return abs.string();
  return rel.string();
}

}  // namespace

std::optional<std::string> FindConfigFile(const std::vector<std::string>& paths, std::string* error) {
  std::error_code ec;
  if (std::string found = NearestConfigUpTo(fs::current_path(ec)); !found.empty()) return ShownPath(found);
  std::string chosen;
  std::string chosen_for;
  for (const std::string& path : paths.empty() ? std::vector<std::string>{"."} : paths) {
    const std::string found = NearestConfigUpTo(ScannedFolder(path));
    if (found.empty()) continue;
    if (chosen.empty()) {
      chosen = found;
      chosen_for = path;
    } else if (found != chosen) {
      *error = "the scanned paths use different configuration files: " + ShownPath(chosen) + " (for " + chosen_for +
               ") and " + ShownPath(found) + " (for " + path + "): scan them separately or pass --config FILE";
      return std::nullopt;
    }
  }
  return chosen.empty() ? "" : ShownPath(chosen);
}

std::string ScannedFolderOf(const std::string& path) { return ScannedFolder(path).generic_string(); }

std::string RepositoryRootOf(const std::string& path) {
  const fs::path folder = ScannedFolder(path);
  return RepositoryRootAbove(folder).value_or(folder).generic_string();
}

std::vector<std::string> Config::SkipGlobs() const {
  std::error_code ec;
  const fs::path folder =
      path.empty() ? fs::current_path(ec) : fs::absolute(path, ec).lexically_normal().parent_path();
  return AnchoredGlobs(skip, folder.string());
}

std::vector<std::string> AnchoredGlobs(const std::vector<std::string>& globs, const std::string& folder) {
  // fnmatch would read a `*`, `?` or `[` in the folder's own name as a pattern.
  std::string escaped;
  for (char c : folder) {
    if (c == '*' || c == '?' || c == '[' || c == '\\') escaped += '\\';
    escaped += c;
  }
  if (escaped.empty() || escaped.back() != '/') escaped += '/';
  std::vector<std::string> out;
  for (const std::string& glob : globs) {
    std::string g = glob;
    while (g.rfind("./", 0) == 0) g.erase(0, 2);
    out.push_back(!g.empty() && g.front() == '/' ? g : escaped + g);
  }
  return out;
}

std::optional<Config> LoadConfig(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read configuration file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path, error);
}

std::optional<std::vector<std::pair<std::string, std::string>>> ReadParameterFile(const std::string& path,
                                                                                std::string* error) {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  const ConfigErrors errors(path, error);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read parameter file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  YAML::Node root;
  try {
    root = YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    return errors.At(e.mark, e.msg);
  }
  // A value is a string; CloudFormation also takes numbers and booleans as their text,
  // and a list (for CommaDelimitedList) joined with commas.
  auto value_of = [](const YAML::Node& node) -> std::optional<std::string> {
    if (node.IsScalar()) return node.Scalar();
    if (!node.IsSequence()) return std::nullopt;
    std::string joined;
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) return std::nullopt;
      joined += (joined.empty() ? "" : ",") + item.Scalar();
    }
    return joined;
  };
  Pairs out;
  if (root.IsSequence()) {
    for (const YAML::Node& item : root) {
      if (!item.IsMap()) return errors.At(item.Mark(), "expected {\"ParameterKey\": ..., \"ParameterValue\": ...}");
      const YAML::Node key = item["ParameterKey"];
      if (!key || !key.IsScalar() || key.Scalar().empty()) {
        return errors.At(item.Mark(), "entry has no ParameterKey string");
      }
      if (item["UsePreviousValue"] && !item["ParameterValue"]) continue;  // the deployed value: unknown here
      const YAML::Node value = item["ParameterValue"];
      const auto text = value ? value_of(value) : std::nullopt;
      if (!text) {
        return errors.At(value ? value.Mark() : item.Mark(), "ParameterValue of " + key.Scalar() + " must be a string");
      }
      out.emplace_back(key.Scalar(), *text);
    }
    return out;
  }
  const YAML::Node params = root.IsMap() ? root["Parameters"] : YAML::Node();
  if (!params || !params.IsMap()) {
    return errors.At(root.Mark(),
                     "expected a list of {\"ParameterKey\", \"ParameterValue\"} or {\"Parameters\": {NAME: VALUE}}");
  }
  for (const auto& entry : params) {
    const auto name = Scalar(entry.first);
    if (!name || name->empty()) return errors.At(entry.first.Mark(), "parameter names must be strings");
    const auto text = value_of(entry.second);
    if (!text) return errors.At(entry.second.Mark(), "value of parameter " + *name + " must be a string");
    out.emplace_back(*name, *text);
  }
  return out;
}

}  // namespace trustlint
