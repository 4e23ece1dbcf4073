#include "policy/z3_strings.h"

#include <cstdio>

#include "base/ascii.h"

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
      parts.push_back(ByteRegex(ctx, LowerAscii(c)) + ByteRegex(ctx, UpperAscii(c)));  // + is union on regexes
    } else {
      parts.push_back(ByteRegex(ctx, c));
    }
  }
  if (parts.empty()) return z3::to_re(ctx.string_val(""));
  if (parts.size() == 1) return parts[0];
  return z3::concat(parts);
}

std::optional<std::vector<PatternChar>> ParsePattern(std::string_view text, bool glob, bool variables) {
  std::vector<PatternChar> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (variables && text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
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

namespace trustlint {

namespace {

z3::expr Loop(const z3::expr& re, unsigned lo, unsigned hi) {
  Z3_ast ast = Z3_mk_re_loop(re.ctx(), re, lo, hi);
  re.ctx().check_error();
  return z3::expr(re.ctx(), ast);
}

z3::expr CharRange(z3::context& ctx, char lo, char hi) {
  return z3::range(ByteString(ctx, std::string_view(&lo, 1)), ByteString(ctx, std::string_view(&hi, 1)));
}

z3::expr Union(const z3::expr& a, const z3::expr& b) { return a + b; }  // + is union on regexes

// A recursive-descent reader of the regular expressions CloudFormation's
// AllowedPattern and Terraform's regex() take in practice: literals, escapes,
// classes, `.`, groups, alternation and the usual quantifiers. Anything else
// (back-references, look-around) makes the whole pattern unreadable, and the
// caller then leaves the value unconstrained.
class RegexReader {
 public:
  RegexReader(z3::context& ctx, std::string_view text) : ctx_(ctx), text_(text) {}

  std::optional<z3::expr> Read() {
    if (!text_.empty() && text_.front() == '^') text_.remove_prefix(1);
    if (!text_.empty() && text_.back() == '$' && (text_.size() < 2 || text_[text_.size() - 2] != '\\')) {
      text_.remove_suffix(1);
    }
    std::optional<z3::expr> re = Alternation();
    if (!re || at_ != text_.size()) return std::nullopt;
    return re;
  }

 private:
  std::optional<z3::expr> Alternation() {
    std::optional<z3::expr> left = Sequence();
    while (left && at_ < text_.size() && text_[at_] == '|') {
      ++at_;
      std::optional<z3::expr> right = Sequence();
      if (!right) return std::nullopt;
      left = Union(*left, *right);
    }
    return left;
  }

  std::optional<z3::expr> Sequence() {
    z3::expr_vector parts(ctx_);
    while (at_ < text_.size() && text_[at_] != '|' && text_[at_] != ')') {
      std::optional<z3::expr> atom = Quantified();
      if (!atom) return std::nullopt;
      parts.push_back(*atom);
    }
    if (parts.empty()) return z3::to_re(ctx_.string_val(""));
    if (parts.size() == 1) return parts[0];
    return z3::concat(parts);
  }

  std::optional<z3::expr> Quantified() {
    std::optional<z3::expr> atom = Atom();
    if (!atom) return std::nullopt;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '*') {
        atom = z3::star(*atom);
      } else if (c == '+') {
        atom = z3::plus(*atom);
      } else if (c == '?') {
        atom = z3::option(*atom);
      } else if (c == '{') {
        const size_t close = text_.find('}', at_);
        if (close == std::string_view::npos) return std::nullopt;
        const std::string_view body = text_.substr(at_ + 1, close - at_ - 1);
        const size_t comma = body.find(',');
        const std::optional<unsigned> lo = Number(body.substr(0, comma));
        if (!lo) return std::nullopt;
        if (comma == std::string_view::npos) {
          atom = Loop(*atom, *lo, *lo);
        } else if (comma + 1 == body.size()) {
          atom = z3::concat(Loop(*atom, *lo, *lo), z3::star(*atom));
        } else {
          const std::optional<unsigned> hi = Number(body.substr(comma + 1));
          if (!hi || *hi < *lo) return std::nullopt;
          atom = Loop(*atom, *lo, *hi);
        }
        at_ = close;
      } else {
        break;
      }
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '?' || text_[at_] == '+')) ++at_;  // lazy/possessive: same language
    }
    return atom;
  }

  static std::optional<unsigned> Number(std::string_view digits) {
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    unsigned n = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return n;
  }

  std::optional<z3::expr> Atom() {
    const char c = text_[at_++];
    switch (c) {
      case '(': {
        if (text_.substr(at_, 2) == "?:") at_ += 2;
        if (at_ < text_.size() && text_[at_] == '?') return std::nullopt;  // look-around, named groups
        std::optional<z3::expr> inner = Alternation();
        if (!inner || at_ >= text_.size() || text_[at_] != ')') return std::nullopt;
        ++at_;
        return inner;
      }
      case '[': return Class();
      case '.': return AnyByte(ctx_);
      case '\\': return Escape();
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case '^':
      case '$': return std::nullopt;
      default: return z3::to_re(ByteString(ctx_, std::string_view(&c, 1)));
    }
  }

  // The class an escape names (\d, \w, \s) or the escaped character.
  std::optional<z3::expr> Escape() {
    if (at_ >= text_.size()) return std::nullopt;
    const char c = text_[at_++];
    switch (c) {
      case 'd': return CharRange(ctx_, '0', '9');
      case 'w':
        return Union(Union(CharRange(ctx_, 'a', 'z'), CharRange(ctx_, 'A', 'Z')),
                     Union(CharRange(ctx_, '0', '9'), z3::to_re(ByteString(ctx_, "_"))));
      case 's':
        return Union(Union(z3::to_re(ByteString(ctx_, " ")), z3::to_re(ByteString(ctx_, "\t"))),
                     Union(z3::to_re(ByteString(ctx_, "\n")), z3::to_re(ByteString(ctx_, "\r"))));
      case 'n': return z3::to_re(ByteString(ctx_, "\n"));
      case 't': return z3::to_re(ByteString(ctx_, "\t"));
      default:
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
          return std::nullopt;  // \D, \b, back-references, ...: not read
        }
        return z3::to_re(ByteString(ctx_, std::string_view(&c, 1)));
    }
  }

  std::optional<z3::expr> Class() {
    bool negated = false;
    if (at_ < text_.size() && text_[at_] == '^') {
      negated = true;
      ++at_;
    }
    std::optional<z3::expr> set;
    bool first = true;
    while (at_ < text_.size() && (text_[at_] != ']' || first)) {
      first = false;
      std::optional<z3::expr> item;
      char lo = text_[at_++];
      if (lo == '\\') {
        if (at_ >= text_.size()) return std::nullopt;
        const char e = text_[at_];
        if (e == 'd' || e == 'w' || e == 's') {
          item = Escape();
        } else {
          lo = text_[at_++];
        }
      }
      if (!item) {
        if (at_ + 1 < text_.size() && text_[at_] == '-' && text_[at_ + 1] != ']') {
          char hi = text_[at_ + 1];
          at_ += 2;
          if (hi == '\\') {
            if (at_ >= text_.size()) return std::nullopt;
            hi = text_[at_++];
          }
          if (static_cast<unsigned char>(hi) < static_cast<unsigned char>(lo)) return std::nullopt;
          item = CharRange(ctx_, lo, hi);
        } else {
          item = z3::to_re(ByteString(ctx_, std::string_view(&lo, 1)));
        }
      }
      set = set ? Union(*set, *item) : *item;
    }
    if (at_ >= text_.size() || !set) return std::nullopt;
    ++at_;  // ']'
    if (!negated) return set;
    z3::expr_vector both(ctx_);
    both.push_back(AnyByte(ctx_));
    both.push_back(z3::re_complement(*set));
    return z3::re_intersect(both);
  }

  z3::context& ctx_;
  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace

std::optional<z3::expr> RegexFromPattern(z3::context& ctx, std::string_view pattern) {
  try {
    return RegexReader(ctx, pattern).Read();
  } catch (const z3::exception&) {
    return std::nullopt;
  }
}

z3::expr RepeatRegex(const z3::expr& re, unsigned lo, unsigned hi) { return Loop(re, lo, hi); }

}  // namespace trustlint
