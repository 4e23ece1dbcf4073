// The examples of a rule page are the rule's own fixtures, so that a test can prove
// that the bad example fires the rule and the good one does not. This header has two
// halves: the selection convention (which fixture case a page shows), shared by the
// build-time generator (tools/gen_page_examples.cpp) and tests/fixtures_test.cpp, and
// the examples that the generator embedded into the binary.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trustlint {

// The front ends and the kinds of case, in the order pages show them.
inline constexpr std::string_view kPageFrontEnds[] = {"cloudformation", "terraform"};
inline constexpr std::string_view kPageKinds[] = {"bad", "good"};

// The cases of one fixtures/rules/<ID>/<front end>/{bad,good} folder: every file or
// folder except the `.expected` files, sorted by name. Empty when the folder is missing.
std::vector<std::filesystem::path> FixtureCasesIn(const std::filesystem::path& kind_dir);

// The files a case consists of: the case itself when it is a file, else every regular
// file under the folder, sorted by path.
std::vector<std::filesystem::path> FixtureCaseFiles(const std::filesystem::path& fixture_case);

// The case a rule page shows from one bad/ or good/ folder: the case named `example`
// (`example.yaml`, `example/`, …) when there is one, else the shortest case (fewest
// bytes over all its files; the first by name among equals). nullopt when the folder
// holds no case.
std::optional<std::filesystem::path> ChoosePageCase(const std::filesystem::path& kind_dir);

// One file of an embedded page example.
struct PageExampleFile {
  std::string_view name;  // relative to the case: "example.yaml" for a file case, "main.tf" in a folder
  std::string_view text;
};

// The case a rule page shows for one front end and kind, as compiled into the binary.
struct PageExample {
  std::string_view rule;       // "TL102"
  std::string_view front_end;  // "cloudformation" | "terraform"
  std::string_view kind;       // "bad" | "good"
  std::string_view path;       // relative to the source tree: "fixtures/rules/TL102/cloudformation/bad/example.yaml"
  std::string_view expected;   // the bad case's `.expected` text; empty for a good case
  std::vector<PageExampleFile> files;
};

// Every embedded page example, by rule, then front end, then kind (generated).
const std::vector<PageExample>& EmbeddedPageExamples();

// The embedded examples of one rule, in page order.
std::vector<const PageExample*> PageExamplesOf(std::string_view rule);

}  // namespace trustlint
