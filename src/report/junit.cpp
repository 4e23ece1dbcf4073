#include "report/junit.h"

#include <map>
#include <set>
#include <vector>

#include "check/rule.h"
#include "report/finding_text.h"
#include "rules/registry.h"

namespace trustlint {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The code point of the valid, shortest-form UTF-8 sequence at text[i] and its
// length, or length 0 when there is none.
struct Decoded {
  char32_t code_point = 0;
  size_t length = 0;
};

Decoded DecodeUtf8(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = 0;
  char32_t cp = 0;
  if (lead < 0x80) return {lead, 1};
  if ((lead >> 5) == 0x6) {
    length = 2, cp = lead & 0x1F;
  } else if ((lead >> 4) == 0xE) {
    length = 3, cp = lead & 0x0F;
  } else if ((lead >> 3) == 0x1E) {
    length = 4, cp = lead & 0x07;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) >> 6) != 0x2) return {};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool overlong = cp < kShortest[length];
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return {};
  return {cp, length};
}

// XML 1.0's Char production.
bool XmlAllows(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  return cp != 0xFFFE && cp != 0xFFFF;
}

// Which resources a rule judges, so that a rule that did not fire still shows a
// passing test case for each (SPEC 7: one test case per rule per resource). By the
// rule's family (its ID's hundreds digit): trust and permission rules (TL1xx, TL2xx)
// judge roles; pool rules (TL3xx) the scan's own identity pools (not the placeholders
// made for pools outside it); policy rules (TL4xx) and TL004 (a policy IAM rejects)
// roles and standalone policies, the resources that hold statements; TL001 judges
// input files; the other input rules (suppression hygiene) any resource. A resource a
// finding names is always a test case too, whatever its kind.
struct Resource {
  std::string address;
  std::string file;
};

// The nodes of `kind` of the files checked on their own.
void AddOutline(const Graph& graph, NodeKind kind, std::vector<Resource>& out) {
  for (const OutlineNode& n : graph.outline) {
    if (n.kind == kind) out.push_back({n.address, n.loc.file});
  }
}

// The graph's nodes of `kind`, and those of the files checked on their own.
template <typename Nodes>
void AddNodes(const Graph& graph, const Nodes& nodes, NodeKind kind, std::vector<Resource>& out) {
  for (const auto& n : nodes) out.push_back({n.address, n.loc.file});
  AddOutline(graph, kind, out);
}

std::vector<Resource> JudgedResources(const std::string& rule_id, const Graph& graph) {
  std::vector<Resource> out;
  const char family = rule_id.size() >= 3 ? rule_id[2] : '0';
  const auto roles = [&] { AddNodes(graph, graph.roles, NodeKind::kRole, out); };
  const auto policies = [&] { AddNodes(graph, graph.policies, NodeKind::kPolicy, out); };
  if (rule_id == "TL001") {
    for (const InputFile& in : graph.inputs) out.push_back({in.path, in.path});
  } else if (family == '1' || family == '2') {
    roles();
  } else if (family == '3') {
    for (const IdentityPool& p : graph.pools) {
      if (!p.external) out.push_back({p.address, p.loc.file});
    }
    AddOutline(graph, NodeKind::kIdentityPool, out);
  } else if (family == '4' || rule_id == "TL004") {
    roles(), policies();
  } else {
    AddNodes(graph, graph.pools, NodeKind::kIdentityPool, out);
    AddNodes(graph, graph.attachments, NodeKind::kRoleAttachment, out);
    roles(), policies();
  }
  return out;
}

struct TestCase {
  std::string file;
  std::vector<const Finding*> failed;      // unsuppressed findings
  std::vector<const Finding*> suppressed;  // suppressed ones
};

struct Suite {
  std::string name;  // "TL104 auth-role-guest-assumable"
  std::map<std::string, TestCase> cases;  // by resource address: a stable order
  int failures = 0;
  int skipped = 0;
};

Suite BuildSuite(const std::string& id, const std::string& name, const RunReport& run) {
  Suite suite{id + " " + name, {}, 0, 0};
  for (const Resource& r : JudgedResources(id, run.graph)) suite.cases[r.address].file = r.file;
  for (const Finding& f : run.result.findings) {
    if (f.rule != id) continue;
    TestCase& c = suite.cases[f.resource];
    if (c.file.empty()) c.file = f.loc.file;
    (f.suppressed ? c.suppressed : c.failed).push_back(&f);
  }
  for (const auto& [address, c] : suite.cases) {
    if (!c.failed.empty()) {
      ++suite.failures;
    } else if (!c.suppressed.empty()) {
      ++suite.skipped;
    }
  }
  return suite;
}

// Rules in registry order, then any rule a finding names that the registry lacks.
std::vector<Suite> BuildSuites(const RunReport& run) {
  std::vector<Suite> suites;
  std::set<std::string> known;
  for (const auto& rule : AllRules()) {
    known.insert(rule->Info().id);
    suites.push_back(BuildSuite(rule->Info().id, rule->Info().name, run));
  }
  std::map<std::string, std::string> others;
  for (const Finding& f : run.result.findings) {
    if (!known.count(f.rule)) others.emplace(f.rule, f.name);
  }
  for (const auto& [id, name] : others) suites.push_back(BuildSuite(id, name, run));
  return suites;
}

Severity MostSevere(const std::vector<const Finding*>& findings) {
  Severity worst = Severity::kNote;
  for (const Finding* f : findings) worst = std::max(worst, f->severity);
  return worst;
}

std::string Attr(std::string_view text) { return "\"" + XmlEscape(text, true) + "\""; }

void RenderCase(const std::string& suite_id, const std::string& address, const TestCase& c, std::string& out) {
  out += "    <testcase name=" + Attr(address) + " classname=" + Attr("trustlint." + suite_id);
  if (!c.file.empty()) out += " file=" + Attr(c.file);
  if (c.failed.empty() && c.suppressed.empty()) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  if (!c.failed.empty()) {
    std::string lines;
    for (const Finding* f : c.failed) lines += FindingLines(*f);
    out += "      <failure message=" + Attr(c.failed.front()->message) +
           " type=" + Attr(SeverityName(MostSevere(c.failed))) + ">" + XmlEscape(lines, false) + "</failure>\n";
  } else {
    std::string reasons;
    for (const Finding* f : c.suppressed) reasons += (reasons.empty() ? "" : "; ") + f->suppression_reason;
    out += "      <skipped message=" + Attr("suppressed: " + reasons) + "/>\n";
  }
  out += "    </testcase>\n";
}

std::string Counts(size_t tests, int failures, int skipped) {
  return " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
         "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\"";
}

}  // namespace

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const Decoded d = DecodeUtf8(text, i);
    if (d.length == 0 || !XmlAllows(d.code_point)) {
      out += kReplacement;
      i += d.length == 0 ? 1 : d.length;
      continue;
    }
    switch (d.code_point) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;  // a raw CR would be read back as a newline
      default: out.append(text.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

std::string RenderJunit(const RunReport& run) {
  const std::vector<Suite> suites = BuildSuites(run);
  size_t tests = 0;
  int failures = 0;
  int skipped = 0;
  for (const Suite& s : suites) {
    tests += s.cases.size();
    failures += s.failures;
    skipped += s.skipped;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"trustlint\"" + Counts(tests, failures, skipped) + ">\n";
  for (const Suite& s : suites) {
    out += "  <testsuite name=" + Attr(s.name) + Counts(s.cases.size(), s.failures, s.skipped);
    if (s.cases.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    const std::string id = s.name.substr(0, s.name.find(' '));
    for (const auto& [address, c] : s.cases) RenderCase(id, address, c, out);
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace trustlint
