// What the differential tests (tests/symbolic/trust_differential_test.cpp,
// tests/permissions/containment_differential_test.cpp) share: how many random cases
// a run takes and from which seed, so that any run can be reproduced or widened.
//   TRUSTLINT_DIFF_SEED=N   another seed
//   TRUSTLINT_DIFF_CASES=N  another number of cases (the defaults keep `make test` short)
#pragma once

#include <cstdint>
#include <cstdlib>
#include <optional>

namespace trustlint::difftest {

inline std::optional<uint64_t> EnvNumber(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  return std::strtoull(text, nullptr, 10);
}

// Sanitizer and debug builds run the solver several times slower: they take fewer cases.
inline bool SlowBuild() {
#if !defined(NDEBUG) || defined(__SANITIZE_ADDRESS__)
  return true;
#else
  return false;
#endif
}

inline uint64_t Seed(uint64_t fallback) { return EnvNumber("TRUSTLINT_DIFF_SEED").value_or(fallback); }

inline uint64_t Cases(uint64_t release, uint64_t slow_build) {
  return EnvNumber("TRUSTLINT_DIFF_CASES").value_or(SlowBuild() ? slow_build : release);
}

}  // namespace trustlint::difftest
