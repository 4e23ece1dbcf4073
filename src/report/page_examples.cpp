#include "report/page_examples.h"

#include <algorithm>
#include <cstdint>

namespace trustlint {

namespace fs = std::filesystem;

std::vector<fs::path> FixtureCasesIn(const fs::path& kind_dir) {
  std::vector<fs::path> cases;
  std::error_code ec;
  if (!fs::is_directory(kind_dir, ec)) return cases;
  for (const auto& entry : fs::directory_iterator(kind_dir)) {
    if (entry.path().extension() != ".expected") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::vector<fs::path> FixtureCaseFiles(const fs::path& fixture_case) {
  if (!fs::is_directory(fixture_case)) return {fixture_case};
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(fixture_case)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

namespace {

// `example.yaml` and `example/` both name the example case.
bool IsExampleCase(const fs::path& fixture_case) { return fixture_case.stem() == "example"; }

std::uintmax_t CaseSize(const fs::path& fixture_case) {
  std::uintmax_t total = 0;
  for (const fs::path& file : FixtureCaseFiles(fixture_case)) total += fs::file_size(file);
  return total;
}

}  // namespace

std::optional<fs::path> ChoosePageCase(const fs::path& kind_dir) {
  const std::vector<fs::path> cases = FixtureCasesIn(kind_dir);
  if (cases.empty()) return std::nullopt;
  const auto example = std::find_if(cases.begin(), cases.end(), IsExampleCase);
  if (example != cases.end()) return *example;
  // Cases are sorted by name, and min_element keeps the first of equals.
  std::vector<std::uintmax_t> sizes;
  for (const fs::path& c : cases) sizes.push_back(CaseSize(c));
  return cases[std::min_element(sizes.begin(), sizes.end()) - sizes.begin()];
}

}  // namespace trustlint
