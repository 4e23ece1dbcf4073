#include "rules/registry.h"

#include <algorithm>

namespace trustlint {

// One factory per rule, each defined in its own src/rules/tlNNN_*.cpp.
// Keep this list sorted by rule ID.
// (factory declarations go here)
std::unique_ptr<Rule> MakeTL001();
std::unique_ptr<Rule> MakeTL002();
std::unique_ptr<Rule> MakeTL003();
std::unique_ptr<Rule> MakeTL004();
std::unique_ptr<Rule> MakeTL101();
std::unique_ptr<Rule> MakeTL102();
std::unique_ptr<Rule> MakeTL103();
std::unique_ptr<Rule> MakeTL104();
std::unique_ptr<Rule> MakeTL105();
std::unique_ptr<Rule> MakeTL106();
std::unique_ptr<Rule> MakeTL107();
std::unique_ptr<Rule> MakeTL108();
std::unique_ptr<Rule> MakeTL110();
std::unique_ptr<Rule> MakeTL201();
std::unique_ptr<Rule> MakeTL202();
std::unique_ptr<Rule> MakeTL203();
std::unique_ptr<Rule> MakeTL204();
std::unique_ptr<Rule> MakeTL205();
std::unique_ptr<Rule> MakeTL206();
std::unique_ptr<Rule> MakeTL207();
std::unique_ptr<Rule> MakeTL301();
std::unique_ptr<Rule> MakeTL302();
std::unique_ptr<Rule> MakeTL401();
std::unique_ptr<Rule> MakeTL402();
std::unique_ptr<Rule> MakeTL403();
std::unique_ptr<Rule> MakeTL404();

const std::vector<std::unique_ptr<Rule>>& AllRules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    std::vector<std::unique_ptr<Rule>> r;
    // (r.push_back(MakeTLnnn()); lines go here, sorted by ID)
    r.push_back(MakeTL001());
    r.push_back(MakeTL002());
    r.push_back(MakeTL003());
    r.push_back(MakeTL004());
    r.push_back(MakeTL101());
    r.push_back(MakeTL102());
    r.push_back(MakeTL103());
    r.push_back(MakeTL104());
    r.push_back(MakeTL105());
    r.push_back(MakeTL106());
    r.push_back(MakeTL107());
    r.push_back(MakeTL108());
    r.push_back(MakeTL110());
    r.push_back(MakeTL201());
    r.push_back(MakeTL202());
    r.push_back(MakeTL203());
    r.push_back(MakeTL204());
    r.push_back(MakeTL205());
    r.push_back(MakeTL206());
    r.push_back(MakeTL207());
    r.push_back(MakeTL301());
    r.push_back(MakeTL302());
    r.push_back(MakeTL401());
    r.push_back(MakeTL402());
    r.push_back(MakeTL403());
    r.push_back(MakeTL404());
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

const Rule* FindRuleByName(std::string_view name) {
  for (const auto& r : AllRules()) {
    if (r->Info().name == name) return r.get();
  }
  return nullptr;
}

std::optional<std::string> UnknownRuleProblem(std::string_view id) {
  if (FindRule(id) != nullptr) return std::nullopt;
  if (const Rule* named = FindRuleByName(id)) {
    return std::string(id) + " is a rule name, not an ID: did you mean " + named->Info().id + "?";
  }
  return "unknown rule " + std::string(id) + " (`trustlint rules` lists them)";
}

std::vector<const Rule*> RuleSet() {
  std::vector<const Rule*> out;
  for (const auto& r : AllRules()) out.push_back(r.get());
  return out;
}

}  // namespace trustlint
