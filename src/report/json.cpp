#include "report/json.h"

#include <nlohmann/json.hpp>

namespace trustlint {
namespace {

using Json = nlohmann::ordered_json;  // keeps SPEC's field order and the witness's insertion order

Json FindingJson(const Finding& f) {
  Json j;
  j["rule"] = f.rule;
  j["name"] = f.name;
  j["severity"] = std::string(SeverityName(f.severity));
  j["certainty"] = f.proven ? "proven" : "possible";
  // SPEC 4: a possible finding names the input that would decide it.
  if (!f.proven) j["possible_because"] = f.PossibleBecause();
  j["resource"] = f.resource;
  j["file"] = f.loc.file;
  j["line"] = f.loc.line;
  j["column"] = f.loc.column;
  j["message"] = f.message;
  j["witness"] = WitnessJson(f.witness);
  Json related = Json::array();
  for (const Related& r : f.related) {
    related.push_back(Json{{"file", r.loc.file}, {"line", r.loc.line}, {"message", r.message}});
  }
  j["related"] = std::move(related);
  j["suppressed"] = f.suppressed;
  if (f.suppressed) j["suppression_reason"] = f.suppression_reason;
  j["fingerprint"] = f.fingerprint;
  return j;
}

}  // namespace

nlohmann::ordered_json WitnessJson(const std::vector<WitnessField>& witness) {
  Json out = Json::object();
  for (const WitnessField& w : witness) {
    if (w.is_list) {
      out[w.key] = w.values;
    } else {
      out[w.key] = w.values.empty() ? std::string() : w.values.front();
    }
  }
  return out;
}

std::string RenderJson(const RunReport& run) {
  const Graph& graph = run.graph;
  Json doc;
  doc["schema_version"] = 1;  // SPEC 7: fields are only ever added
  doc["tool"] = Json{{"name", "trustlint"}, {"version", TRUSTLINT_VERSION}};
  Json inputs = Json::array();
  for (const InputFile& in : graph.inputs) {
    inputs.push_back(Json{{"path", in.path}, {"kind", in.kind}, {"status", in.status}});
  }
  doc["inputs"] = std::move(inputs);
  Json resources = Json::array();
  const auto nodes = graph.AllNodes();
  for (const Graph::NodeRef& n : nodes) {
    resources.push_back(
        Json{{"address", n.address}, {"kind", NodeKindName(n.kind)}, {"file", n.loc.file}, {"line", n.loc.line}});
  }
  doc["resources"] = std::move(resources);
  Json findings = Json::array();
  for (const Finding& f : run.result.findings) findings.push_back(FindingJson(f));
  doc["findings"] = std::move(findings);
  const Summary& s = run.summary;
  doc["summary"] = Json{{"errors", s.errors},         {"warnings", s.warnings},     {"notes", s.notes},
                        {"files", s.files},           {"resources", s.resources},   {"suppressed", s.suppressed},
                        {"baselined", s.baselined},   {"possible", s.possible}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace trustlint
