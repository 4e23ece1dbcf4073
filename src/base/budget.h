// What reading one unit of a scan may cost before trustlint stops reading it.
//
// A unit is one CloudFormation template, one Terraform root module together with every
// module it calls, or one Terraform plan. Each resource below has one counter for the
// whole unit: never a cap per construct, because per-construct caps multiply across
// nesting levels (a module with count = 1000 calling one whose resource has count =
// 1000 is 10^6 instances although each count is "only" 1000). When a counter runs out
// the evaluation throws BudgetExhausted; the unit's loader catches it, reports TL001 at
// the place it ran out, naming the budget, and the scan goes on with the next unit.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "base/location.h"

namespace trustlint {

struct BudgetLimits {
  std::uint64_t instances = 10'000;  // Terraform resource, data and module instances
  std::uint64_t values = 500'000;    // values built while evaluating (~430 B each when kept)
  std::uint64_t bytes = 64u << 20;   // bytes made by alias expansion and string building
  // Parsing one file: this much CPU time, and this much more per MiB of it (tree-sitter
  // parses HCL at about 1.5 MB/s, so an 8 MiB file, the largest read, gets 14 s; a
  // small file whose error recovery explodes is stopped after a few seconds).
  std::chrono::milliseconds parse_time{2000};
  std::chrono::milliseconds parse_time_per_mib{1500};

  std::chrono::milliseconds ParseTimeFor(std::size_t bytes) const {
    return parse_time +
           std::chrono::milliseconds(parse_time_per_mib.count() * static_cast<long long>(bytes >> 10) / 1024);
  }
};

class BudgetExhausted : public std::runtime_error {
 public:
  BudgetExhausted(std::string budget, const std::string& message, Location where)
      : std::runtime_error(message), budget_(std::move(budget)), where_(where) {}
  const std::string& budget() const { return budget_; }  // "instances", "values", "bytes", "parse-time"
  const Location& where() const { return where_; }       // may be empty when not known

 private:
  std::string budget_;
  Location where_;
};

class Budget {
 public:
  explicit Budget(BudgetLimits limits = {}) : limits_(limits) {}

  const BudgetLimits& limits() const { return limits_; }

  // Each Spend* adds to the unit's counter and throws BudgetExhausted once it passes
  // the limit; `where` is the construct being built (shown with the TL001).
  void SpendInstances(std::uint64_t n, const Location& where) {
    Spend(instances_, n, limits_.instances, "instances", "Terraform instances", where);
  }
  void SpendValues(std::uint64_t n, const Location& where) {
    Spend(values_, n, limits_.values, "values", "values built", where);
  }
  void SpendBytes(std::uint64_t n, const Location& where) {
    Spend(bytes_, n, limits_.bytes, "bytes", "bytes of expanded aliases and built strings", where);
  }

 private:
  void Spend(std::uint64_t& used, std::uint64_t n, std::uint64_t limit, const char* budget, const char* what,
             const Location& where) {
    used += n;
    if (used <= limit) return;
    throw BudgetExhausted(
        budget,
        std::string("scan budget \"") + budget + "\" exhausted: more than " + std::to_string(limit) + " " + what,
        where);
  }

  BudgetLimits limits_;
  std::uint64_t instances_ = 0;
  std::uint64_t values_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace trustlint
