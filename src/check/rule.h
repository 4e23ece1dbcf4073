// The rule interface. A rule is one .cpp in src/rules/ with its metadata and its
// check, exposing one factory listed in src/rules/registry.cpp.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/severity.h"
#include "check/finding.h"

namespace trustlint {

class AnalysisContext;
class Graph;

// The AWS documentation pages that the seeds (SPEC: seeds/) are copies of.
enum class SeedPage {
  kIamRoles,    // seeds/000_…: "IAM roles - Amazon Cognito"
  kCognitoIam,  // seeds/001_…: "Identity and Access Management in Amazon Cognito User Pools"
};

// Examples are not part of RuleInfo: a rule page shows the rule's own fixtures
// (report/page_examples.h), which tests/fixtures_test.cpp runs.
struct RuleInfo {
  std::string id;        // "TL104" — never changes meaning
  std::string name;      // "auth-role-guest-assumable"
  Severity severity;     // default severity (a rule may raise/lower per finding as SPEC says)
  std::string summary;   // one line: when it fires
  std::string explanation;  // why it matters (markdown)
  std::string fix;          // how to fix (markdown)
  std::string seed;         // the seed passage it rests on, quoted
  // The pages `seed` quotes; empty when it quotes the trustlint specification instead.
  std::vector<SeedPage> seed_pages;
};

// What a rule that judges the other rules' findings sees (TL003), once every
// rule's Check has run.
struct FindingsReview {
  const Graph& graph;
  const std::vector<Finding>& findings;  // every enabled rule's, before suppressions
  std::set<std::string> ran;             // IDs of the rules that ran (enabled, in the set)
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& Info() const = 0;
  // Appends findings; rule, name and severity are pre-filled by NewFinding.
  virtual void Check(AnalysisContext& ctx, std::vector<Finding>& out) const = 0;
  // Runs after every rule's Check, on what they found; most rules find nothing
  // here. Its findings are never suppressed (they judge the suppressions).
  virtual void Review(const FindingsReview& review, std::vector<Finding>& out) const {
    (void)review;
    (void)out;
  }

 protected:
  Finding NewFinding() const {
    Finding f;
    f.rule = Info().id;
    f.name = Info().name;
    f.severity = Info().severity;
    return f;
  }
};

}  // namespace trustlint
