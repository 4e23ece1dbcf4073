// The concrete IAM evaluator. Semantics follow the IAM User Guide: "Policy
// evaluation logic", "IAM JSON policy elements: Condition operators", "Single-
// valued vs. multivalued context keys" and "IAM policy elements: Variables and
// tags". Every rule below cites the behaviour it implements.
#include "policy/evaluator.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/ascii.h"
#include "policy/arn.h"
#include "policy/operators.h"

namespace trustlint {
namespace {

// Policy variable defaults and IP addresses: only spaces and tabs are trimmed.
std::string_view Trim(std::string_view s) { return TrimAscii(s, " \t"); }

// Bytes in the UTF-8 code point starting at `pos` (1 for stray bytes), so that
// `?` consumes one character and `*` never resumes inside a character.
size_t CodePointLength(std::string_view s, size_t pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  size_t n = 1;
  if (lead >= 0xF0 && lead <= 0xF7) {
    n = 4;
  } else if (lead >= 0xE0) {
    n = lead <= 0xEF ? 3 : 1;
  } else if (lead >= 0xC0) {
    n = 2;
  }
  return std::min(n, s.size() - pos);
}

// A glob pattern whose characters may be marked literal: text that came from
// a policy variable (`${*}` is a literal asterisk, and a substituted request
// value is not a wildcard) must not act as `*` or `?`.
struct Pattern {
  std::string text;
  std::vector<bool> literal;  // same length as text

  void Append(std::string_view s, bool is_literal) {
    text += s;
    literal.insert(literal.end(), s.size(), is_literal);
  }
  bool IsWild(size_t i, char c) const { return text[i] == c && !literal[i]; }
};

// The classic two-pointer wildcard matcher: on a mismatch only the most recent
// `*` is retried one character further, which is linear-times-length instead of
// exponential, and correct because an earlier star can never need more text.
bool MatchPattern(const Pattern& pattern, std::string_view text, bool case_insensitive) {
  const std::string& p = pattern.text;
  size_t pi = 0;
  size_t ti = 0;
  size_t star_p = std::string::npos;
  size_t star_t = 0;
  while (ti < text.size()) {
    if (pi < p.size() && pattern.IsWild(pi, '*')) {
      star_p = pi++;
      star_t = ti;
    } else if (pi < p.size() && pattern.IsWild(pi, '?')) {
      ++pi;
      ti += CodePointLength(text, ti);
    } else if (pi < p.size() && (case_insensitive ? LowerAscii(p[pi]) == LowerAscii(text[ti]) : p[pi] == text[ti])) {
      ++pi;
      ++ti;
    } else if (star_p != std::string::npos) {
      pi = star_p + 1;
      star_t += CodePointLength(text, star_t);
      ti = star_t;
    } else {
      return false;
    }
  }
  while (pi < p.size() && pattern.IsWild(pi, '*')) ++pi;
  return pi == p.size();
}

Pattern PlainPattern(std::string_view text) {
  Pattern pattern;
  pattern.Append(text, false);
  return pattern;
}

// The value of one `${...}` body, or nullopt when the element cannot match.
// IAM: "${*}", "${?}", "${$}" stand for the literal characters; "${key, 'x'}"
// supplies a default used when the key is absent; a variable whose key is
// absent (no default) or multivalued makes the element not match.
std::optional<std::string> ResolveVariable(std::string_view body, const Request& request) {
  body = Trim(body);
  if (body == "*" || body == "?" || body == "$") return std::string(body);
  std::string_view key = body;
  std::optional<std::string> fallback;
  if (const size_t comma = body.find(','); comma != std::string_view::npos) {
    key = Trim(body.substr(0, comma));
    std::string_view def = Trim(body.substr(comma + 1));
    if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'') def = def.substr(1, def.size() - 2);
    fallback = std::string(def);
  }
  const auto it = request.context.find(LowerAscii(key));
  if (it == request.context.end() || it->second.empty()) return fallback;
  if (it->second.size() != 1) return std::nullopt;
  return it->second.front();
}

std::optional<Pattern> SubstitutePattern(std::string_view text, const Request& request) {
  Pattern out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("${", pos);
    const size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {  // no (complete) variable left: plain text
      out.Append(text.substr(pos), false);
      break;
    }
    out.Append(text.substr(pos, open - pos), false);
    std::optional<std::string> value = ResolveVariable(text.substr(open + 2, close - open - 2), request);
    if (!value) return std::nullopt;
    out.Append(*value, true);
    pos = close + 1;
  }
  return out;
}

// ---- Operators ---------------------------------------------------------------
// Their properties come from the one table in policy/operators.h.

// A decimal number as IAM numeric conditions take it ("10", "-2.5", "1e3");
// strtod alone would also accept hex, "inf" and "nan".
std::optional<double> ParseNumber(std::string_view s) {
  if (s.empty() || s.find_first_not_of("0123456789+-.eE") != std::string_view::npos) return std::nullopt;
  const std::string copy(s);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Reads exactly `n` digits at `pos`.
std::optional<int> Digits(std::string_view s, size_t& pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

bool Consume(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// Seconds of the time part "hh:mm[:ss[.fff]]" plus its zone, as an offset.
std::optional<double> ParseTimeOfDay(std::string_view s, size_t& pos) {
  const auto hh = Digits(s, pos, 2);
  if (!hh || !Consume(s, pos, ':')) return std::nullopt;
  const auto mm = Digits(s, pos, 2);
  if (!mm) return std::nullopt;
  double seconds = *hh * 3600.0 + *mm * 60.0;
  if (Consume(s, pos, ':')) {
    const auto ss = Digits(s, pos, 2);
    if (!ss) return std::nullopt;
    seconds += *ss;
    if (Consume(s, pos, '.')) {
      double scale = 0.1;
      const size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        seconds += (s[pos++] - '0') * scale;
        scale /= 10;
      }
      if (pos == start) return std::nullopt;
    }
  }
  if (Consume(s, pos, 'Z') || Consume(s, pos, 'z')) return seconds;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos++] == '+' ? 1 : -1;
    const auto oh = Digits(s, pos, 2);
    if (!oh) return std::nullopt;
    Consume(s, pos, ':');
    const auto om = Digits(s, pos, 2);
    if (!om) return std::nullopt;
    seconds -= sign * (*oh * 3600.0 + *om * 60.0);  // local time minus offset = UTC
  }
  return seconds;
}

// IAM date condition values: ISO 8601 ("2026-01-01", "2026-01-01T12:00:00Z",
// with a fraction or a ±hh:mm zone) or epoch seconds ("1767225600").
std::optional<double> ParseDate(std::string_view s) {
  if (s.find('-', 1) == std::string_view::npos) return ParseNumber(s);  // epoch seconds
  size_t pos = 0;
  const auto year = Digits(s, pos, 4);
  if (!year || !Consume(s, pos, '-')) return std::nullopt;
  const auto month = Digits(s, pos, 2);
  if (!month || !Consume(s, pos, '-')) return std::nullopt;
  const auto day = Digits(s, pos, 2);
  if (!day || *month < 1 || *month > 12 || *day < 1 || *day > 31) return std::nullopt;
  double seconds = static_cast<double>(DaysFromCivil(*year, *month, *day)) * 86400.0;
  if (Consume(s, pos, 'T') || Consume(s, pos, 't') || Consume(s, pos, ' ')) {
    const auto time = ParseTimeOfDay(s, pos);
    if (!time) return std::nullopt;
    seconds += *time;
  }
  if (pos != s.size()) return std::nullopt;
  return seconds;
}

bool CompareNumbers(double request, double condition, OperatorComparison comparison) {
  switch (comparison) {
    case OperatorComparison::kEquals:  // negation is applied by the caller
      return request == condition;
    case OperatorComparison::kLessThan:
      return request < condition;
    case OperatorComparison::kLessThanEquals:
      return request <= condition;
    case OperatorComparison::kGreaterThan:
      return request > condition;
    case OperatorComparison::kGreaterThanEquals:
      return request >= condition;
    case OperatorComparison::kPresence:
      return false;  // Null compares no values
  }
  return false;
}

// RFC 4648 base64; whitespace ignored, padding optional. nullopt when invalid.
std::optional<std::string> DecodeBase64(std::string_view s) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (const char c : s) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    else if (c == '=') {
      padding = true;
      continue;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
      continue;
    else
      return std::nullopt;
    if (padding) return std::nullopt;  // data after '='
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

struct IpRange {
  int family = 0;  // AF_INET or AF_INET6
  std::array<unsigned char, 16> bytes{};
  int prefix = 0;
};

// "203.0.113.0/24", "2001:db8::/32" or a bare address (a /32 or /128).
std::optional<IpRange> ParseIp(std::string_view s) {
  s = Trim(s);
  IpRange range;
  std::string address(s);
  std::optional<int> prefix;
  if (const size_t slash = s.find('/'); slash != std::string_view::npos) {
    address = std::string(s.substr(0, slash));
    const std::string_view digits = s.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    size_t pos = 0;
    const auto value = Digits(digits, pos, digits.size());
    if (!value) return std::nullopt;
    prefix = *value;
  }
  if (inet_pton(AF_INET, address.c_str(), range.bytes.data()) == 1) {
    range.family = AF_INET;
    range.prefix = prefix.value_or(32);
    if (range.prefix > 32) return std::nullopt;
  } else if (inet_pton(AF_INET6, address.c_str(), range.bytes.data()) == 1) {
    range.family = AF_INET6;
    range.prefix = prefix.value_or(128);
    if (range.prefix > 128) return std::nullopt;
  } else {
    return std::nullopt;
  }
  return range;
}

bool IpInRange(const IpRange& address, const IpRange& range) {
  if (address.family != range.family) return false;
  for (int bit = 0; bit < range.prefix; ++bit) {
    const int mask = 0x80 >> (bit % 8);
    if ((address.bytes[bit / 8] & mask) != (range.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

// IAM: ArnEquals and ArnLike both compare each of the six colon-separated
// fields separately, each may hold `*` and `?`. A condition value that is not
// ARN-shaped (e.g. a bare "*") is matched as a whole glob: an approximation
// that can only make a statement match more, never less.
bool ArnMatches(const Pattern& pattern, std::string_view value) {
  const auto pattern_fields = SplitArnFields(pattern.text);
  if (!pattern_fields) return MatchPattern(pattern, value, false);
  const auto value_fields = SplitArnFields(value);
  if (!value_fields) return false;
  for (size_t i = 0; i < 6; ++i) {
    // A field of the pattern with its own slice of the literal mask (fields view pattern.text).
    const std::string_view field = (*pattern_fields)[i];
    const auto pos = field.data() - pattern.text.data();
    Pattern part;
    part.text = field;
    part.literal.assign(pattern.literal.begin() + pos,
                        pattern.literal.begin() + pos + static_cast<std::ptrdiff_t>(field.size()));
    if (!MatchPattern(part, (*value_fields)[i], false)) return false;
  }
  return true;
}

// Policy variables are honoured in string and ARN condition values (IAM:
// "You can use policy variables in the Resource element and in string
// comparisons in the Condition element").
bool FamilyTakesVariables(OperatorFamily family) {
  return family == OperatorFamily::kString || family == OperatorFamily::kArn;
}

// Does one request value match one condition value (before negation)?
bool StringMatches(const ConditionOperator& info, const Pattern& pattern, std::string_view request_value) {
  if (info.globs) return MatchPattern(pattern, request_value, info.case_insensitive);
  if (info.case_insensitive) return EqualsIgnoreCaseAscii(pattern.text, request_value);
  return pattern.text == request_value;
}

bool ValueMatches(const ConditionOperator& info, std::string_view condition_value, bool variables,
                  std::string_view request_value, const Request& request) {
  Pattern pattern = PlainPattern(condition_value);
  if (variables && FamilyTakesVariables(info.family)) {
    std::optional<Pattern> substituted = SubstitutePattern(condition_value, request);
    if (!substituted) return false;  // unresolvable variable: the value matches nothing
    pattern = std::move(*substituted);
  }
  switch (info.family) {
    case OperatorFamily::kString:
      return StringMatches(info, pattern, request_value);
    case OperatorFamily::kArn:
      return ArnMatches(pattern, request_value);
    case OperatorFamily::kNumeric: {
      const auto a = ParseNumber(request_value);
      const auto b = ParseNumber(condition_value);
      return a && b && CompareNumbers(*a, *b, info.comparison);
    }
    case OperatorFamily::kDate: {
      const auto a = ParseDate(request_value);
      const auto b = ParseDate(condition_value);
      return a && b && CompareNumbers(*a, *b, info.comparison);
    }
    case OperatorFamily::kBool: {
      const bool valid = EqualsIgnoreCaseAscii(condition_value, "true") || EqualsIgnoreCaseAscii(condition_value, "false");
      return valid && EqualsIgnoreCaseAscii(condition_value, request_value);
    }
    case OperatorFamily::kBinary: {
      const auto a = DecodeBase64(request_value);
      const auto b = DecodeBase64(condition_value);
      return a && b && *a == *b;
    }
    case OperatorFamily::kIp: {
      const auto address = ParseIp(request_value);
      const auto range = ParseIp(condition_value);
      return address && range && IpInRange(*address, *range);
    }
    case OperatorFamily::kNull:
      return false;  // handled before values are compared
  }
  return false;
}

// "Positive" reading for one request value: it matches some condition value
// (OR across a key's values). Negated operators hold for a value that matches
// none of them.
bool RequestValueSatisfies(const ConditionOperator& info, const Condition& condition, std::string_view request_value,
                           const Request& request) {
  bool any = false;
  for (const PolicyString& value : condition.values) {
    if (ValueMatches(info, value.text, condition.variables, request_value, request)) {
      any = true;
      break;
    }
  }
  return info.negated ? !any : any;
}

// IAM Null: "true" holds when the key is absent, "false" when it is present.
bool NullHolds(const Condition& condition, bool present) {
  for (const PolicyString& value : condition.values) {
    if (EqualsIgnoreCaseAscii(value.text, "true") && !present) return true;
    if (EqualsIgnoreCaseAscii(value.text, "false") && present) return true;
  }
  return false;
}

}  // namespace

bool IsKnownConditionOperator(std::string_view op_text) {
  SetPrefix set = SetPrefix::kNone;
  std::string op;
  bool if_exists = false;
  ParseConditionOperator(op_text, &set, &op, &if_exists);
  const ConditionOperator* info = FindOperator(op);
  if (info == nullptr) return false;
  // IAM rejects NullIfExists and set prefixes on Null.
  return info->family != OperatorFamily::kNull || (!if_exists && set == SetPrefix::kNone);
}

bool GlobMatch(std::string_view pattern, std::string_view text, bool case_insensitive) {
  return MatchPattern(PlainPattern(pattern), text, case_insensitive);
}

std::optional<std::string> SubstituteVariables(std::string_view text, const Request& request) {
  std::optional<Pattern> pattern = SubstitutePattern(text, request);
  if (!pattern) return std::nullopt;
  return std::move(pattern->text);
}

bool ConditionHolds(const Condition& condition, const Request& request) {
  const ConditionOperator* info = FindOperator(condition.op);
  if (info == nullptr) return false;  // unknown operator: conservatively never holds
  const std::string key = condition.key_lower.empty() ? LowerAscii(condition.key) : condition.key_lower;
  const auto it = request.context.find(key);
  const bool present = it != request.context.end() && !it->second.empty();
  if (info->family == OperatorFamily::kNull) return NullHolds(condition, present);
  const bool negated = info->negated;
  if (!present) {
    // IAM: "...IfExists" is true when the key is absent; ForAllValues is true
    // for an absent or empty key, ForAnyValue false; a plain operator on an
    // absent key is false, except the negated ones, which hold (nothing in the
    // request equals the forbidden value).
    if (condition.if_exists) return true;
    if (condition.set == SetPrefix::kForAllValues) return true;
    if (condition.set == SetPrefix::kForAnyValue) return false;
    return negated;
  }
  const std::vector<std::string>& values = it->second;
  const auto satisfies = [&](const std::string& v) { return RequestValueSatisfies(*info, condition, v, request); };
  // ForAllValues: every request value satisfies. ForAnyValue: at least one.
  // No prefix on a multivalued key: positive operators need some request value
  // to match; negated ones need no request value to match any condition value.
  const bool all = std::all_of(values.begin(), values.end(), satisfies);
  const bool any = std::any_of(values.begin(), values.end(), satisfies);
  switch (condition.set) {
    case SetPrefix::kForAllValues:
      return all;
    case SetPrefix::kForAnyValue:
      return any;
    case SetPrefix::kNone:
      return negated ? all : any;
  }
  return false;
}

namespace {

// One Principal entry against the request. IAM: `"*"` and `{"AWS": "*"}` match
// everyone; service and federated principals compare case-insensitively and
// take no wildcards except a whole "*".
bool PrincipalMatches(const Principal& principal, const Request& request) {
  if (principal.type == "*") return true;
  const std::string& value = principal.value.text;
  if (principal.type == "AWS" && value == "*") return true;
  if (!EqualsIgnoreCaseAscii(principal.type, request.principal_type)) return false;
  if (value == "*") return true;
  if (principal.type == "Federated" || principal.type == "Service") return EqualsIgnoreCaseAscii(value, request.principal);
  return value == request.principal;
}

bool PrincipalApplies(const Statement& statement, const Request& request) {
  if (!statement.has_principal || request.principal_type.empty()) return true;
  const bool any = std::any_of(statement.principals.begin(), statement.principals.end(),
                               [&](const Principal& p) { return PrincipalMatches(p, request); });
  return statement.not_principal ? !any : any;
}

bool ActionApplies(const Statement& statement, const Request& request) {
  // Actions are case-insensitive and take no policy variables.
  const bool any = std::any_of(statement.actions.begin(), statement.actions.end(),
                               [&](const PolicyString& a) { return GlobMatch(a.text, request.action, true); });
  return statement.not_action ? !any : any;
}

bool ResourceApplies(const Statement& statement, const Request& request) {
  // A statement without Resource is a resource-based policy (a trust policy),
  // which implicitly covers the resource it is attached to.
  if (!statement.has_resource) return true;
  const bool any = std::any_of(statement.resources.begin(), statement.resources.end(), [&](const PolicyString& r) {
    const std::optional<Pattern> pattern =
        statement.variables ? SubstitutePattern(r.text, request) : std::optional<Pattern>(PlainPattern(r.text));
    return pattern && MatchPattern(*pattern, request.resource, false);
  });
  return statement.not_resource ? !any : any;
}

}  // namespace

bool StatementApplies(const Statement& statement, const Request& request) {
  if (!PrincipalApplies(statement, request) || !ActionApplies(statement, request) ||
      !ResourceApplies(statement, request)) {
    return false;
  }
  // AND across operators and keys (OR across a key's values is inside).
  return std::all_of(statement.conditions.begin(), statement.conditions.end(),
                     [&](const Condition& c) { return ConditionHolds(c, request); });
}

Decision Evaluate(const std::vector<const PolicyDocument*>& documents, const Request& request) {
  // IAM evaluation logic: an explicit Deny anywhere wins; otherwise any Allow
  // allows; otherwise the request is implicitly denied.
  Decision decision;
  for (const PolicyDocument* document : documents) {
    if (document == nullptr) continue;
    for (const Statement& statement : document->statements) {
      if (!StatementApplies(statement, request)) continue;
      if (!statement.allow) return Decision{Effect::kExplicitDeny, &statement};
      if (decision.effect != Effect::kAllow) decision = Decision{Effect::kAllow, &statement};
    }
  }
  return decision;
}

}  // namespace trustlint
