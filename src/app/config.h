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
  std::vector<std::string> skip;  // globs relative to the folder of this file, as written
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
  // `skip` as absolute globs (ScanOptions::skip_paths), anchored at this file's
  // folder (the current directory for the defaults).
  std::vector<std::string> SkipGlobs() const;
};

// Parses the text of a configuration file. On error returns nullopt and sets
// `error` to "<path>:<line>:<col>: <what is wrong>".
std::optional<Config> ParseConfig(const std::string& text, const std::string& path, std::string* error);

// The configuration file that applies to a scan of `paths` (SPEC 8): the first
// `.trustlint.yaml` walking up from the current directory to its repository root
// (the nearest folder holding `.git`; only the current directory when there is
// none), else the nearest one walking up from each scanned path (a folder, or a
// file's folder) to its repository root (only that folder when there is none).
// "" when none applies. nullopt, with `error` set, when two scanned paths would use
// different files.
std::optional<std::string> FindConfigFile(const std::vector<std::string>& paths, std::string* error);

// A scanned path's folder (a file's own folder), absolute and normalised.
std::string ScannedFolderOf(const std::string& path);
// The repository root of a scanned path (SPEC 8): the nearest folder at or above
// its folder that holds `.git`, else that folder itself. Absolute.
std::string RepositoryRootOf(const std::string& path);

// `globs` anchored at `folder` (absolute) for ScanOptions::skip_paths; an absolute
// glob stays as it is.
std::vector<std::string> AnchoredGlobs(const std::vector<std::string>& globs, const std::string& folder);

// Reads and parses `path`.
std::optional<Config> LoadConfig(const std::string& path, std::string* error);

// A CloudFormation parameter file (`--parameters FILE`), JSON or YAML, in either
// form: the CLI's `[{"ParameterKey": K, "ParameterValue": V}, ...]` or a
// CodePipeline template configuration `{"Parameters": {K: V}}`. On error returns
// nullopt and sets `error` to "<path>:<line>:<col>: <what is wrong>".
std::optional<std::vector<std::pair<std::string, std::string>>> ReadParameterFile(const std::string& path,
                                                                                std::string* error);

}  // namespace trustlint
