#include "check/finding.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "check/checker.h"

using namespace trustlint;

namespace {
Finding At(std::string file, int line, int column, std::string rule, std::string resource = "R") {
  Finding f;
  f.loc = {std::move(file), line, column};
  f.rule = std::move(rule);
  f.resource = std::move(resource);
  return f;
}
}  // namespace

TEST_CASE("findings sort by file, line, column, rule, resource") {
  std::vector<Finding> v = {At("b.yaml", 1, 1, "TL101"),      At("a.yaml", 9, 1, "TL101"),
                            At("a.yaml", 2, 5, "TL104"),      At("a.yaml", 2, 5, "TL102", "Z"),
                            At("a.yaml", 2, 5, "TL102", "A"), At("a.yaml", 2, 1, "TL110")};
  std::sort(v.begin(), v.end(), FindingLess);
  std::vector<std::string> order;
  for (const auto& f : v) order.push_back(FormatLocation(f.loc) + " " + f.rule + " " + f.resource);
  CHECK(order == std::vector<std::string>{"a.yaml:2:1 TL110 R", "a.yaml:2:5 TL102 A", "a.yaml:2:5 TL102 Z",
                                          "a.yaml:2:5 TL104 R", "a.yaml:9:1 TL101 R", "b.yaml:1:1 TL101 R"});
}

TEST_CASE("fingerprints hash rule, resource and file, never the line") {
  const Finding a = At("t.yaml", 10, 3, "TL104", "AuthRole");
  Finding moved = a;
  moved.loc.line = 42;
  moved.loc.column = 1;
  moved.message = "reworded";
  CHECK(Fingerprint(a) == Fingerprint(moved));
  CHECK(Fingerprint(a).size() == 16);
  CHECK(Fingerprint(a) == "bbb8f19349b1ce9b");  // pinned: baselines on disk depend on it
  CHECK(Fingerprint(a) != Fingerprint(At("t.yaml", 10, 3, "TL105", "AuthRole")));
  CHECK(Fingerprint(a) != Fingerprint(At("t.yaml", 10, 3, "TL104", "GuestRole")));
  CHECK(Fingerprint(a) != Fingerprint(At("u.yaml", 10, 3, "TL104", "AuthRole")));
  // The separators keep field boundaries: "TL1"+"04x" differs from "TL104"+"x".
  CHECK(Fingerprint(At("f", 1, 1, "TL104", "x")) != Fingerprint(At("f", 1, 1, "TL10", "4x")));
}
