// Pool settings (AllowUnauthenticatedIdentities, AllowClassicFlow) as the pool rules read them.
#pragma once

#include <optional>
#include <string>

#include <vector>

#include "check/finding.h"
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

// SPEC 5: a guest-role finding (TL201, TL202, TL204, TL206) on pools that all do not
// allow unauthenticated identities is latent: one severity level lower, and the
// message says guests are off. One unknown pool (nullptr) or one whose setting the
// scan cannot read leaves the finding as it is: guests may be on there.
void MarkLatentWhenGuestsOff(const std::vector<const IdentityPool*>& pools, Finding& finding);

// True for CloudFormation nodes (their properties are spelled AllowClassicFlow, not allow_classic_flow).
bool IsCloudFormation(const Node& node);

}  // namespace trustlint
