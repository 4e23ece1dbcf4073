// What every fuzz target does after its front end: link the graph and run every
// rule over it, so that a front end's output reaches the rules and the solver.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "check/checker.h"
#include "graph/graph.h"
#include "rules/registry.h"

namespace trustlint::fuzz {

inline std::string Text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// True when the first byte that is not white space is `{`: the input is JSON.
inline bool LooksLikeJsonObject(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{';
}

inline void LinkAndCheck(GraphBuilder& builder) {
  const Graph graph = builder.Link();
  (void)RunChecks(graph, RuleSet(), CheckOptions{});
}

}  // namespace trustlint::fuzz
