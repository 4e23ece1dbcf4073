// bytes -> one CloudFormation template -> graph -> every rule. An input whose first
// non-blank byte is `{` is read as a .json template (with the walker's JSON check
// first, as frontend/scan.cpp does), any other as .yaml.
#include <cstddef>
#include <cstdint>
#include <limits>

#include "base/json_text.h"
#include "frontend/cloudformation/loader.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace trustlint;
  const std::string text = fuzz::Text(data, size);
  GraphBuilder builder;
  if (fuzz::LooksLikeJsonObject(text)) {
    const std::string path = "template.json";
    if (auto problem = CheckJsonText(text, Location{path, 1, 1}, std::numeric_limits<int>::max())) {
      builder.AddParseError(problem->where, problem->message);
    } else {
      cfn::LoadCloudFormation(path, text, builder);
    }
  } else {
    cfn::LoadCloudFormation("template.yaml", text, builder);
  }
  fuzz::LinkAndCheck(builder);
  return 0;
}
