// Trust questions in canonical form, and the cache of their answers.
//
// An answer depends on the trust's statements, the query and the shapes of the
// constants they mention, not on what the constants or the condition paths are
// called: a thousand templates that each trust their own `!Ref Pool` ask one
// question. The canonical form renames each sentinel by first occurrence
// ("⟨pool:#0⟩"), each condition path likewise (it only tells clauses apart), and
// each reason text (what a "possible" answer names) by a placeholder; its answer is
// renamed back for each caller. A question whose renaming could change the answer
// (see CanonicalizeTrustQuestion) is not canonicalised, and goes to the solver as is.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "policy/policy.h"
#include "policy/symbolic.h"

namespace trustlint {

struct CanonicalTrustQuestion {
  std::string key;  // everything the answer depends on, serialised
  PolicyDocument trust;
  TokenQuery query;
  std::map<std::string, ConstantShape> shapes;     // by canonical sentinel
  std::map<std::string, std::string> sentinels;    // canonical -> the caller's
  std::map<std::string, std::string> reasons;      // placeholder -> the caller's text
};

// nullopt when renaming could change the answer: a reason that contains "; " or
// holds another (the solver joins reasons and drops one already contained), an
// over-long value with a constant (its reason counts bytes), a clause text with "|"
// (the solver's atom identities join texts with it), an unnamed unknown.
std::optional<CanonicalTrustQuestion> CanonicalizeTrustQuestion(const PolicyDocument& trust, const TokenQuery& query,
                                                                const std::map<std::string, ConstantShape>& shapes);

// An answer to a canonical question, its witness's statement kept by index.
struct CachedTrustAnswer {
  TrustAnswer answer;  // witness->allowed_by is null
  std::optional<int> allowed_index;
};

CachedTrustAnswer Detach(TrustAnswer answer);

// The cached answer in the caller's names, pointing at the caller's statement.
TrustAnswer Restore(const CachedTrustAnswer& cached, const CanonicalTrustQuestion& question,
                    const PolicyDocument& trust);

// Answers by canonical key, bounded: when full it starts over (answers stay right,
// only more questions go to the solver).
class TrustCache {
 public:
  const CachedTrustAnswer* Find(const std::string& key) const;
  const CachedTrustAnswer& Store(const std::string& key, CachedTrustAnswer answer);
  size_t size() const { return entries_.size(); }

 private:
  static constexpr size_t kMaxEntries = 100'000;
  std::unordered_map<std::string, CachedTrustAnswer> entries_;
};

}  // namespace trustlint
