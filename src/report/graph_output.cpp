#include "report/graph_output.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

namespace trustlint {
namespace {

struct DrawNode {
  std::string id;     // stable, syntax-safe identifier: pool0, role2, role2_inline0, policy1
  std::string label;  // what a reader sees: the address
  std::string kind;   // identity_pool | role_attachment | role | inline_policy | policy
  Location loc;
};

struct DrawEdge {
  std::string from;
  std::string to;
  std::string label;  // authenticated | unauthenticated | mapped | inline | attached

  friend bool operator==(const DrawEdge&, const DrawEdge&) = default;
};

struct Drawing {
  std::vector<DrawNode> nodes;
  std::vector<DrawEdge> edges;

  void Edge(std::string from, std::string to, std::string label) {
    DrawEdge e{std::move(from), std::move(to), std::move(label)};
    if (std::find(edges.begin(), edges.end(), e) == edges.end()) edges.push_back(std::move(e));
  }
};

std::string Id(std::string_view prefix, size_t index) { return std::string(prefix) + std::to_string(index); }

// An attachment whose pool is unresolved still draws its edges, from itself.
std::string AttachmentSource(const RoleAttachment& a, size_t index, Drawing& d) {
  if (a.pool_id >= 0) return Id("pool", static_cast<size_t>(a.pool_id));
  const std::string id = Id("attachment", index);
  d.nodes.push_back({id, a.address + " (pool unresolved)", "role_attachment", a.loc});
  return id;
}

Drawing Draw(const Graph& g) {
  Drawing d;
  for (size_t i = 0; i < g.pools.size(); ++i)
    d.nodes.push_back({Id("pool", i), g.pools[i].address, "identity_pool", g.pools[i].loc});
  for (size_t i = 0; i < g.roles.size(); ++i) {
    const Role& r = g.roles[i];
    d.nodes.push_back({Id("role", i), r.address, "role", r.loc});
    for (size_t j = 0; j < r.inline_policies.size(); ++j) {
      const InlinePolicy& p = r.inline_policies[j];
      const std::string id = Id("role", i) + Id("_inline", j);
      d.nodes.push_back(
          {id, (p.name.empty() ? std::string("inline policy") : p.name) + " (inline)", "inline_policy", p.loc});
      d.Edge(Id("role", i), id, "inline");
    }
    for (int pid : r.policy_ids) d.Edge(Id("role", i), Id("policy", static_cast<size_t>(pid)), "attached");
  }
  for (size_t i = 0; i < g.policies.size(); ++i)
    d.nodes.push_back({Id("policy", i), g.policies[i].address, "policy", g.policies[i].loc});
  for (size_t i = 0; i < g.attachments.size(); ++i) {
    const RoleAttachment& a = g.attachments[i];
    const bool any = a.authenticated_role >= 0 || a.unauthenticated_role >= 0 ||
                     std::any_of(a.mappings.begin(), a.mappings.end(), [](const RoleMapping& m) {
                       return std::any_of(m.role_ids.begin(), m.role_ids.end(), [](int r) { return r >= 0; });
                     });
    if (!any) continue;
    const std::string from = AttachmentSource(a, i, d);
    if (a.authenticated_role >= 0) d.Edge(from, Id("role", static_cast<size_t>(a.authenticated_role)), "authenticated");
    if (a.unauthenticated_role >= 0) {
      d.Edge(from, Id("role", static_cast<size_t>(a.unauthenticated_role)), "unauthenticated");
    }
    for (const RoleMapping& m : a.mappings) {
      for (int r : m.role_ids) {
        if (r >= 0) d.Edge(from, Id("role", static_cast<size_t>(r)), "mapped");
      }
    }
  }
  return d;
}

std::string DotQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string_view DotShape(const std::string& kind) {
  if (kind == "identity_pool") return "ellipse";
  if (kind == "role") return "box";
  if (kind == "role_attachment") return "diamond";
  return "note";
}

std::string RenderDot(const Drawing& d) {
  std::string out = "digraph trustlint {\n  rankdir=LR;\n";
  for (const DrawNode& n : d.nodes) {
    out += "  " + n.id + " [label=" + DotQuote(n.label) + ", shape=" + std::string(DotShape(n.kind)) + "];\n";
  }
  for (const DrawEdge& e : d.edges) out += "  " + e.from + " -> " + e.to + " [label=" + DotQuote(e.label) + "];\n";
  return out + "}\n";
}

// Mermaid labels are quoted; a quote inside becomes the #quot; entity, and '#'
// (which starts an entity, and every duplicate CloudFormation address holds one)
// becomes #35;.
std::string MermaidLabel(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') {
      out += "#quot;";
    } else if (c == '#') {
      out += "#35;";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string RenderMermaid(const Drawing& d) {
  std::string out = "flowchart LR\n";
  for (const DrawNode& n : d.nodes) {
    const std::string label = MermaidLabel(n.label);
    if (n.kind == "identity_pool") {
      out += "  " + n.id + "([" + label + "])\n";
    } else if (n.kind == "role") {
      out += "  " + n.id + "[" + label + "]\n";
    } else if (n.kind == "role_attachment") {
      out += "  " + n.id + "{" + label + "}\n";
    } else {
      out += "  " + n.id + "[[" + label + "]]\n";
    }
  }
  for (const DrawEdge& e : d.edges) out += "  " + e.from + " -->|" + e.label + "| " + e.to + "\n";
  return out;
}

nlohmann::ordered_json AccessJson(const RoleAccessView& view) {
  using Json = nlohmann::ordered_json;
  Json entries = Json::array();
  for (const EffectiveEntry& e : view.entries) {
    Json entry{{"action", e.action}, {"access", std::string(e.access)}, {"resource", e.resource}};
    if (view.scope_down) entry["guest_usable"] = e.guest_usable;
    if (!e.via.empty()) entry["via"] = e.via;
    entries.push_back(std::move(entry));
  }
  Json out{{"guests", view.guests}};
  if (view.guests) {
    out["guests_certainty"] = view.guests_possible ? "possible" : "proven";
    out["guests_because"] = view.guests_because;
  }
  out["region"] = view.region;
  out["permissions"] = std::move(entries);
  if (!view.unknown_managed.empty()) out["unknown_managed_policies"] = view.unknown_managed;
  return out;
}

std::string RenderJsonGraph(const Drawing& d, const std::map<int, RoleAccessView>& access) {
  using Json = nlohmann::ordered_json;
  Json nodes = Json::array();
  for (const DrawNode& n : d.nodes) {
    Json node{{"id", n.id}, {"address", n.label}, {"kind", n.kind}, {"file", n.loc.file}, {"line", n.loc.line}};
    if (n.kind == "role" && n.id.rfind("role", 0) == 0) {
      auto found = access.find(std::stoi(n.id.substr(4)));
      if (found != access.end()) node["effective"] = AccessJson(found->second);
    }
    nodes.push_back(std::move(node));
  }
  Json edges = Json::array();
  for (const DrawEdge& e : d.edges) edges.push_back(Json{{"from", e.from}, {"to", e.to}, {"label", e.label}});
  Json doc;
  doc["nodes"] = std::move(nodes);
  doc["edges"] = std::move(edges);
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::optional<GraphFormat> ParseGraphFormat(std::string_view text) {
  if (text == "dot") return GraphFormat::kDot;
  if (text == "mermaid") return GraphFormat::kMermaid;
  if (text == "json") return GraphFormat::kJson;
  return std::nullopt;
}

std::string RenderGraph(const Graph& graph, GraphFormat format, const std::map<int, RoleAccessView>& access) {
  const Drawing d = Draw(graph);
  switch (format) {
    case GraphFormat::kDot:
      return RenderDot(d);
    case GraphFormat::kMermaid:
      return RenderMermaid(d);
    case GraphFormat::kJson:
      return RenderJsonGraph(d, access);
  }
  return RenderDot(d);
}

}  // namespace trustlint
