// CheckJsonText: what yaml-cpp would expand or recurse on is refused on the text.
#include "base/json_text.h"

#include <doctest/doctest.h>

using trustlint::CheckJsonText;
using trustlint::Location;

TEST_CASE("json text: plain JSON passes, strings may hold anything") {
  CHECK_FALSE(CheckJsonText(R"({"a": [1, true, null, "&x *y !z [[[", {"b": "\"*\""}]})", Location{"f", 1, 1}, 8));
  CHECK_FALSE(CheckJsonText("", Location{"f", 1, 1}, 8));
}

TEST_CASE("json text: anchors, aliases and tags outside strings are found where they are") {
  auto anchor = CheckJsonText("{\n  \"a\": &x [1],\n  \"b\": *x}", Location{"f.json", 1, 1}, 8);
  REQUIRE(anchor);
  CHECK(anchor->where == Location{"f.json", 2, 8});
  CHECK(anchor->message == "YAML anchor `&` in JSON text: JSON has no anchors");
  auto alias = CheckJsonText("[\"&\", *x]", Location{"f.json", 1, 1}, 8);
  REQUIRE(alias);
  CHECK(alias->where.column == 7);
  CHECK(alias->message.find("alias") != std::string::npos);
  auto tag = CheckJsonText("{\"a\": !Ref b}", Location{"f.json", 1, 1}, 8);
  REQUIRE(tag);
  CHECK(tag->message.find("tag") != std::string::npos);
}

TEST_CASE("json text: nesting is counted outside strings, from the given start") {
  CHECK_FALSE(CheckJsonText("[[[\"[[[[[[\"]]]", Location{"f", 1, 1}, 3));
  auto deep = CheckJsonText("[[[[1]]]]", Location{"f", 5, 10}, 3);
  REQUIRE(deep);
  CHECK(deep->where == Location{"f", 5, 13});
  CHECK(deep->message == "JSON text nests deeper than 3 levels");
}
