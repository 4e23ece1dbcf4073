// The readable values a witness token takes where the trust allows them (both the
// solver's witnesses and the fast path's use them, so they read the same).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace trustlint::readable {

inline constexpr std::string_view kDefaultRegion = "us-east-1";
inline constexpr std::string_view kSubUuid = "00000000-0000-0000-0000-000000000000";
inline constexpr std::string_view kAudUuid = "11111111-1111-1111-1111-111111111111";

// The region prefix of a pool ID ("us-west-2:..."), for readable witnesses.
inline std::string RegionOf(std::string_view pool_id) {
  const size_t colon = pool_id.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::string(kDefaultRegion);
  const std::string_view region = pool_id.substr(0, colon);
  const bool plain = std::all_of(region.begin(), region.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  return plain ? std::string(region) : std::string(kDefaultRegion);
}

}  // namespace trustlint::readable
