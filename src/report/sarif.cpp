#include "report/sarif.h"

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/rule.h"
#include "report/finding_text.h"
#include "report/json.h"
#include "report/json_stream.h"
#include "report/links.h"
#include "report/source_lines.h"
#include "rules/registry.h"

namespace trustlint {
namespace {

using Json = nlohmann::ordered_json;  // fixed key order: byte-identical output for the same run

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";

// The family a rule belongs to is its ID's hundreds digit (SPEC 5).
enum class Family { kInput, kTrust, kPermissions, kPool, kPolicy };

Family FamilyOf(const std::string& id) {
  const char hundreds = id.size() >= 3 ? id[2] : '0';
  switch (hundreds) {
    case '1': return Family::kTrust;
    case '2': return Family::kPermissions;
    case '3': return Family::kPool;
    case '4': return Family::kPolicy;
    default: return Family::kInput;
  }
}

std::string_view FamilyTag(Family family) {
  switch (family) {
    case Family::kTrust: return "trust-policy";
    case Family::kPermissions: return "permissions";
    case Family::kPool: return "identity-pool";
    case Family::kPolicy: return "policy";
    case Family::kInput: return "input";
  }
  return "input";
}

// GitHub ranks security alerts by `security-severity` (9.0+ critical, 7.0-8.9 high,
// 4.0-6.9 medium, below low). The scores follow what a finding of each family lets an
// attacker do:
// - trust (TL1xx): a wrong trust policy hands a role's credentials to anyone with the
//   pool ID, or guests an authenticated role: an error is critical.
// - permissions (TL2xx): guests or identities holding more than intended: high.
// - pool settings (TL3xx): guest access or the classic flow switched on opens the way
//   for the others but grants nothing by itself: medium at most.
// - policy validity (TL4xx): a statement that does not do what it says, usually less
//   than intended: medium at most.
// Input findings (TL0xx: parse errors, suppression hygiene, policies IAM rejects) are
// not vulnerabilities; they get no score, so GitHub lists them as ordinary alerts.
std::optional<std::string> SecuritySeverity(Family family, Severity severity) {
  if (family == Family::kInput) return std::nullopt;
  const bool grave = family == Family::kTrust || family == Family::kPermissions;
  switch (severity) {
    case Severity::kError: return family == Family::kTrust ? "9.0" : grave ? "8.0" : "6.0";
    case Severity::kWarning: return grave ? "5.0" : "4.0";
    case Severity::kNote: return "2.0";
  }
  return std::nullopt;
}

// Typical precision of a rule's findings: most are proofs over the templates, but a
// finding that rests on an input the scan cannot see is only possible. Input rules
// report what the parser said, which is certain.
std::string_view RulePrecision(Family family) { return family == Family::kInput ? "very-high" : "high"; }

std::string FirstParagraph(const std::string& text) { return text.substr(0, text.find("\n\n")); }

Json Message(std::string text) { return Json{{"text", std::move(text)}}; }

Json RuleJson(const RuleInfo& info) {
  const Family family = FamilyOf(info.id);
  const std::string page = RulePageUrl(info.id);
  Json tags = Json::array();
  if (family != Family::kInput) tags.insert(tags.end(), {"security", "iam", "cognito"});
  tags.push_back(FamilyTag(family));
  Json properties{{"tags", std::move(tags)}, {"precision", RulePrecision(family)}};
  if (auto score = SecuritySeverity(family, info.severity)) properties["security-severity"] = *score;
  const std::string first = FirstParagraph(info.explanation);
  return Json{
      {"id", info.id},
      {"name", info.name},
      {"shortDescription", Message(info.summary)},
      {"fullDescription", Message(first.empty() ? info.summary : first)},
      {"helpUri", page},
      {"help",
       Json{{"text", info.explanation + "\n\nHow to fix: " + info.fix + "\n\nRule page: " + page},
            {"markdown", info.explanation + "\n\n**How to fix.** " + info.fix + "\n\n[" + info.id + " " +
                             info.name + "](" + page + ")"}}},
      {"defaultConfiguration", Json{{"level", SeverityName(info.severity)}}},
      {"properties", std::move(properties)}};
}

// Reads each file a finding points into once, to turn byte columns into characters.
class ColumnConverter {
 public:
  int ToCodePoints(const std::string& file, int line, int byte_column) {
    const std::vector<std::string>& lines = LinesOf(file);
    if (line < 1 || static_cast<size_t>(line) > lines.size()) return byte_column;
    return CodePointColumn(lines[static_cast<size_t>(line) - 1], byte_column);
  }
  // 0 when the file cannot be read.
  int LineCount(const std::string& file) { return static_cast<int>(LinesOf(file).size()); }

 private:
  const std::vector<std::string>& LinesOf(const std::string& file) { return sources_.Of(file); }
  SourceLines sources_{kFilesKept};
  // Results come in file order; a related location may name another file.
  static constexpr size_t kFilesKept = 16;
};

bool IsAbsolute(const std::string& path) { return !path.empty() && path.front() == '/'; }

std::string CleanRelative(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  return path;
}

// Everything a SARIF document needs to place things: artifact indexes and columns.
class Places {
 public:
  explicit Places(const Graph& graph) {
    for (const InputFile& in : graph.inputs) {
      const std::string uri = UriOf(in.path);
      if (artifact_index_.count(uri) == 0) {
        artifact_index_.emplace(uri, static_cast<int>(artifact_uris_.size()));
        artifact_uris_.push_back(in.path);
      }
    }
  }

  static std::string UriOf(const std::string& path) {
    if (IsAbsolute(path)) return "file://" + PathToUri(path);
    return PathToUri(CleanRelative(path));
  }

  Json ArtifactLocation(const std::string& path) const {
    const std::string uri = UriOf(path);
    Json loc{{"uri", uri}};
    if (!IsAbsolute(path)) loc["uriBaseId"] = kSrcRoot;
    if (auto it = artifact_index_.find(uri); it != artifact_index_.end()) loc["index"] = it->second;
    return loc;
  }

  // A physical location; null without a file. Its region is the line and column
  // when known, else the whole file: consumers (and the SARIF validator) expect one.
  Json Physical(const Location& at) {
    if (at.file.empty()) return nullptr;
    Json region;
    if (at.Known()) {
      region = Json{{"startLine", at.line}};
      if (at.column > 0) region["startColumn"] = columns_.ToCodePoints(at.file, at.line, at.column);
    } else {
      region = Json{{"startLine", 1}};
      if (const int lines = columns_.LineCount(at.file); lines > 1) region["endLine"] = lines;
    }
    return Json{{"artifactLocation", ArtifactLocation(at.file)}, {"region", std::move(region)}};
  }

  const std::vector<std::string>& ArtifactPaths() const { return artifact_uris_; }

 private:
  std::map<std::string, int> artifact_index_;
  std::vector<std::string> artifact_uris_;
  ColumnConverter columns_;
};

// Where a result is: its file and region, and always its resource as a logical
// location, so that a finding without a file (a resource the scan made up) still
// says what it is about.
Json LocationJson(Places& places, const Location& at, const std::string& resource) {
  Json loc = Json::object();
  Json physical = places.Physical(at);
  if (!physical.is_null()) loc["physicalLocation"] = std::move(physical);
  if (!resource.empty()) loc["logicalLocations"] = Json::array({Json{{"name", resource}, {"kind", "resource"}}});
  return loc;
}

Json RelatedJson(Places& places, const std::vector<Related>& related) {
  Json out = Json::array();
  int id = 0;
  for (const Related& r : related) {
    Json physical = places.Physical(r.loc);
    if (physical.is_null()) continue;  // a related place without a file has nothing to point at
    out.push_back(Json{{"id", ++id}, {"physicalLocation", std::move(physical)}, {"message", Message(r.message)}});
  }
  return out;
}

Json ResultJson(Places& places, const Finding& f, const std::map<std::string, int>& rule_index) {
  Json r{{"ruleId", f.rule}};
  if (auto it = rule_index.find(f.rule); it != rule_index.end()) r["ruleIndex"] = it->second;
  r["level"] = SeverityName(f.severity);
  r["message"] = Message(FindingSentences(f));
  r["locations"] = Json::array({LocationJson(places, f.loc, f.resource)});
  Json related = RelatedJson(places, f.related);
  if (!related.empty()) r["relatedLocations"] = std::move(related);
  r["partialFingerprints"] = Json{{"trustlint/v1", f.fingerprint}};
  // An empty list says "not suppressed"; leaving it out would say "unknown".
  Json suppressions = Json::array();
  if (f.suppressed) suppressions.push_back(Json{{"kind", "inSource"}, {"justification", f.suppression_reason}});
  r["suppressions"] = std::move(suppressions);
  Json properties{{"certainty", f.proven ? "proven" : "possible"},
                  {"precision", f.proven ? "very-high" : "medium"},
                  {"resource", f.resource}};
  if (!f.proven) properties["possible_because"] = f.PossibleBecause();
  properties["witness"] = WitnessJson(f.witness);
  r["properties"] = std::move(properties);
  return r;
}

// A file that did not parse is a finding (TL001) and also what SARIF calls a tool
// execution notification: the run could not look at that file. An input marked
// "error" without a TL001 finding (it should not happen) still gets one.
Json Notifications(Places& places, const RunReport& run, const std::map<std::string, int>& rule_index) {
  Json out = Json::array();
  std::map<std::string, bool> notified;
  const auto add = [&](const Location& at, const std::string& text) {
    Json n{{"level", "error"}, {"message", Message(text)}};
    Json loc = LocationJson(places, at, "");
    if (!loc.empty()) n["locations"] = Json::array({std::move(loc)});
    Json rule{{"id", "TL001"}};
    if (auto it = rule_index.find("TL001"); it != rule_index.end()) rule["index"] = it->second;
    n["associatedRule"] = std::move(rule);
    out.push_back(std::move(n));
    notified[at.file] = true;
  };
  for (const Finding& f : run.result.findings) {
    if (f.rule == "TL001") add(f.loc, FindingSentences(f));
  }
  for (const InputFile& in : run.graph.inputs) {
    if (in.status == "error" && !notified.count(in.path)) {
      add(Location{in.path, 0, 0}, "trustlint could not read " + in.path + ".");
    }
  }
  return out;
}

// Every input file as an artifact, in the order of their indexes.
void WriteArtifacts(const Graph& graph, const Places& places, JsonStream& doc) {
  std::map<std::string, const InputFile*> by_path;
  for (const InputFile& in : graph.inputs) by_path.emplace(in.path, &in);
  doc.OpenArray("artifacts");
  for (const std::string& path : places.ArtifactPaths()) {
    Json location{{"uri", Places::UriOf(path)}};
    if (!IsAbsolute(path)) location["uriBaseId"] = kSrcRoot;
    const InputFile& in = *by_path.at(path);
    doc.Element(Json{{"location", std::move(location)},
                     {"roles", Json::array({"analysisTarget"})},
                     {"properties", Json{{"kind", in.kind}, {"status", in.status}}}});
  }
  doc.Close();
}

}  // namespace

int CodePointColumn(std::string_view line, int byte_column) {
  if (byte_column <= 1) return byte_column;
  const size_t bytes = std::min(line.size(), static_cast<size_t>(byte_column - 1));
  int characters = 0;
  for (size_t i = 0; i < bytes; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++characters;  // not a continuation byte
  }
  // Past the end of the line (it should not be): keep the distance beyond it.
  return characters + 1 + (byte_column - 1 - static_cast<int>(bytes));
}

std::string PathToUri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

void WriteSarif(const RunReport& run, std::ostream& out) {
  Json rules = Json::array();
  std::map<std::string, int> rule_index;
  for (const auto& rule : AllRules()) {
    rule_index.emplace(rule->Info().id, static_cast<int>(rules.size()));
    rules.push_back(RuleJson(rule->Info()));
  }
  Places places(run.graph);
  Json invocation{{"executionSuccessful", true}};  // a file that does not parse is still a finished run
  Json notifications = Notifications(places, run, rule_index);
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
  Json driver{{"name", "trustlint"},
              {"version", TRUSTLINT_VERSION},
              {"semanticVersion", TRUSTLINT_VERSION},
              {"informationUri", RepositoryUrl()},
              {"rules", std::move(rules)}};

  // Artifacts and results grow with the repository: written one at a time.
  JsonStream doc(out);
  doc.OpenObject();
  doc.Member("$schema", kSchema);
  doc.Member("version", "2.1.0");
  doc.OpenArray("runs");
  doc.OpenObject();
  doc.Member("tool", Json{{"driver", std::move(driver)}});
  doc.Member("invocations", Json::array({std::move(invocation)}));
  // Paths are relative to the directory trustlint ran in; it writes no absolute
  // URI for it, so that the document does not depend on the machine.
  doc.Member("originalUriBaseIds",
             Json{{kSrcRoot, Json{{"description", Message("The directory trustlint was run in; paths are relative to it.")}}}});
  WriteArtifacts(run.graph, places, doc);
  doc.OpenArray("results");
  for (const Finding& f : run.result.findings) doc.Element(ResultJson(places, f, rule_index));
  doc.Close();
  doc.Member("columnKind", "unicodeCodePoints");
  doc.Member("properties", Json{{"summary", SummaryJson(run.summary)}});
  doc.Close();
  doc.Close();
  doc.Close();
  out << "\n";
}

std::string RenderSarif(const RunReport& run) {
  std::ostringstream out;
  WriteSarif(run, out);
  return std::move(out).str();
}

}  // namespace trustlint
