#include "rules/tl40x_common.h"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "graph/value.h"
#include "policy/arn.h"
#include "policy/sentinels.h"

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

namespace {

// Symbols whose value is one segment by construction; a parameter or an unknown
// value only usually is.
bool KnownSegmentShape(std::string_view sentinel) {
  const std::string_view kind = SentinelKind(sentinel);
  return kind == "pool" || kind == "pseudo" || kind == "role-name";
}

// Appends `literal`, turning each policy variable `${...}` into one kSegment.
void AppendWithVariables(std::string_view literal, std::string& out) {
  size_t pos = 0;
  while (pos < literal.size()) {
    const size_t open = literal.find("${", pos);
    const size_t close = open == std::string_view::npos ? open : literal.find('}', open + 2);
    if (close == std::string_view::npos) {
      out += literal.substr(pos);
      return;
    }
    out += literal.substr(pos, open - pos);
    out += kSegment;
    pos = close + 1;
  }
}

// One character class of a glob-like sequence.
struct GlobToken {
  enum class Kind { kChar, kOne, kAnyRun, kSegmentRun };
  Kind kind = Kind::kChar;
  char c = 0;
  bool Repeats() const { return kind == Kind::kAnyRun || kind == Kind::kSegmentRun; }
  bool Admits(char ch) const { return kind == Kind::kChar ? ch == c : kind != Kind::kSegmentRun || ch != '/'; }
};

std::vector<GlobToken> FormatTokens(std::string_view format, bool segment_placeholders) {
  std::vector<GlobToken> out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format.compare(i, 2, "${") == 0) {
      const std::size_t end = format.find('}', i);
      if (end != std::string_view::npos) {
        out.push_back({segment_placeholders ? GlobToken::Kind::kSegmentRun : GlobToken::Kind::kAnyRun, 0});
        i = end;
        continue;
      }
    }
    out.push_back({GlobToken::Kind::kChar, format[i]});
  }
  return out;
}

std::vector<GlobToken> ShapeTokens(std::string_view shape) {
  std::vector<GlobToken> out;
  for (const char c : shape) {
    if (c == '*') {
      out.push_back({GlobToken::Kind::kAnyRun, 0});
    } else if (c == '?') {
      out.push_back({GlobToken::Kind::kOne, 0});
    } else if (c == kSegment) {
      out.push_back({GlobToken::Kind::kSegmentRun, 0});
    } else {
      out.push_back({GlobToken::Kind::kChar, c});
    }
  }
  return out;
}

// Can both tokens take one same character?
bool ShareCharacter(const GlobToken& a, const GlobToken& b) {
  if (a.kind == GlobToken::Kind::kChar) return b.Admits(a.c);
  if (b.kind == GlobToken::Kind::kChar) return a.Admits(b.c);
  return true;  // two classes that each admit every character but at most '/'
}

}  // namespace

ArnShape ShapeOfResource(const PolicyString& resource, bool variables) {
  ArnShape shape;
  for (const RenderedPiece& piece : SplitRendered(resource.text)) {
    if (!piece.sentinel.empty()) {
      if (!KnownSegmentShape(piece.sentinel)) {
        shape.assumed.emplace_back(shape.text.size(),
                                   "the verdict assumes " + DisplayRendered(piece.sentinel) + " is one ARN segment (no '/')");
      }
      shape.text += kSegment;
    } else if (variables) {
      AppendWithVariables(piece.literal, shape.text);
    } else {
      shape.text += piece.literal;
    }
  }
  return shape;
}

std::string LooseShape(std::string_view shape) {
  std::string out(shape);
  std::replace(out.begin(), out.end(), kSegment, '*');
  return out;
}

std::string ArnShape::AssumedInResource() const {
  const std::optional<std::array<std::string_view, 6>> fields = SplitArnFields(text);
  if (!fields) return "";
  const std::size_t resource_at = static_cast<std::size_t>((*fields)[5].data() - text.data());
  for (const auto& [offset, reason] : assumed) {
    if (offset >= resource_at) return reason;
  }
  return "";
}

bool CouldMatchFormat(std::string_view format, std::string_view shape, bool segment_placeholders) {
  const std::vector<GlobToken> a = FormatTokens(format, segment_placeholders);
  const std::vector<GlobToken> b = ShapeTokens(shape);
  // reach[i][j]: some string takes a[0..i) and b[0..j) to the same point.
  std::vector<std::vector<char>> reach(a.size() + 1, std::vector<char>(b.size() + 1, 0));
  reach[0][0] = 1;
  for (std::size_t i = 0; i <= a.size(); ++i) {
    for (std::size_t j = 0; j <= b.size(); ++j) {
      if (!reach[i][j]) continue;
      if (i < a.size() && a[i].Repeats()) reach[i + 1][j] = 1;  // a run may be empty
      if (j < b.size() && b[j].Repeats()) reach[i][j + 1] = 1;
      if (i < a.size() && j < b.size() && ShareCharacter(a[i], b[j])) {
        // A run takes the character and stays; a single token moves on.
        reach[a[i].Repeats() ? i : i + 1][b[j].Repeats() ? j : j + 1] = 1;
      }
    }
  }
  return reach[a.size()][b.size()] != 0;
}

std::vector<const ResourceTypeInfo*> OwnResourceTypes(std::string_view service) {
  std::vector<const ResourceTypeInfo*> types;
  const std::string prefix = "arn:${Partition}:" + std::string(service) + ":";
  for (const ResourceTypeInfo* t : ActionCatalogue::Get().ResourceTypesOf(service)) {
    if (t->arn_format.substr(0, prefix.size()) == prefix) types.push_back(t);
  }
  return types;
}

bool FitsOwnFormat(std::string_view service, std::string_view shape) {
  for (const ResourceTypeInfo* t : OwnResourceTypes(service)) {
    if (CouldMatchFormat(t->arn_format, shape, true)) return true;
  }
  return false;
}

std::optional<WrongCognitoService> FindWrongCognitoService(std::string_view shape) {
  const std::optional<std::array<std::string_view, 6>> fields = SplitArnFields(shape);
  if (!fields || (*fields)[0] != "arn") return std::nullopt;
  const std::string_view service = (*fields)[2];
  if (std::find(std::begin(kCognitoServices), std::end(kCognitoServices), service) == std::end(kCognitoServices) ||
      FitsOwnFormat(service, shape)) {
    return std::nullopt;
  }
  const std::size_t service_at = static_cast<std::size_t>(service.data() - shape.data());
  for (std::string_view other : kCognitoServices) {
    if (other == service) continue;
    std::string moved(shape);
    moved.replace(service_at, service.size(), other);
    for (const ResourceTypeInfo* t : OwnResourceTypes(other)) {
      if (CouldMatchFormat(t->arn_format, moved, true)) return WrongCognitoService{moved, t};
    }
  }
  return std::nullopt;
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
