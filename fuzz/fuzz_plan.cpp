// bytes -> the Terraform plan JSON loader -> graph -> every rule.
#include <cstddef>
#include <cstdint>

#include "frontend/plan/plan.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trustlint;
  GraphBuilder builder;
  plan::LoadPlan("plan.json", fuzz::Text(data, size), builder);
  fuzz::LinkAndCheck(builder);
  return 0;
}
