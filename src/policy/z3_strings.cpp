#include "policy/z3_strings.h"

#include <cstdio>

namespace trustlint {

namespace {

bool IsPlainAscii(unsigned char byte) { return byte >= 0x20 && byte < 0x7f && byte != '\\'; }

std::string EscapeBytes(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    if (IsPlainAscii(byte)) {
      out += c;
    } else {
      char buf[12];
      std::snprintf(buf, sizeof buf, "\\u{%x}", byte);
      out += buf;
    }
  }
  return out;
}

z3::expr ByteRegex(z3::context& ctx, char c) { return z3::to_re(ByteString(ctx, std::string_view(&c, 1))); }

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

z3::expr ByteString(z3::context& ctx, std::string_view bytes) {
  return ctx.string_val(EscapeBytes(bytes));
}

z3::expr AnyByte(z3::context& ctx) {
  return z3::range(ctx.string_val("\\u{0}"), ctx.string_val("\\u{ff}"));
}

z3::expr AnyCodePoint(z3::context& ctx) {
  auto bytes = [&](const char* lo, const char* hi) { return z3::range(ctx.string_val(lo), ctx.string_val(hi)); };
  z3::expr any = AnyByte(ctx);
  z3::expr_vector forms(ctx);
  forms.push_back(bytes("\\u{0}", "\\u{bf}"));  // ASCII and stray continuation bytes
  forms.push_back(bytes("\\u{f8}", "\\u{ff}"));  // invalid lead bytes: one unit each
  forms.push_back(z3::concat(bytes("\\u{c0}", "\\u{df}"), any));
  forms.push_back(z3::concat(z3::concat(bytes("\\u{e0}", "\\u{ef}"), any), any));
  forms.push_back(z3::concat(z3::concat(z3::concat(bytes("\\u{f0}", "\\u{f7}"), any), any), any));
  z3::expr out = forms[0];
  for (unsigned i = 1; i < forms.size(); ++i) out = out + forms[i];  // + is union on regexes
  return out;
}

z3::expr InByteRange(const z3::expr& s) { return z3::in_re(s, z3::star(AnyByte(s.ctx()))); }

z3::expr CaseFoldedRegex(z3::context& ctx, std::string_view bytes) {
  z3::expr_vector parts(ctx);
  for (char c : bytes) {
    if (IsAsciiLetter(c)) {
      char lower = static_cast<char>(c | 0x20);
      char upper = static_cast<char>(c & ~0x20);
      parts.push_back(ByteRegex(ctx, lower) + ByteRegex(ctx, upper));  // + is union on regexes
    } else {
      parts.push_back(ByteRegex(ctx, c));
    }
  }
  if (parts.empty()) return z3::to_re(ctx.string_val(""));
  if (parts.size() == 1) return parts[0];
  return z3::concat(parts);
}

std::optional<std::vector<PatternChar>> ParsePattern(std::string_view text, bool glob) {
  std::vector<PatternChar> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) {  // not a variable: literal text
        out.push_back({PatternChar::Kind::kByte, text[i]});
        continue;
      }
      std::string_view name = text.substr(i + 2, close - i - 2);
      if (name != "*" && name != "?" && name != "$") return std::nullopt;
      out.push_back({PatternChar::Kind::kByte, name[0]});
      i = close;
    } else if (glob && text[i] == '*') {
      out.push_back({PatternChar::Kind::kStar, 0});
    } else if (glob && text[i] == '?') {
      out.push_back({PatternChar::Kind::kQuestion, 0});
    } else {
      out.push_back({PatternChar::Kind::kByte, text[i]});
    }
  }
  return out;
}

std::string PatternBytes(const std::vector<PatternChar>& pattern) {
  std::string out;
  for (const PatternChar& p : pattern) {
    if (p.kind == PatternChar::Kind::kByte) out += p.byte;
  }
  return out;
}

z3::expr GlobRegex(z3::context& ctx, const std::vector<PatternChar>& pattern) {
  z3::expr_vector parts(ctx);
  std::string run;  // consecutive literal bytes become one to_re
  auto flush = [&] {
    if (!run.empty()) parts.push_back(z3::to_re(ByteString(ctx, run)));
    run.clear();
  };
  for (const PatternChar& p : pattern) {
    switch (p.kind) {
      case PatternChar::Kind::kByte:
        run += p.byte;
        break;
      case PatternChar::Kind::kStar:
        flush();
        parts.push_back(z3::star(AnyCodePoint(ctx)));
        break;
      case PatternChar::Kind::kQuestion:
        flush();
        parts.push_back(AnyCodePoint(ctx));
        break;
    }
  }
  flush();
  if (parts.empty()) return z3::to_re(ctx.string_val(""));
  if (parts.size() == 1) return parts[0];
  return z3::concat(parts);
}

z3::expr GlobMatches(const z3::expr& s, const std::vector<PatternChar>& pattern) {
  z3::context& ctx = s.ctx();
  std::vector<std::string> segments(1);  // literal runs between stars
  for (const PatternChar& p : pattern) {
    if (p.kind == PatternChar::Kind::kQuestion) return z3::in_re(s, GlobRegex(ctx, pattern));
    if (p.kind == PatternChar::Kind::kStar) {
      segments.emplace_back();
    } else {
      segments.back() += p.byte;
    }
  }
  if (segments.size() == 1) return s == ByteString(ctx, segments[0]);
  const std::string& head = segments.front();
  const std::string& tail = segments.back();
  const int fixed = static_cast<int>(head.size() + tail.size());
  z3::expr_vector parts(ctx);
  parts.push_back(s.length() >= ctx.int_val(fixed));
  if (!head.empty()) parts.push_back(z3::prefixof(ByteString(ctx, head), s));
  if (!tail.empty()) parts.push_back(z3::suffixof(ByteString(ctx, tail), s));
  // The middle segments in order, each placed leftmost after the previous one
  // (leftmost placement never loses a match for star-only globs).
  z3::expr middle = s.extract(ctx.int_val(static_cast<int>(head.size())), s.length() - ctx.int_val(fixed));
  z3::expr from = ctx.int_val(0);
  for (size_t i = 1; i + 1 < segments.size(); ++i) {
    if (segments[i].empty()) continue;
    z3::expr at = z3::indexof(middle, ByteString(ctx, segments[i]), from);
    parts.push_back(at >= 0);
    from = at + ctx.int_val(static_cast<int>(segments[i].size()));
  }
  return z3::mk_and(parts);
}

std::optional<std::string> ModelBytes(const z3::expr& value) {
  if (!value.is_string_value()) return std::nullopt;
  // Characters 0..255 come back as raw bytes; anything else as an escape. The
  // round trip through ByteString proves the decoding exact.
  std::string bytes = value.get_string();
  z3::expr again = ByteString(value.ctx(), bytes);
  if (!z3::eq(again, value)) return std::nullopt;
  return bytes;
}

}  // namespace trustlint
