// The JSON and SARIF writers stream their documents (report/json_stream.h): the
// bytes must be nlohmann's pretty dump of the whole document, empty arrays and
// objects, nesting and escapes included.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "../scratch.h"
#include "report/json_stream.h"
#include "report/source_lines.h"

using Json = trustlint::JsonStream::Json;

namespace {

std::string Dumped(const Json& doc) { return doc.dump(2, ' ', false, Json::error_handler_t::replace); }

}  // namespace

TEST_CASE("json stream: writes the bytes of nlohmann's dump(2) of the whole document") {
  std::ostringstream out;
  trustlint::JsonStream doc(out);
  doc.OpenObject();
  doc.Member("schema_version", 1);
  doc.Member("tool", Json{{"name", "t\"l"}, {"nested", Json{{"list", Json::array({1, 2})}}}});
  doc.OpenArray("empty");
  doc.Close();
  doc.OpenArray("items");
  doc.Element(Json{{"a", "line\nbreak"}, {"b", Json::object()}});
  doc.Element("plain");
  doc.OpenObject();
  doc.Member("deep", Json::array({Json{{"x", nullptr}}}));
  doc.OpenArray("inner");
  doc.Element(3);
  doc.Close();
  doc.Close();
  doc.Close();
  doc.OpenObject("no members");
  doc.Close();
  doc.Member("bad utf-8", std::string("\xff"));
  doc.Close();

  Json expected;
  expected["schema_version"] = 1;
  expected["tool"] = Json{{"name", "t\"l"}, {"nested", Json{{"list", Json::array({1, 2})}}}};
  expected["empty"] = Json::array();
  expected["items"] = Json::array({Json{{"a", "line\nbreak"}, {"b", Json::object()}}, "plain",
                                   Json{{"deep", Json::array({Json{{"x", nullptr}}})}, {"inner", Json::array({3})}}});
  expected["no members"] = Json::object();
  expected["bad utf-8"] = std::string("\xff");
  CHECK(out.str() == Dumped(expected));
}

TEST_CASE("source lines: a bounded cache drops the file read first and reads it again when asked") {
  trustlint::testing::Scratch s("trustlint_source_lines_");
  for (const char* name : {"a", "b", "c"}) trustlint::testing::Write(s.dir() / name, std::string(name) + "1\r\n2\n");
  trustlint::SourceLines lines(2);
  const std::string a = (s.dir() / "a").string();
  CHECK(lines.Of(a).front() == "a1");
  CHECK(lines.Of((s.dir() / "b").string()).size() == 2);
  CHECK(lines.Of((s.dir() / "c").string()).back() == "2");  // drops a
  std::filesystem::remove(s.dir() / "a");
  CHECK(lines.Of(a).empty());  // read again: gone now
  CHECK(trustlint::SourceLines().Of((s.dir() / "c").string()).front() == "c1");
}
