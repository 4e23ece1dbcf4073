#include "rules/tl40x_common.h"

#include <set>
#include <tuple>

namespace trustlint::tl40x {

void ForEachPermissionsStatement(AnalysisContext& ctx, const std::function<void(const StatementSite&)>& visit) {
  const Graph& graph = ctx.graph();
  std::set<std::string> rcp_owners;
  for (const Policy& p : graph.policies) {
    if (p.resource_control_policy) rcp_owners.insert(p.address);
  }
  std::set<std::tuple<std::string, std::string, int, Location>> seen;
  ctx.ForEachDocument([&](const AnalysisContext::OwnedDocument& owned) {
    if (owned.trust) return;  // permissions statements only
    for (const Statement& s : owned.doc.statements) {
      if (!seen.emplace(owned.owner, owned.doc.path, s.index, s.loc).second) continue;
      visit(StatementSite{owned.owner, owned.doc, s, rcp_owners.count(owned.owner) > 0});
    }
  });
}

bool Symbolic(const PolicyString& s) {
  return s.unknown || s.text.find("\u27e8") != std::string::npos;
}

bool GlobsIntersect(std::string_view a, std::string_view b) {
  // reach[i][j]: some string takes a[0..i) and b[0..j) to the same point.
  std::vector<std::vector<char>> reach(a.size() + 1, std::vector<char>(b.size() + 1, 0));
  reach[0][0] = 1;
  for (std::size_t i = 0; i <= a.size(); ++i) {
    for (std::size_t j = 0; j <= b.size(); ++j) {
      if (!reach[i][j]) continue;
      // A star may match the empty string.
      if (i < a.size() && a[i] == '*') reach[i + 1][j] = 1;
      if (j < b.size() && b[j] == '*') reach[i][j + 1] = 1;
      if (i < a.size() && j < b.size()) {
        const bool a_star = a[i] == '*', b_star = b[j] == '*';
        if (a_star && b_star) {
          reach[i + 1][j + 1] = 1;
        } else if (a_star) {
          reach[i][j + 1] = 1;  // a's star absorbs b's character (or b's '?')
        } else if (b_star) {
          reach[i + 1][j] = 1;
        } else if (a[i] == b[j] || a[i] == '?' || b[j] == '?') {
          reach[i + 1][j + 1] = 1;
        }
      }
    }
  }
  return reach[a.size()][b.size()] != 0;
}

std::string ArnFormatGlob(std::string_view format) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format.compare(i, 2, "${") == 0) {
      const std::size_t end = format.find('}', i);
      if (end != std::string_view::npos) {
        out += '*';
        i = end;
        continue;
      }
    }
    out += format[i];
  }
  return out;
}

std::string StatementLabel(const Statement& s) {
  std::string label = (s.allow ? "Allow" : "Deny") + std::string(" statement ") + std::to_string(s.index);
  if (!s.sid.empty()) label += " (Sid " + s.sid + ")";
  return label;
}

void MarkConditional(const Statement& s, Finding& f) {
  if (!s.conditional) return;
  f.proven = false;
  f.possible_because = "the statement is present only in one branch of an undecided Fn::If";
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace trustlint::tl40x
