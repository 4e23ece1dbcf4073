// `trustlint graph`: pools -> roles (authenticated / unauthenticated / mapped)
// -> policies (inline and standalone), as Graphviz dot, Mermaid or JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/graph.h"

namespace trustlint {

enum class GraphFormat { kDot, kMermaid, kJson };
std::optional<GraphFormat> ParseGraphFormat(std::string_view text);  // dot|mermaid|json

// Deterministic: nodes and edges follow the linked graph's sorted order.
std::string RenderGraph(const Graph& graph, GraphFormat format);

}  // namespace trustlint
