// The JUnit report (SPEC 7): one suite per rule, one case per rule per resource.
#include <doctest/doctest.h>

#include <string>

#include "report/junit.h"
#include "report_fixture.h"
#include "rules/registry.h"

namespace {

using trustlint::Location;
using trustlint::RenderJunit;
using trustlint::XmlEscape;
using trustlint::testing::ReportFixture;

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The <testsuite …> element of rule `id` up to its end.
std::string SuiteOf(const std::string& xml, const std::string& id) {
  const size_t start = xml.find("<testsuite name=\"" + id + " ");
  REQUIRE(start != std::string::npos);
  const size_t end = xml.find("<testsuite ", start + 1);
  return xml.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

TEST_CASE("junit: a suite per rule, a passing case per judged resource when the rule is silent") {
  ReportFixture fixture;
  const std::string xml = fixture.Render(RenderJunit);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trustlint\"", 0) == 0);
  CHECK(Count(xml, "<testsuite ") == trustlint::AllRules().size());
  // Trust rules judge roles, pool rules pools, TL001 the inputs.
  CHECK(SuiteOf(xml, "TL104").find("<testcase name=\"AuthRole\" classname=\"trustlint.TL104\" "
                                   "file=\"stack/template.yaml\"/>") != std::string::npos);
  CHECK(SuiteOf(xml, "TL104").find("IdentityPool") == std::string::npos);
  CHECK(SuiteOf(xml, "TL301").find("<testcase name=\"IdentityPool\"") != std::string::npos);
  CHECK(SuiteOf(xml, "TL301").find("AuthRole") == std::string::npos);
  CHECK(SuiteOf(xml, "TL001").find("<testcase name=\"stack/template.yaml\"") != std::string::npos);
  CHECK(SuiteOf(xml, "TL401").find("AuthRole") != std::string::npos);
  CHECK(SuiteOf(xml, "TL004").find("AuthRole") != std::string::npos);
  CHECK(SuiteOf(xml, "TL004").find("IdentityPool") == std::string::npos);
  CHECK(SuiteOf(xml, "TL002").find("IdentityPool") != std::string::npos);
  CHECK(xml.find("failures=\"0\" errors=\"0\" skipped=\"0\"") != std::string::npos);
}

TEST_CASE("junit: an unsuppressed finding fails its case; a suppressed one skips it; counts add up") {
  ReportFixture fixture;
  auto& warning = fixture.Add("TL104", "AuthRole", Location{"stack/template.yaml", 12, 7}, "admits guests");
  warning.severity = trustlint::Severity::kNote;
  fixture.Add("TL104", "AuthRole", Location{"stack/template.yaml", 14, 7}, "second statement");
  auto& suppressed = fixture.Add("TL301", "IdentityPool", Location{"stack/template.yaml", 3, 3}, "guests on");
  suppressed.suppressed = true;
  suppressed.suppression_reason = "public app";
  const std::string xml = fixture.Render(RenderJunit);
  const std::string tl104 = SuiteOf(xml, "TL104");
  CHECK(tl104.find("tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\"") != std::string::npos);
  CHECK(tl104.find("<failure message=\"admits guests\" type=\"error\">") != std::string::npos);
  CHECK(tl104.find("stack/template.yaml:12:7: note TL104 some-rule: admits guests\n") != std::string::npos);
  CHECK(tl104.find("stack/template.yaml:14:7: error TL104 some-rule: second statement\n") != std::string::npos);
  const std::string tl301 = SuiteOf(xml, "TL301");
  CHECK(tl301.find("tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\"") != std::string::npos);
  CHECK(tl301.find("<skipped message=\"suppressed: public app\"/>") != std::string::npos);
  const size_t cases = Count(xml, "<testcase ");
  CHECK(xml.find("<testsuites name=\"trustlint\" tests=\"" + std::to_string(cases) +
                 "\" failures=\"1\" errors=\"0\" skipped=\"1\">") != std::string::npos);
}

TEST_CASE("junit: a finding on a resource of another kind still gets its case") {
  ReportFixture fixture;
  fixture.Add("TL103", "PoolRoles", Location{"stack/template.yaml", 20, 3}, "attachment fault");
  const std::string tl103 = SuiteOf(fixture.Render(RenderJunit), "TL103");
  CHECK(tl103.find("<testcase name=\"PoolRoles\"") != std::string::npos);
  CHECK(tl103.find("<testcase name=\"AuthRole\"") != std::string::npos);
}

TEST_CASE("junit: hostile text is escaped, and what XML cannot hold is replaced") {
  CHECK(XmlEscape("a<b>&\"c\"", false) == "a&lt;b&gt;&amp;\"c\"");
  CHECK(XmlEscape("a<b>&\"c\"", true) == "a&lt;b&gt;&amp;&quot;c&quot;");
  CHECK(XmlEscape("tab\tnl\ncr\r", true) == "tab&#9;nl&#10;cr&#13;");
  CHECK(XmlEscape("tab\tnl\n", false) == "tab\tnl\n");
  CHECK(XmlEscape(std::string("nul\0x", 5), false) == "nul\xEF\xBF\xBDx");
  CHECK(XmlEscape("esc\x1b[31m", false) == "esc\xEF\xBF\xBD[31m");
  CHECK(XmlEscape("caf\xC3\xA9", false) == "caf\xC3\xA9");
  CHECK(XmlEscape("bad\xC3", false) == "bad\xEF\xBF\xBD");            // truncated sequence
  CHECK(XmlEscape("\xC0\xAF", false) == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(XmlEscape("\xED\xA0\x80", false) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(XmlEscape("\xEF\xBF\xBF", false) == "\xEF\xBF\xBD");                          // U+FFFF
  CHECK(XmlEscape("\xF0\x9F\x98\x80", false) == "\xF0\x9F\x98\x80");

  ReportFixture fixture;
  auto& f = fixture.Add("TL104", "r[\"<&>\"]", Location{"stack/template.yaml", 1, 1}, "msg \x01 ]]> </failure>");
  f.AddWitness("k", "\x7f\xff");
  const std::string xml = fixture.Render(RenderJunit);
  CHECK(xml.find("</failure>\n") != std::string::npos);
  CHECK(xml.find("msg \xEF\xBF\xBD ]]&gt; &lt;/failure&gt;") != std::string::npos);
  CHECK(xml.find("name=\"r[&quot;&lt;&amp;&gt;&quot;]\"") != std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
}

TEST_CASE("junit: the same run renders byte-identical") {
  ReportFixture fixture;
  fixture.Add("TL104", "AuthRole", Location{"stack/template.yaml", 12, 7}, "admits guests");
  CHECK(fixture.Render(RenderJunit) == fixture.Render(RenderJunit));
}
