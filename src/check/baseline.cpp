#include "check/baseline.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

namespace trustlint {
namespace {

constexpr int kVersion = 2;
constexpr const char* kShape =
    "expected {\"version\": 2, \"findings\": [{\"rule\", \"resource\", \"file\", \"message\", \"fingerprint\"}...]}";

bool EntryLess(const BaselineEntry& a, const BaselineEntry& b) {
  return std::tie(a.file, a.rule, a.resource, a.fingerprint) < std::tie(b.file, b.rule, b.resource, b.fingerprint);
}

// One entry of the "findings" array; nullopt (and `error`) when malformed.
std::optional<BaselineEntry> ParseEntry(const nlohmann::json& item, const std::string& path, std::string* error) {
  if (!item.is_object()) {
    *error = path + ": baseline entry " + item.dump() + " is not an object";
    return std::nullopt;
  }
  BaselineEntry entry;
  const std::pair<const char*, std::string*> fields[] = {{"rule", &entry.rule},
                                                         {"resource", &entry.resource},
                                                         {"file", &entry.file},
                                                         {"message", &entry.message},
                                                         {"fingerprint", &entry.fingerprint}};
  for (const auto& [name, out] : fields) {
    const auto it = item.find(name);
    if (it == item.end()) continue;  // only the fingerprint is needed to match
    if (!it->is_string()) {
      *error = path + ": baseline entry's \"" + name + "\" " + it->dump() + " is not a string";
      return std::nullopt;
    }
    *out = it->get<std::string>();
  }
  if (entry.fingerprint.empty()) {
    *error = path + ": baseline entry " + item.dump() + " has no \"fingerprint\"";
    return std::nullopt;
  }
  return entry;
}

}  // namespace

std::string RenderBaseline(const std::vector<Finding>& findings) {
  std::vector<BaselineEntry> entries;
  std::set<std::string> seen;
  for (const Finding& f : findings) {
    if (!seen.insert(f.fingerprint).second) continue;  // one entry hides every finding of its fingerprint
    entries.push_back({f.rule, f.fingerprint_resource.empty() ? f.resource : f.fingerprint_resource,
                       f.fingerprint_file.empty() ? f.loc.file : f.fingerprint_file, f.message, f.fingerprint});
  }
  std::sort(entries.begin(), entries.end(), EntryLess);
  nlohmann::ordered_json doc;
  doc["version"] = kVersion;
  doc["findings"] = nlohmann::ordered_json::array();
  for (const BaselineEntry& e : entries) {
    doc["findings"].push_back({{"rule", e.rule},
                               {"resource", e.resource},
                               {"file", e.file},
                               {"message", e.message},
                               {"fingerprint", e.fingerprint}});
  }
  return doc.dump(2) + "\n";
}

std::optional<std::vector<BaselineEntry>> ParseBaseline(const std::string& text, const std::string& path,
                                                        std::string* error) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    *error = path + ": not a baseline file: " + e.what();
    return std::nullopt;
  }
  if (doc.is_object() && doc.contains("version") && doc["version"] == 1) {
    // Version 1 hashed the file relative to the current directory and the
    // disambiguated address: its fingerprints would match nothing now.
    *error = path + ": baseline version 1 is no longer read (fingerprints are now relative to the repository root): "
                    "regenerate it with --write-baseline";
    return std::nullopt;
  }
  if (!doc.is_object() || !doc.contains("version") || doc["version"] != kVersion) {
    *error = path + ": not a baseline file: " + kShape;
    return std::nullopt;
  }
  if (!doc.contains("findings") || !doc["findings"].is_array()) {
    *error = path + ": baseline has no \"findings\" array";
    return std::nullopt;
  }
  std::vector<BaselineEntry> out;
  for (const auto& item : doc["findings"]) {
    auto entry = ParseEntry(item, path, error);
    if (!entry) return std::nullopt;
    out.push_back(std::move(*entry));
  }
  return out;
}

std::optional<std::vector<BaselineEntry>> ReadBaseline(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read baseline file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseBaseline(text.str(), path, error);
}

void ApplyBaseline(const std::vector<BaselineEntry>& entries, CheckResult* result) {
  if (entries.empty()) return;
  std::set<std::string> fingerprints;
  for (const BaselineEntry& e : entries) fingerprints.insert(e.fingerprint);
  std::set<std::string> matched;
  std::vector<Finding> kept;
  for (Finding& f : result->findings) {
    if (fingerprints.count(f.fingerprint)) {
      matched.insert(f.fingerprint);
      result->baselined_findings.push_back(std::move(f));
    } else {
      kept.push_back(std::move(f));
    }
  }
  result->findings = std::move(kept);
  result->baselined = static_cast<int>(result->baselined_findings.size());
  for (const BaselineEntry& e : entries) {
    if (!matched.count(e.fingerprint)) result->stale_baseline.push_back(e);
  }
  std::sort(result->stale_baseline.begin(), result->stale_baseline.end(), EntryLess);
}

}  // namespace trustlint
