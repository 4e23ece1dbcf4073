// The audit model as JSON and back: `report --format json` writes it, `report
// --merge` reads it (with plain check JSON as the fallback).
#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "report/audit.h"

namespace trustlint {
namespace {

using Json = nlohmann::ordered_json;

Json CellJson(const AuditCell& c) { return Json{{"verdict", c.verdict}, {"detail", c.detail}}; }

Json RoleJson(const AuditRole& r) {
  Json who = Json::array();
  for (const AuditCell& c : r.who) who.push_back(CellJson(c));
  return Json{{"address", r.address},   {"file", r.file},
              {"line", r.line},         {"as", r.as},
              {"who_can_assume", who},  {"guests", r.guests},
              {"guests_note", r.guests_note}, {"guest_permissions", r.guest_permissions},
              {"policies", r.policies}};
}

Json PoolJson(const AuditPool& p) {
  Json roles = Json::array();
  for (const AuditRole& r : p.roles) roles.push_back(RoleJson(r));
  return Json{{"address", p.address},     {"file", p.file},         {"line", p.line},
              {"guests", p.guests},       {"classic_flow", p.classic_flow}, {"external", p.external},
              {"roles", std::move(roles)}};
}

// Only what the findings array does not already carry: the source lines.
Json SourcesJson(const std::vector<AuditFinding>& findings) {
  Json out = Json::array();
  for (const AuditFinding& f : findings) {
    out.push_back(Json{{"fingerprint", f.fingerprint}, {"file", f.file}, {"line", f.line},
                       {"first_line", f.source.first_line}, {"lines", f.source.lines}});
  }
  return out;
}

Json SuppressionsJson(const std::vector<AuditSuppression>& suppressions) {
  Json out = Json::array();
  for (const AuditSuppression& s : suppressions) {
    out.push_back(Json{{"rule", s.rule}, {"resource", s.resource}, {"file", s.file}, {"line", s.line},
                       {"reason", s.reason}});
  }
  return out;
}

// Accessors that tolerate a missing or mistyped field: a hand-edited file gives
// empty text, not an exception.
std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int Int(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}
bool Bool(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}
std::vector<std::string> Strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const Json& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}
const Json& Array(const Json& j, const char* key) {
  static const Json empty = Json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

AuditRole RoleFrom(const Json& j) {
  AuditRole r;
  r.address = Str(j, "address");
  r.file = Str(j, "file");
  r.line = Int(j, "line");
  r.as = Str(j, "as");
  for (const Json& c : Array(j, "who_can_assume")) r.who.push_back({Str(c, "verdict"), Str(c, "detail")});
  r.who.resize(kAuditColumns, AuditCell{"possible", "not in the run's JSON"});
  r.guests = Bool(j, "guests");
  r.guests_note = Str(j, "guests_note");
  r.guest_permissions = Strings(j, "guest_permissions");
  r.policies = Strings(j, "policies");
  return r;
}

AuditPool PoolFrom(const Json& j) {
  AuditPool p;
  p.address = Str(j, "address");
  p.file = Str(j, "file");
  p.line = Int(j, "line");
  p.guests = Str(j, "guests");
  p.classic_flow = Str(j, "classic_flow");
  p.external = Bool(j, "external");
  for (const Json& r : Array(j, "roles")) p.roles.push_back(RoleFrom(r));
  return p;
}

AuditFinding FindingFrom(const Json& j) {
  AuditFinding f;
  f.rule = Str(j, "rule");
  f.name = Str(j, "name");
  f.severity = Str(j, "severity");
  f.certainty = Str(j, "certainty");
  f.possible_because = Str(j, "possible_because");
  f.resource = Str(j, "resource");
  f.file = Str(j, "file");
  f.line = Int(j, "line");
  f.message = Str(j, "message");
  f.fingerprint = Str(j, "fingerprint");
  f.suppressed = Bool(j, "suppressed");
  f.suppression_reason = Str(j, "suppression_reason");
  return f;
}

// A check JSON's summary (SPEC 7).
Summary SummaryFrom(const Json& j) {
  Summary s;
  s.errors = Int(j, "errors");
  s.warnings = Int(j, "warnings");
  s.notes = Int(j, "notes");
  s.files = Int(j, "files");
  s.resources = Int(j, "resources");
  s.suppressed = Int(j, "suppressed");
  s.baselined = Int(j, "baselined");
  s.possible = Int(j, "possible");
  return s;
}

// Why `doc` is not a trustlint run, or "".
std::string NotTrustlint(const Json& doc) {
  if (!doc.is_object()) return "not a JSON object";
  auto tool = doc.find("tool");
  if (tool == doc.end() || !tool->is_object() || Str(*tool, "name") != "trustlint") {
    return "no \"tool\": {\"name\": \"trustlint\"} (not trustlint JSON)";
  }
  for (const char* key : {"inputs", "findings", "summary"}) {
    if (doc.find(key) == doc.end()) return std::string("no \"") + key + "\" field (not a trustlint check JSON)";
  }
  return "";
}

AuditRun RunFrom(const Json& doc) {
  AuditRun run;
  for (const Json& in : Array(doc, "inputs")) run.inputs.push_back(Str(in, "path"));
  std::sort(run.inputs.begin(), run.inputs.end());
  for (const Json& f : Array(doc, "findings")) run.findings.push_back(FindingFrom(f));
  run.summary = SummaryFrom(doc["summary"]);
  auto audit = doc.find("audit");
  run.has_audit = audit != doc.end() && audit->is_object();
  if (!run.has_audit) {
    // A plain check JSON: its pools are resources; what they allow is not there.
    for (const Json& r : Array(doc, "resources")) {
      if (Str(r, "kind") != "identity_pool") continue;
      run.pools.push_back({Str(r, "address"), Str(r, "file"), Int(r, "line"), "unknown", "unknown", false, {}});
    }
  } else {
    for (const Json& p : Array(*audit, "pools")) run.pools.push_back(PoolFrom(p));
    std::map<std::string, AuditSource> sources;
    for (const Json& s : Array(*audit, "sources")) {
      sources[Str(s, "fingerprint") + "\n" + Str(s, "file") + ":" + std::to_string(Int(s, "line"))] =
          AuditSource{Int(s, "first_line"), Strings(s, "lines")};
    }
    for (AuditFinding& f : run.findings) {
      auto found = sources.find(f.fingerprint + "\n" + f.file + ":" + std::to_string(f.line));
      if (found != sources.end()) f.source = found->second;
    }
    for (const Json& s : Array(*audit, "suppressions")) {
      run.suppressions.push_back({Str(s, "rule"), Str(s, "resource"), Str(s, "file"), Str(s, "reason"), Int(s, "line")});
    }
  }
  std::set<std::string> flagged;
  for (const AuditFinding& f : run.findings) {
    if (!f.suppressed) flagged.insert(f.resource);
  }
  run.picture = PictureOf(run.pools, flagged);
  return run;
}

auto FindingKey(const AuditFinding& f) { return std::tie(f.rule, f.resource, f.file, f.line, f.message); }

// Counts the merged findings once, as Summarize does for a scan.
void CountFinding(const AuditFinding& f, Summary& s) {
  if (f.suppressed) {
    ++s.suppressed;
    return;
  }
  if (f.severity == "error") ++s.errors;
  if (f.severity == "warning") ++s.warnings;
  if (f.severity == "note") ++s.notes;
  if (f.certainty == "possible") ++s.possible;
}

void AddPools(const std::vector<AuditPool>& from, std::vector<AuditPool>& into) {
  for (const AuditPool& p : from) {
    auto same = std::find_if(into.begin(), into.end(),
                             [&](const AuditPool& q) { return q.file == p.file && q.address == p.address; });
    if (same == into.end()) into.push_back(p);
  }
}

}  // namespace

std::string RenderReportJson(const std::string& check_json, const AuditRun& run) {
  Json doc = Json::parse(check_json);
  Json pools = Json::array();
  for (const AuditPool& p : run.pools) pools.push_back(PoolJson(p));
  doc["audit"] = Json{{"columns", std::vector<std::string>(kAuditColumnNames, kAuditColumnNames + kAuditColumns)},
                      {"pools", std::move(pools)},
                      {"sources", SourcesJson(run.findings)},
                      {"suppressions", SuppressionsJson(run.suppressions)}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<AuditRun> ReadRunJson(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const Json doc = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *error = path + ": not JSON";
    return std::nullopt;
  }
  if (const std::string why = NotTrustlint(doc); !why.empty()) {
    *error = path + ": " + why;
    return std::nullopt;
  }
  return RunFrom(doc);
}

AuditReport MergeRuns(std::vector<AuditRun> runs) {
  AuditReport report;
  // Runs with an audit first: a plain check JSON over the same files then adds
  // nothing that hides the audited run's matrix.
  std::stable_partition(runs.begin(), runs.end(), [](const AuditRun& r) { return r.has_audit; });
  for (AuditRun& run : runs) {
    auto same = std::find_if(report.runs.begin(), report.runs.end(),
                             [&](const AuditRun& r) { return r.inputs == run.inputs; });
    if (same == report.runs.end()) {
      AuditRun fresh;
      fresh.inputs = run.inputs;
      fresh.has_audit = run.has_audit;
      report.runs.push_back(std::move(fresh));
      same = std::prev(report.runs.end());
    }
    AddPools(run.pools, same->pools);
    same->findings.insert(same->findings.end(), run.findings.begin(), run.findings.end());
    for (const AuditSuppression& s : run.suppressions) {
      const bool known = std::any_of(same->suppressions.begin(), same->suppressions.end(), [&](const AuditSuppression& t) {
        return std::tie(s.rule, s.resource, s.file, s.line) == std::tie(t.rule, t.resource, t.file, t.line);
      });
      if (!known) same->suppressions.push_back(s);
    }
    same->summary.files = std::max(same->summary.files, run.summary.files);
    same->summary.resources = std::max(same->summary.resources, run.summary.resources);
    same->summary.baselined = std::max(same->summary.baselined, run.summary.baselined);
  }
  std::set<std::tuple<std::string, std::string, std::string, int, std::string>> shown;
  for (AuditRun& run : report.runs) {
    std::vector<AuditFinding> unique;
    for (AuditFinding& f : run.findings) {
      if (shown.insert(FindingKey(f)).second) unique.push_back(std::move(f));
    }
    std::sort(unique.begin(), unique.end(), [](const AuditFinding& a, const AuditFinding& b) {
      return std::tie(a.file, a.line, a.rule, a.resource, a.message) < std::tie(b.file, b.line, b.rule, b.resource, b.message);
    });
    run.findings = std::move(unique);
    Summary counts;
    counts.files = run.summary.files;
    counts.resources = run.summary.resources;
    counts.baselined = run.summary.baselined;
    for (const AuditFinding& f : run.findings) CountFinding(f, counts);
    run.summary = counts;
    std::set<std::string> flagged;
    for (const AuditFinding& f : run.findings) {
      if (!f.suppressed) flagged.insert(f.resource);
    }
    run.picture = PictureOf(run.pools, flagged);
    if (!run.has_audit) {
      const std::string inputs = run.inputs.empty() ? std::string("no inputs")
                                 : run.inputs.front() + (run.inputs.size() > 1 ? " and " + std::to_string(run.inputs.size() - 1) +
                                                                                    " more files" : std::string());
      report.notes.push_back("the run over " + inputs +
                             " is a plain check JSON: its findings and pools are shown, not its who-can-assume "
                             "matrix nor guests' permissions (write it with `trustlint report --format json`)");
    }
  }
  for (const AuditRun& run : report.runs) {
    Summary& t = report.total;
    t.errors += run.summary.errors;
    t.warnings += run.summary.warnings;
    t.notes += run.summary.notes;
    t.files += run.summary.files;
    t.resources += run.summary.resources;
    t.suppressed += run.summary.suppressed;
    t.baselined += run.summary.baselined;
    t.possible += run.summary.possible;
  }
  return report;
}

}  // namespace trustlint
