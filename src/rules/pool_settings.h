// Pool settings (AllowUnauthenticatedIdentities, AllowClassicFlow) as the pool rules read them.
#pragma once

#include <optional>
#include <string>

#include "graph/graph.h"

namespace trustlint {

// What the scan knows about a pool's boolean setting.
struct Setting {
  enum class State { kOff, kOn, kMaybe };
  State state = State::kOff;
  std::string why;  // for kMaybe: the input that would decide it
};

// Absent = false (the CloudFormation and Terraform default); an undecided Fn::If or
// conditional is on only when every reading is, and maybe when some is.
Setting ReadSetting(const Value& v);

// A pool flag read plainly: absent means false (CloudFormation and Terraform defaults);
// anything not a literal boolean (unknown, undecided Fn::If) is nullopt.
std::optional<bool> PoolFlag(const Value& flag);

// True for CloudFormation nodes (their properties are spelled AllowClassicFlow, not allow_classic_flow).
bool IsCloudFormation(const Node& node);

}  // namespace trustlint
