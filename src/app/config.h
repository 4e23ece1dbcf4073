// `.trustlint.yaml`: the per-repository configuration (SPEC 8).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/severity.h"
#include "check/checker.h"

namespace trustlint {

// --fail-on / `fail-on:`: the least severity that fails the run, or never.
struct FailOn {
  std::optional<Severity> at_least = Severity::kError;  // nullopt = never fail
};
std::optional<FailOn> ParseFailOn(std::string_view text);  // error|warning|note|never

struct Config {
  std::string path;  // where it was read from ("" = defaults)
  std::set<std::string> disable;
  std::set<std::string> enable;  // only these (empty = all)
  std::map<std::string, Severity> severity;
  std::vector<std::string> skip;  // globs relative to the scanned root
  std::optional<FailOn> fail_on;
  std::optional<bool> fail_on_possible;  // `fail-on-possible`: possible findings change the exit status
  // AWS::AccountId / AWS::Region (and a Terraform provider that sets none); "" = unknown.
  std::string account;
  std::string region;
  // CloudFormation parameters and Fn::ImportValue exports, as --parameter / --import give them.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::vector<std::pair<std::string, std::string>> imports;

  // The checker options this configuration asks for (baseline left empty).
  CheckOptions ToCheckOptions() const;
};

// Parses the text of a configuration file. On error returns nullopt and sets
// `error` to "<path>:<line>:<col>: <what is wrong>".
std::optional<Config> ParseConfig(const std::string& text, const std::string& path, std::string* error);

// The configuration file that applies to a scan of `paths`: `.trustlint.yaml`
// in the first path (or the folder holding it, when it is a file). "" if none.
std::string FindConfigFile(const std::vector<std::string>& paths);

// Reads and parses `path`.
std::optional<Config> LoadConfig(const std::string& path, std::string* error);

// A CloudFormation parameter file (`--parameters FILE`), JSON or YAML, in either
// form: the CLI's `[{"ParameterKey": K, "ParameterValue": V}, ...]` or a
// CodePipeline template configuration `{"Parameters": {K: V}}`. On error returns
// nullopt and sets `error` to "<path>:<line>:<col>: <what is wrong>".
std::optional<std::vector<std::pair<std::string, std::string>>> ReadParameterFile(const std::string& path,
                                                                                std::string* error);

}  // namespace trustlint
