#include "check/baseline.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace trustlint {

std::string RenderBaseline(const std::vector<Finding>& findings) {
  std::set<std::string> sorted;
  for (const Finding& f : findings) sorted.insert(f.fingerprint);
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["fingerprints"] = nlohmann::ordered_json::array();
  for (const std::string& fp : sorted) doc["fingerprints"].push_back(fp);
  return doc.dump(2) + "\n";
}

std::optional<std::set<std::string>> ParseBaseline(const std::string& text, const std::string& path,
                                                   std::string* error) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    *error = path + ": not a baseline file: " + e.what();
    return std::nullopt;
  }
  if (!doc.is_object() || !doc.contains("version") || doc["version"] != 1) {
    *error = path + ": not a baseline file: expected {\"version\": 1, \"fingerprints\": [...]}";
    return std::nullopt;
  }
  if (!doc.contains("fingerprints") || !doc["fingerprints"].is_array()) {
    *error = path + ": baseline has no \"fingerprints\" array";
    return std::nullopt;
  }
  std::set<std::string> out;
  for (const auto& fp : doc["fingerprints"]) {
    if (!fp.is_string()) {
      *error = path + ": baseline fingerprint " + fp.dump() + " is not a string";
      return std::nullopt;
    }
    out.insert(fp.get<std::string>());
  }
  return out;
}

std::optional<std::set<std::string>> ReadBaseline(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read baseline file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseBaseline(text.str(), path, error);
}

void ApplyBaseline(const std::set<std::string>& fingerprints, CheckResult* result) {
  if (fingerprints.empty()) return;
  auto& findings = result->findings;
  const auto kept = std::stable_partition(findings.begin(), findings.end(),
                                          [&](const Finding& f) { return fingerprints.count(f.fingerprint) == 0; });
  result->baselined += static_cast<int>(findings.end() - kept);
  findings.erase(kept, findings.end());
}

}  // namespace trustlint
