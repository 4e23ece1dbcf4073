#include "report/graph_output.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "report/safe_text.h"

namespace trustlint {
namespace {

struct DrawNode {
  std::string id;     // stable, syntax-safe identifier: pool0, role2, role2_inline0, policy1
  std::string label;  // what a reader sees: the address
  std::string kind;   // identity_pool | role_attachment | role | inline_policy | policy
  Location loc;
  std::string address;  // the resource findings name; empty for an inline policy (its findings name the role)
};

struct DrawEdge {
  std::string from;
  std::string to;
  std::string label;  // authenticated | unauthenticated | mapped | inline | attached
  std::vector<std::string> via;  // addresses of the role attachments that make it

  bool Trust() const { return label == "authenticated" || label == "unauthenticated" || label == "mapped"; }
};

struct Drawing {
  std::vector<DrawNode> nodes;
  std::vector<DrawEdge> edges;

  void Edge(std::string from, std::string to, std::string label, std::string via = "") {
    auto same = std::find_if(edges.begin(), edges.end(), [&](const DrawEdge& e) {
      return e.from == from && e.to == to && e.label == label;
    });
    if (same == edges.end()) {
      same = edges.insert(edges.end(), DrawEdge{std::move(from), std::move(to), std::move(label), {}});
    }
    if (!via.empty() && std::find(same->via.begin(), same->via.end(), via) == same->via.end()) {
      same->via.push_back(std::move(via));
    }
  }
};

std::string Id(std::string_view prefix, size_t index) { return std::string(prefix) + std::to_string(index); }

// One node of a kind in the whole scan's order (Link's: file, line, key): the
// graph's own, or one of a file checked on its own, which only its outline shows.
struct Slot {
  int index = -1;                       // into the graph's vector
  const OutlineNode* outline = nullptr;  // else this
};

// The graph's nodes of a kind merged with the outline's; the graph's first `sorted`
// are in Link's order, the rest (pools made for attachments outside the scan) last.
template <typename T>
std::vector<Slot> InScanOrder(const std::vector<T>& nodes, size_t sorted, const Graph& g, NodeKind kind) {
  std::vector<Slot> out;
  size_t i = 0;
  for (const OutlineNode& o : g.outline) {
    if (o.kind != kind) continue;
    for (; i < sorted && std::tie(nodes[i].loc, nodes[i].key) < std::tie(o.loc, o.key); ++i) {
      out.push_back({static_cast<int>(i), nullptr});
    }
    out.push_back({-1, &o});
  }
  for (; i < nodes.size(); ++i) out.push_back({static_cast<int>(i), nullptr});
  return out;
}

// Where each node of a kind is drawn: by index into the graph's vector, and by key
// for the outline's.
struct Positions {
  std::vector<size_t> of_index;
  std::map<std::string, size_t> of_key;

  Positions(const std::vector<Slot>& slots, size_t count) : of_index(count) {
    for (size_t k = 0; k < slots.size(); ++k) {
      if (slots[k].outline != nullptr) {
        of_key.emplace(slots[k].outline->key, k);
      } else {
        of_index[static_cast<size_t>(slots[k].index)] = k;
      }
    }
  }
  std::optional<size_t> OfKey(const std::string& key) const {
    auto it = of_key.find(key);
    return it == of_key.end() ? std::nullopt : std::optional<size_t>(it->second);
  }
};

template <typename T>
void AddNode(Drawing& d, std::string id, const T& n, std::string kind) {
  d.nodes.push_back({std::move(id), n.address, std::move(kind), n.loc, n.address});
}

// An attachment whose pool is unresolved still draws its edges, from itself.
template <typename T>
std::string AttachmentSource(const T& a, std::optional<size_t> pool, size_t position, Drawing& d) {
  if (pool) return Id("pool", *pool);
  std::string id = Id("attachment", position);
  d.nodes.push_back({id, a.address + " (pool unresolved)", "role_attachment", a.loc, a.address});
  return id;
}

// The role's inline policies (InlinePolicy or OutlineNode::Drawn::Inline), each a node of its own.
template <typename Inlines>
void DrawInlinePolicies(const Inlines& policies, size_t k, Drawing& d) {
  for (size_t j = 0; j < policies.size(); ++j) {
    const auto& p = policies[j];
    const std::string id = Id("role", k) + Id("_inline", j);
    d.nodes.push_back(
        {id, (p.name.empty() ? std::string("inline policy") : p.name) + " (inline)", "inline_policy", p.loc, ""});
    d.Edge(Id("role", k), id, "inline");
  }
}

void DrawRole(const Role& r, size_t k, const Positions& policies, Drawing& d) {
  DrawInlinePolicies(r.inline_policies, k, d);
  for (int pid : r.policy_ids) d.Edge(Id("role", k), Id("policy", policies.of_index[static_cast<size_t>(pid)]), "attached");
}

void DrawRole(const OutlineNode& r, size_t k, const Positions& policies, Drawing& d) {
  if (!r.drawn) return;
  DrawInlinePolicies(r.drawn->inline_policies, k, d);
  for (const std::string& key : r.drawn->attached) {
    if (auto at = policies.OfKey(key)) d.Edge(Id("role", k), Id("policy", *at), "attached");
  }
}

void DrawAttachment(const RoleAttachment& a, size_t k, const Positions& pools, const Positions& roles, Drawing& d) {
  const bool any = a.authenticated_role >= 0 || a.unauthenticated_role >= 0 ||
                   std::any_of(a.mappings.begin(), a.mappings.end(), [](const RoleMapping& m) {
                     return std::any_of(m.role_ids.begin(), m.role_ids.end(), [](int r) { return r >= 0; });
                   });
  if (!any) return;
  const std::optional<size_t> pool =
      a.pool_id >= 0 ? std::optional<size_t>(pools.of_index[static_cast<size_t>(a.pool_id)]) : std::nullopt;
  const std::string from = AttachmentSource(a, pool, k, d);
  auto edge = [&](int role, const char* how) {
    if (role >= 0) d.Edge(from, Id("role", roles.of_index[static_cast<size_t>(role)]), how, a.address);
  };
  edge(a.authenticated_role, "authenticated");
  edge(a.unauthenticated_role, "unauthenticated");
  for (const RoleMapping& m : a.mappings) {
    for (int r : m.role_ids) edge(r, "mapped");
  }
}

void DrawAttachment(const OutlineNode& a, size_t k, const Positions& pools, const Positions& roles, Drawing& d) {
  if (!a.drawn || a.drawn->roles.empty()) return;
  const std::string& pool = a.drawn->pool;
  const std::string from = AttachmentSource(a, pool.empty() ? std::nullopt : pools.OfKey(pool), k, d);
  for (const auto& [how, key] : a.drawn->roles) {
    if (auto at = roles.OfKey(key)) d.Edge(from, Id("role", *at), how, a.address);
  }
}

// The graph in Link's order of each kind; the files checked on their own
// (Graph::outline) take the places they would have had in it.
Drawing Draw(const Graph& g) {
  const size_t scan_pools = static_cast<size_t>(
      std::count_if(g.pools.begin(), g.pools.end(), [](const IdentityPool& p) { return !p.external; }));
  const std::vector<Slot> pools = InScanOrder(g.pools, scan_pools, g, NodeKind::kIdentityPool);
  const std::vector<Slot> roles = InScanOrder(g.roles, g.roles.size(), g, NodeKind::kRole);
  const std::vector<Slot> policies = InScanOrder(g.policies, g.policies.size(), g, NodeKind::kPolicy);
  const std::vector<Slot> attachments = InScanOrder(g.attachments, g.attachments.size(), g, NodeKind::kRoleAttachment);
  const Positions pool_at(pools, g.pools.size());
  const Positions role_at(roles, g.roles.size());
  const Positions policy_at(policies, g.policies.size());
  const Positions attachment_at(attachments, g.attachments.size());
  Drawing d;
  // Each slot as the graph's node or the outline's, the same way.
  auto each = [](const std::vector<Slot>& slots, const auto& nodes, const auto& visit) {
    for (size_t k = 0; k < slots.size(); ++k) {
      if (slots[k].outline != nullptr) {
        visit(*slots[k].outline, k);
      } else {
        visit(nodes[static_cast<size_t>(slots[k].index)], k);
      }
    }
  };
  each(pools, g.pools, [&](const auto& p, size_t k) { AddNode(d, Id("pool", k), p, "identity_pool"); });
  each(roles, g.roles, [&](const auto& r, size_t k) {
    AddNode(d, Id("role", k), r, "role");
    DrawRole(r, k, policy_at, d);
  });
  each(policies, g.policies, [&](const auto& p, size_t k) { AddNode(d, Id("policy", k), p, "policy"); });
  each(attachments, g.attachments, [&](const auto& a, size_t k) { DrawAttachment(a, k, pool_at, role_at, d); });
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
// becomes #35;. Addresses are scanned text: control characters, '<', '>' and
// backticks are kept out too, so that a label cannot end the markdown code fence
// the diagram sits in or become HTML.
std::string MermaidLabel(std::string_view s) {
  std::string out = "\"";
  for (char c : Printable(s)) {
    if (c == '"') {
      out += "#quot;";
    } else if (c == '#') {
      out += "#35;";
    } else if (c == '<') {
      out += "#60;";
    } else if (c == '>') {
      out += "#62;";
    } else if (c == '`') {
      out += "#96;";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JoinRules(const std::set<std::string>& rules) {
  std::string out;
  for (const std::string& r : rules) out += (out.empty() ? "" : ", ") + r;
  return out;
}

// The rule IDs a node or edge carries under `marks`.
std::set<std::string> RulesOf(const DrawNode& n, const GraphMarks& marks) {
  auto found = marks.resources.find(n.address);
  if (n.address.empty() || found == marks.resources.end()) return {};
  return found->second;
}

std::set<std::string> RulesOf(const DrawEdge& e, const std::string& to_address, const GraphMarks& marks) {
  std::set<std::string> rules;
  if (!e.Trust()) return rules;
  for (const std::string& a : e.via) {
    if (auto found = marks.resources.find(a); found != marks.resources.end()) {
      rules.insert(found->second.begin(), found->second.end());
    }
  }
  if (auto found = marks.trust.find(to_address); found != marks.trust.end()) {
    rules.insert(found->second.begin(), found->second.end());
  }
  return rules;
}

// Which nodes to draw: all, or when there are more than `max_nodes`, the
// connected components that hold a marked node or edge.
std::vector<bool> NodesToDraw(const Drawing& d, const std::map<std::string, size_t>& index,
                              const std::vector<std::set<std::string>>& node_rules,
                              const std::vector<std::set<std::string>>& edge_rules, size_t max_nodes) {
  std::vector<bool> keep(d.nodes.size(), true);
  if (max_nodes == 0 || d.nodes.size() <= max_nodes) return keep;
  std::vector<size_t> parent(d.nodes.size());
  std::iota(parent.begin(), parent.end(), size_t{0});
  const auto root = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const DrawEdge& e : d.edges) parent[root(index.at(e.from))] = root(index.at(e.to));
  std::set<size_t> marked;
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    if (!node_rules[i].empty()) marked.insert(root(i));
  }
  for (size_t i = 0; i < d.edges.size(); ++i) {
    if (!edge_rules[i].empty()) marked.insert(root(index.at(d.edges[i].from)));
  }
  for (size_t i = 0; i < d.nodes.size(); ++i) keep[i] = marked.count(root(i)) > 0;
  return keep;
}

std::string NodeLine(const DrawNode& n, const std::set<std::string>& rules) {
  const std::string label = MermaidLabel(rules.empty() ? n.label : n.label + " (" + JoinRules(rules) + ")");
  if (n.kind == "identity_pool") return "  " + n.id + "([" + label + "])\n";
  if (n.kind == "role") return "  " + n.id + "[" + label + "]\n";
  if (n.kind == "role_attachment") return "  " + n.id + "{" + label + "}\n";
  return "  " + n.id + "[[" + label + "]]\n";
}

std::string EdgeLine(const DrawEdge& e, const std::set<std::string>& rules) {
  const std::string label = rules.empty() ? e.label : "\"" + e.label + " (" + JoinRules(rules) + ")\"";
  return "  " + e.from + " -->|" + label + "| " + e.to + "\n";
}

constexpr std::string_view kFindingStyle = "stroke:#d73a49,stroke-width:3px";

MermaidDrawing RenderMermaid(const Drawing& d, const GraphMarks& marks, size_t max_nodes) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < d.nodes.size(); ++i) index[d.nodes[i].id] = i;
  std::vector<std::set<std::string>> node_rules;
  for (const DrawNode& n : d.nodes) node_rules.push_back(RulesOf(n, marks));
  std::vector<std::set<std::string>> edge_rules;
  for (const DrawEdge& e : d.edges) edge_rules.push_back(RulesOf(e, d.nodes[index.at(e.to)].address, marks));
  const std::vector<bool> keep = NodesToDraw(d, index, node_rules, edge_rules, max_nodes);

  MermaidDrawing out;
  out.text = "flowchart LR\n";
  std::string marked_nodes;
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    if (!keep[i]) {
      ++out.nodes_left_out;
      continue;
    }
    ++out.nodes_drawn;
    out.text += NodeLine(d.nodes[i], node_rules[i]);
    if (!node_rules[i].empty()) marked_nodes += (marked_nodes.empty() ? "" : ",") + d.nodes[i].id;
  }
  std::string marked_edges;
  size_t drawn_edges = 0;
  for (size_t i = 0; i < d.edges.size(); ++i) {
    const DrawEdge& e = d.edges[i];
    if (!keep[index.at(e.from)] || !keep[index.at(e.to)]) continue;
    out.text += EdgeLine(e, edge_rules[i]);
    // linkStyle counts edges in the order they are drawn.
    if (!edge_rules[i].empty()) marked_edges += (marked_edges.empty() ? "" : ",") + std::to_string(drawn_edges);
    ++drawn_edges;
  }
  if (!marked_nodes.empty()) {
    out.text += "  classDef finding " + std::string(kFindingStyle) + "\n";
    out.text += "  class " + marked_nodes + " finding\n";
  }
  if (!marked_edges.empty()) out.text += "  linkStyle " + marked_edges + " " + std::string(kFindingStyle) + "\n";
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
      return RenderMermaid(d, {}, 0).text;
    case GraphFormat::kJson:
      return RenderJsonGraph(d, access);
  }
  return RenderDot(d);
}

MermaidDrawing RenderMarkedMermaid(const Graph& graph, const GraphMarks& marks, size_t max_nodes) {
  return RenderMermaid(Draw(graph), marks, max_nodes);
}

}  // namespace trustlint
