#include "report/json.h"

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/json_stream.h"

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

nlohmann::ordered_json SummaryJson(const Summary& s) {
  return Json{{"errors", s.errors},       {"warnings", s.warnings},   {"notes", s.notes},
              {"files", s.files},         {"resources", s.resources}, {"suppressed", s.suppressed},
              {"baselined", s.baselined}, {"possible", s.possible}};
}

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

void WriteJson(const RunReport& run, std::ostream& out) {
  const Graph& graph = run.graph;
  JsonStream doc(out);
  doc.OpenObject();
  doc.Member("schema_version", 1);  // SPEC 7: fields are only ever added
  doc.Member("tool", Json{{"name", "trustlint"}, {"version", TRUSTLINT_VERSION}});
  doc.OpenArray("inputs");
  for (const InputFile& in : graph.inputs) doc.Element(Json{{"path", in.path}, {"kind", in.kind}, {"status", in.status}});
  doc.Close();
  doc.OpenArray("resources");
  for (const Graph::NodeRef& n : graph.AllNodes()) {
    doc.Element(
        Json{{"address", n.address}, {"kind", NodeKindName(n.kind)}, {"file", n.loc.file}, {"line", n.loc.line}});
  }
  doc.Close();
  doc.OpenArray("findings");
  for (const Finding& f : run.result.findings) doc.Element(FindingJson(f));
  doc.Close();
  doc.Member("summary", SummaryJson(run.summary));
  doc.Close();
  out << "\n";
}

std::string RenderJson(const RunReport& run) {
  std::ostringstream out;
  WriteJson(run, out);
  return std::move(out).str();
}

}  // namespace trustlint
