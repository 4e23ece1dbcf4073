// The symbolic engine (Z3): questions over every token a pool could issue.
//
// "Is there a token from pool P with amr containing `unauthenticated` that this
// trust policy admits?" A yes comes with a witness; the witness is re-checked by
// the concrete evaluator (evaluator.h) before it is returned. A no is a proof.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"

namespace trustlint {

// Which tokens to consider.
struct TokenQuery {
  enum class Amr {
    kGuest,     // amr is exactly ["unauthenticated"]
    kSignedIn,  // amr holds "authenticated" plus provider entries (free strings)
    kAny,       // either
  };
  Amr amr = Amr::kAny;
  // aud: fixed to this rendered pool ID, or free when nullopt.
  std::optional<std::string> aud;
  // When aud is free: it must differ from each of these (e.g. the scan's pool IDs).
  std::vector<std::string> aud_excluded;
  // Only "does some reading of the unknowns admit a token?" (no proven/possible
  // split): for classifying roles, where either answer makes it an identity-pool role.
  bool some_reading = false;
};

// What is known of one constant the scan cannot see (SPEC 4), keyed in
// TrustSolver::SetShapes by its sentinel (RenderForMatching of the symbol).
// Sentinels without an entry get the shape their kind implies.
struct ConstantShape {
  enum class Kind { kAny, kPoolId, kAccountId, kRegion };
  Kind kind = Kind::kAny;
  std::string region;         // kPoolId: the pool's region, when known
  bool scan_pool = false;     // the ID of a pool of the scan: differs from every other such ID
  std::vector<std::string> allowed_values;  // empty: any
  std::string allowed_pattern;              // regular expression of the whole value; "" none
  std::optional<size_t> min_length;
  std::optional<size_t> max_length;
  std::string reason;  // the input that decides it ("parameter PoolId has no default")
};

// The shape a constant has in a question: its entry in `shapes`, else what its kind
// implies, with the reason that names the input (never empty but for an unnamed unknown).
ConstantShape EffectiveShape(const std::string& sentinel, const std::map<std::string, ConstantShape>& shapes);

// Longer condition values are not handed to Z3, whose string theory recurses per
// character (a 30,000-byte literal overflows its stack).
inline constexpr size_t kMaxModelledLiteralBytes = 1024;

struct Witness {
  std::string aud;
  std::string sub;
  std::vector<std::string> amr;
  // Other context keys the admitting statement's conditions needed (lower-cased key).
  std::map<std::string, std::vector<std::string>> context;
  const Statement* allowed_by = nullptr;  // the statement that admits it
};

struct TrustAnswer {
  bool admitted = false;
  std::optional<Witness> witness;  // set when admitted
  // The answer rests on a value the front end could not resolve (a condition value,
  // or an undecided Fn::If statement); `unknown_reason` names it.
  bool depends_on_unknown = false;
  std::string unknown_reason;
};

class TrustCache;

// Owns the Z3 context and a cache of answers by the canonical form of the question
// (trust_cache.h). One per scan or per worker thread; not thread-safe.
class TrustCache;

// Answers shared by the solvers of many analyses on any thread (the templates a
// check takes on their own): a question none of them asked before is solved in a
// Z3 context of its own, so that an answer depends on the question alone, not on
// which analysis, on which thread, asked it first.
class SharedTrustAnswers {
 public:
  SharedTrustAnswers();
  ~SharedTrustAnswers();
  SharedTrustAnswers(const SharedTrustAnswers&) = delete;
  SharedTrustAnswers& operator=(const SharedTrustAnswers&) = delete;

 private:
  friend class TrustSolver;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class TrustSolver {
 public:
  TrustSolver();
  ~TrustSolver();
  TrustSolver(const TrustSolver&) = delete;
  TrustSolver& operator=(const TrustSolver&) = delete;

  // Can a token matching `query` call sts:AssumeRoleWithWebIdentity as federated
  // principal cognito-identity.amazonaws.com under this trust policy?
  //
  // Every symbol in the trust or the query is one constant, the same at every use.
  // `admitted` without `depends_on_unknown` holds for every admissible value of the
  // constants (proven); with it, for some values and not for others (possible).
  TrustAnswer CanAssume(const PolicyDocument& trust, const TokenQuery& query);

  // The shapes of the scan's constants; set once, before the first question.
  void SetShapes(std::map<std::string, ConstantShape> shapes);
  // Canonical questions go to `shared` (which outlives the solver) instead of this
  // solver's own cache.
  void ShareAnswers(SharedTrustAnswers* shared) { shared_ = shared; }
  const std::map<std::string, ConstantShape>& Shapes() const { return shapes_; }

  // How many questions went to Z3 (not answered from the cache): for tests.
  long SolverCalls() const { return queries_; }
  // How many questions the fast path settled without Z3 (trust_fast_path.h).
  long FastAnswers() const { return fast_answers_; }
  // Off: every question goes to Z3 as asked (tests compare both ways).
  void SetCaching(bool on) { caching_ = on; }
  void SetFastPath(bool on) { fast_path_ = on; }

 private:
  TrustAnswer Solve(const PolicyDocument& trust, const TokenQuery& query,
                    const std::map<std::string, ConstantShape>& shapes);

  static constexpr long kQueriesPerContext = 512;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<TrustCache> cache_;
  SharedTrustAnswers* shared_ = nullptr;
  long queries_ = 0;
  long fast_answers_ = 0;
  bool caching_ = true;
  bool fast_path_ = true;
  std::map<std::string, ConstantShape> shapes_;
};

}  // namespace trustlint
