#include "policy/sentinels.h"

#include <array>

namespace trustlint {
namespace {

constexpr std::string_view kOpen = "\u27e8";   // ⟨
constexpr std::string_view kClose = "\u27e9";  // ⟩
constexpr std::array<std::string_view, 7> kKinds = {"pool", "role-arn", "role-name", "ref",
                                                     "pseudo", "import", "unknown"};

bool KnownKind(std::string_view inner) {
  const size_t colon = inner.find(':');
  if (colon == std::string_view::npos) return false;
  for (std::string_view kind : kKinds) {
    if (inner.substr(0, colon) == kind) return true;
  }
  return false;
}

}  // namespace

std::vector<RenderedPiece> SplitRendered(std::string_view rendered) {
  std::vector<RenderedPiece> out;
  auto add_literal = [&](std::string_view text) {
    if (text.empty()) return;
    if (!out.empty() && out.back().sentinel.empty()) {
      out.back().literal += text;
    } else {
      out.push_back({std::string(text), ""});
    }
  };
  size_t at = 0;
  while (at < rendered.size()) {
    const size_t open = rendered.find(kOpen, at);
    if (open == std::string_view::npos) break;
    const size_t close = rendered.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) break;
    const std::string_view inner = rendered.substr(open + kOpen.size(), close - open - kOpen.size());
    if (!KnownKind(inner)) {
      add_literal(rendered.substr(at, open + kOpen.size() - at));
      at = open + kOpen.size();
      continue;
    }
    add_literal(rendered.substr(at, open - at));
    out.push_back({"", std::string(rendered.substr(open, close + kClose.size() - open))});
    at = close + kClose.size();
  }
  add_literal(rendered.substr(at));
  return out;
}

bool HasSentinel(std::string_view rendered) {
  // The first piece SplitRendered would make a sentinel, without building pieces:
  // asked of every policy string on every query, some of them megabytes long.
  size_t at = 0;
  while (true) {
    const size_t open = rendered.find(kOpen, at);
    if (open == std::string_view::npos) return false;
    const size_t close = rendered.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) return false;
    if (KnownKind(rendered.substr(open + kOpen.size(), close - open - kOpen.size()))) return true;
    at = open + kOpen.size();
  }
}

std::string_view SentinelKind(std::string_view sentinel) {
  const std::string_view inner = sentinel.substr(kOpen.size(), sentinel.size() - kOpen.size() - kClose.size());
  return inner.substr(0, inner.find(':'));
}

std::string_view SentinelName(std::string_view sentinel) {
  const std::string_view inner = sentinel.substr(kOpen.size(), sentinel.size() - kOpen.size() - kClose.size());
  std::string_view name = inner.substr(inner.find(':') + 1);
  return name.substr(0, name.find('\x1f'));  // without the scope
}

}  // namespace trustlint
