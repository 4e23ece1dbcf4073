// `trustlint graph`: pools -> roles (authenticated / unauthenticated / mapped)
// -> policies (inline and standalone), as Graphviz dot, Mermaid or JSON.
#pragma once

#include <map>
#include <optional>
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

}  // namespace trustlint
