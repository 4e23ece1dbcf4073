#include "rules/registry.h"

#include <algorithm>

namespace trustlint {

// One factory per rule, each defined in its own src/rules/tlNNN_*.cpp.
// Keep this list sorted by rule ID.
// (factory declarations go here)

const std::vector<std::unique_ptr<Rule>>& AllRules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    std::vector<std::unique_ptr<Rule>> r;
    // (r.push_back(MakeTLnnn()); lines go here, sorted by ID)
    return r;
  }();
  return rules;
}

const Rule* FindRule(std::string_view id) {
  for (const auto& r : AllRules()) {
    if (r->Info().id == id) return r.get();
  }
  return nullptr;
}

}  // namespace trustlint
