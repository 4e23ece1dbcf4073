// Byte-exact strings and IAM globs in Z3's string theory.
//
// Z3 4.8.12 mangles non-ASCII bytes handed to Z3_mk_string (they come back
// sign-extended), and it reads `\u{..}` inside a literal as an escape. So every
// byte of our UTF-8 text becomes one Z3 character with code 0..255, spelled as
// an escape unless it is printable ASCII. The solver's variables are kept in
// that byte range (ByteRange), so a model's string decodes back byte for byte:
// a sentinel such as "⟨pool:x.yaml#Pool⟩" is just a run of bytes to the solver.
// Wildcards consume whole UTF-8 code points, as the concrete evaluator's do.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <z3++.h>

namespace trustlint {

// The Z3 string literal whose characters are exactly these bytes.
z3::expr ByteString(z3::context& ctx, std::string_view bytes);

// Regex of one character in the byte range 0..255.
z3::expr AnyByte(z3::context& ctx);

// Regex of what an IAM `?` consumes in the concrete evaluator: one UTF-8 code
// point, judged by its lead byte alone (a stray continuation byte is one unit).
// A code point cut short by the end of the text is not modelled.
z3::expr AnyCodePoint(z3::context& ctx);

// Constraint: every character of `s` is a byte (keeps models decodable).
z3::expr InByteRange(const z3::expr& s);

// Regex of the literal bytes, ASCII letters matching either case.
z3::expr CaseFoldedRegex(z3::context& ctx, std::string_view bytes);

// One unit of an IAM pattern after policy-variable escapes are resolved.
struct PatternChar {
  enum class Kind { kByte, kStar, kQuestion };
  Kind kind = Kind::kByte;
  char byte = 0;
};

// Splits a condition value into bytes and wildcards. `${*}`, `${?}` and `${$}`
// are the literal characters; `*` and `?` are wildcards only when `glob`.
// Returns nullopt when the text holds any other policy variable `${...}`.
// Without `variables` (a policy with no Version 2012-10-17) `${...}` is plain text.
std::optional<std::vector<PatternChar>> ParsePattern(std::string_view text, bool glob, bool variables = true);

// The literal bytes of a pattern without wildcards.
std::string PatternBytes(const std::vector<PatternChar>& pattern);

// Regex of an IAM glob pattern: `*` any run of code points, `?` one code point.
z3::expr GlobRegex(z3::context& ctx, const std::vector<PatternChar>& pattern);

// `s` matches the glob. Star-only patterns become prefix/suffix/indexof
// constraints, which Z3's sequence solver decides far faster than regex
// membership; patterns with `?` use GlobRegex.
z3::expr GlobMatches(const z3::expr& s, const std::vector<PatternChar>& pattern);

// Regex of a regular expression as CloudFormation's AllowedPattern and Terraform's
// regex() write them (a whole-value match); nullopt when it uses what the reader
// does not model (back-references, look-around), so the caller can leave the
// value unconstrained rather than guess.
std::optional<z3::expr> RegexFromPattern(z3::context& ctx, std::string_view pattern);

// `re` repeated lo..hi times.
z3::expr RepeatRegex(const z3::expr& re, unsigned lo, unsigned hi);

// Decodes a string value from a model; nullopt if it holds a character that is
// not a byte or does not round-trip (then the caller cannot trust the model).
std::optional<std::string> ModelBytes(const z3::expr& value);

}  // namespace trustlint
