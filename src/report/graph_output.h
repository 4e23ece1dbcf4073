// `trustlint graph`: pools -> roles (authenticated / unauthenticated / mapped)
// -> policies (inline and standalone), as Graphviz dot, Mermaid or JSON.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "graph/graph.h"
#include "policy/permissions.h"

namespace trustlint {

enum class GraphFormat { kDot, kMermaid, kJson };
std::optional<GraphFormat> ParseGraphFormat(std::string_view text);  // dot|mermaid|json

// What an identity-pool role's identities can do (computed by the caller, printed here):
// for guests after the enhanced-flow scope-down, for signed-in users as granted.
struct RoleAccessView {
  // Guests get the role: it is some pool's unauthenticated role, or its trust admits a
  // guest token of a pool that attaches it (TL104's answer). `guests_because` says which.
  bool guests = false;
  bool guests_possible = false;  // only under some reading of what the scan cannot see
  std::vector<std::string> guests_because;
  bool scope_down = false;  // guests come through the enhanced flow: `guest_usable` applies
  std::string region;   // "default", "opt-in" or "unknown": which scope-down list applies
  std::vector<EffectiveEntry> entries;
  std::vector<std::string> unknown_managed;  // managed policies trustlint does not ship
};

// Deterministic: nodes and edges follow the linked graph's sorted order. `access` (by
// index into Graph::roles) adds each identity-pool role's effective permissions to the
// JSON form.
std::string RenderGraph(const Graph& graph, GraphFormat format, const std::map<int, RoleAccessView>& access = {});

// What to mark on a Mermaid drawing (the markdown summary's diagram): rule IDs by
// the address of the resource a finding names (a pool, role, policy or role
// attachment), and the trust findings' rule IDs by role address. A trust finding is
// about who may assume the role, which is what the pool -> role edges into it
// draw, so it marks those edges too; a finding on a role attachment marks the
// edges the attachment makes.
struct GraphMarks {
  std::map<std::string, std::set<std::string>> resources;
  std::map<std::string, std::set<std::string>> trust;
};

struct MermaidDrawing {
  std::string text;  // "flowchart LR\n...", one statement a line
  size_t nodes_drawn = 0;
  size_t nodes_left_out = 0;
};

// The Mermaid flowchart of RenderGraph with the marked nodes and edges in red (a
// classDef and a linkStyle) and their rule IDs on the labels; with no marks it is
// RenderGraph's text. When the graph has more than `max_nodes` nodes (0: no
// limit) only the connected parts that carry a mark are drawn and the rest is
// counted in nodes_left_out: GitHub refuses to render very large diagrams.
MermaidDrawing RenderMarkedMermaid(const Graph& graph, const GraphMarks& marks, size_t max_nodes = 0);

}  // namespace trustlint
