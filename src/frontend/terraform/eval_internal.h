// Shared by the evaluator's files (expressions, references and module instances,
// functions, providers): not part of the front end's interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/terraform/evaluator.h"

namespace trustlint::terraform {

struct Evaluator::Step {
  enum class Kind { kAttr, kIndex, kSplat };
  Kind kind = Kind::kAttr;
  std::string name;  // kAttr
  Value index;       // kIndex
};

class Evaluator::DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  bool TooDeep() const { return depth_ > kMaxEvalDepth; }

 private:
  int& depth_;
};

inline constexpr size_t kMaxAlternatives = 16;
inline constexpr size_t kMaxIterations = 10000;
inline constexpr int kMaxCount = 1000;
inline constexpr std::uintmax_t kMaxReadBytes = 8u << 20;

// The memory a string's parts take: each part and the text it holds.
std::uint64_t StringBytes(const std::vector<StringPart>& parts);
// How deep `v` is nested (1 for a scalar), counted no further than `limit` + 1.
int ValueDepth(const Value& v, int limit);

// `v`, located at `loc` unless it knows where it came from.
Value At(Value v, const Location& loc);
// `s` as an HCL/JSON string literal.
std::string Quote(const std::string& s);
// The address suffix of an instance key: [0] or ["k"].
std::string Suffix(const Value& key, bool is_count);
// True when a block has `count` or `for_each`.
bool HasRepetition(const Block& block);
// A literal non-negative integer of at most nine digits.
std::optional<long> AsInteger(const Value& v);
// A list without repeated items (by their dump), first occurrences kept.
Value Distinct(const Value& v);
// `providers = { aws = aws.west, "aws.east" = aws }`: child name -> caller name.
std::vector<std::pair<std::string, std::string>> ProviderMap(const NodeRef& providers);

}  // namespace trustlint::terraform
