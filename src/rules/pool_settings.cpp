#include "rules/pool_settings.h"

#include <optional>

namespace trustlint {

std::optional<bool> PoolFlag(const Value& flag) {
  if (flag.IsNull()) return false;
  return flag.AsBool();
}

Setting ReadSetting(const Value& v) {
  if (v.IsNull()) return {};  // absent = false (CloudFormation and Terraform default)
  if (std::optional<bool> b = v.AsBool()) return {*b ? Setting::State::kOn : Setting::State::kOff, ""};
  if (v.kind == Value::Kind::kAlternatives) {
    bool all_on = !v.items.empty();
    bool any_on = false;
    std::string why;
    for (const Value& item : v.items) {
      const Setting s = ReadSetting(item);
      all_on = all_on && s.state == Setting::State::kOn;
      any_on = any_on || s.state != Setting::State::kOff;
      if (why.empty()) why = s.why;
    }
    if (all_on) return {Setting::State::kOn, ""};
    if (!any_on) return {};
    return {Setting::State::kMaybe, why.empty() ? "the value depends on an undecided condition" : why};
  }
  std::string why;
  if (v.DependsOnUnknown(&why)) return {Setting::State::kMaybe, why};
  return {Setting::State::kMaybe, "the value " + DumpValue(v) + " is not a literal boolean"};
}

void MarkLatentWhenGuestsOff(const std::vector<const IdentityPool*>& pools, Finding& finding) {
  if (pools.empty()) return;
  std::string names;
  for (const IdentityPool* pool : pools) {
    if (!pool || PoolFlag(pool->allow_unauthenticated) != std::optional<bool>(false)) return;
    names += (names.empty() ? "" : ", ") + pool->address;
  }
  if (finding.severity == Severity::kError) {
    finding.severity = Severity::kWarning;
  } else if (finding.severity == Severity::kWarning) {
    finding.severity = Severity::kNote;
  }
  finding.message += std::string("; latent: guests are off (") + (pools.size() == 1 ? "pool " : "pools ") + names +
                     (pools.size() == 1 ? " does" : " do") + " not allow unauthenticated identities)";
}

bool IsCloudFormation(const Node& node) { return node.type.rfind("AWS::", 0) == 0; }

}  // namespace trustlint
