// The permission engine against brute force: random small permission policies,
// every answer of the engine (allowed somewhere per action, contained, witness)
// compared with the concrete evaluator over a finite universe of requests.
//
// The universe is every resource over {a, b, c} up to kMaxLength characters, every
// action of kActions, and every value of the one free context key. Patterns are at
// most two characters plus the identity ID ("ab"), so a separating request, when
// one exists, has one in the universe, except for texts the universe cannot hold
// (a literal `${…}` without Version); a witness outside the universe is accepted
// only when the concrete evaluator confirms it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "policy/containment.h"
#include "policy/permissions.h"

#include "../differential.h"

using namespace trustlint;

namespace {

constexpr std::size_t kMaxLength = 4;
const std::vector<std::string> kActions = {"s3:GetObject", "s3:PutObject", "dynamodb:GetItem"};
const std::vector<std::string> kActionPatterns = {"s3:GetObject", "s3:Get*", "s3:*", "*", "dynamodb:*", "s3:?utObject"};
const std::vector<std::string> kResourceBits = {"a", "b", "*", "?", "${cognito-identity.amazonaws.com:sub}"};
constexpr char kSub[] = "ab";
constexpr char kPool[] = "us-east-1:pool";
constexpr char kFreeKey[] = "aws:username";

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string Document() {
    std::string out = Pick(2) ? R"({"Version": "2012-10-17", "Statement": [)" : R"({"Statement": [)";
    const int statements = 1 + Pick(3);
    for (int i = 0; i < statements; ++i) out += (i ? "," : "") + Statement(i == 0);
    return out + "]}";
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string List(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
    return out + "]";
  }

  std::string Resource() {
    std::string out = "arn:";
    const int parts = Pick(3);
    for (int i = 0; i < parts; ++i) out += kResourceBits[Pick(static_cast<int>(kResourceBits.size()))];
    return out;
  }

  std::string Condition() {
    switch (Pick(6)) {
      case 0: return R"("StringEquals": {"cognito-identity.amazonaws.com:amr": "unauthenticated"})";
      case 1: return R"("ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "auth*"})";
      case 2: return R"("StringLike": {"cognito-identity.amazonaws.com:sub": "a*"})";
      case 3: return R"("StringNotEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:other"})";
      case 4: return R"("StringEquals": {"aws:username": "u1"})";
      default: return R"("StringNotLike": {"aws:username": "u*"})";
    }
  }

  std::string Statement(bool first) {
    const bool allow = first || Pick(3) != 0;
    std::vector<std::string> actions;
    const int n_actions = 1 + Pick(2);
    for (int i = 0; i < n_actions; ++i) actions.push_back(kActionPatterns[Pick(static_cast<int>(kActionPatterns.size()))]);
    std::vector<std::string> resources;
    const int n_resources = 1 + Pick(2);
    for (int i = 0; i < n_resources; ++i) resources.push_back(Pick(5) == 0 ? "*" : Resource());
    std::string out = std::string(R"({"Effect": ")") + (allow ? "Allow" : "Deny") + "\", ";
    out += std::string(Pick(4) == 0 ? "\"NotAction\": " : "\"Action\": ") + List(actions) + ", ";
    out += std::string(Pick(4) == 0 ? "\"NotResource\": " : "\"Resource\": ") + List(resources);
    if (Pick(3) == 0) out += ", \"Condition\": {" + Condition() + "}";
    return out + "}";
  }

  std::mt19937 rng_;
};

std::vector<std::string> Resources() {
  std::vector<std::string> out = {""};
  std::vector<std::string> layer = {""};
  for (std::size_t len = 1; len <= kMaxLength; ++len) {
    std::vector<std::string> next;
    for (const std::string& s : layer) {
      for (char c : std::string("abc")) next.push_back(s + c);
    }
    out.insert(out.end(), next.begin(), next.end());
    layer = std::move(next);
  }
  for (std::string& s : out) s = "arn:" + s;
  return out;
}

const std::vector<std::map<std::string, std::vector<std::string>>>& Contexts() {
  static const std::vector<std::map<std::string, std::vector<std::string>>> contexts = {
      {}, {{kFreeKey, {"u1"}}}, {{kFreeKey, {"u2"}}}, {{kFreeKey, {"x"}}}};
  return contexts;
}

PermissionSide Side(const PolicyDocument& doc, bool guest) {
  PermissionSide side;
  side.layers.push_back({&doc});
  side.identity = IdentityRequest(kSub, kPool, guest);
  side.decided_keys = {std::string(kAmrKey), std::string(kAudKey), std::string(kSubKey)};
  return side;
}

bool Separates(const PermissionSide& a, const PermissionSide& b, const std::string& action, const std::string& resource,
               const std::map<std::string, std::vector<std::string>>& context) {
  return SideAllows(a, action, resource, context) && !SideAllows(b, action, resource, context);
}

// The universe's answer for one action: a separating resource, or "" when none.
std::optional<std::string> UniverseExcess(const PermissionSide& a, const PermissionSide& b, const std::string& action) {
  static const std::vector<std::string> resources = Resources();
  for (const std::string& r : resources) {
    for (const auto& context : Contexts()) {
      if (Separates(a, b, action, r, context)) return r;
    }
  }
  return std::nullopt;
}

std::vector<const ActionInfo*> ActionInfos() {
  std::vector<const ActionInfo*> out;
  for (const std::string& a : kActions) {
    const std::size_t colon = a.find(':');
    out.push_back(ActionCatalogue::Get().Find(a.substr(0, colon), a.substr(colon + 1)));
  }
  return out;
}

struct Tally {
  int cases = 0;
  int excess = 0;
  int unsettled = 0;
  int outside_universe = 0;
};

// Compares one (A, B) question per action; returns false on a disagreement.
void CheckPair(PermissionSolver& solver, const PermissionSide& a, const PermissionSide& b, Tally& tally) {
  const ExcessAnswer answer = solver.Excess(a, b, ActionInfos());
  for (const ActionInfo* info : ActionInfos()) {
    const std::string action = info->FullName();
    INFO("action ", action);
    const std::optional<std::string> universe = UniverseExcess(a, b, action);
    const ExcessClass* found = nullptr;
    for (const ExcessClass& c : answer.excess) {
      if (std::find(c.actions.begin(), c.actions.end(), info) != c.actions.end()) found = &c;
    }
    const bool unsettled = std::find(answer.unsettled.begin(), answer.unsettled.end(), info) != answer.unsettled.end();
    if (unsettled) {
      ++tally.unsettled;
      continue;
    }
    if (found) {
      ++tally.excess;
      // The witness is for the class's first action; every action of the class is alike.
      INFO("witness ", found->resource);
      CHECK(Separates(a, b, action, found->resource, found->context));
      if (!universe) {
        // Only a witness the universe cannot hold: longer, or with a byte outside {a, b, c}.
        const std::string& w = found->resource;
        const std::string tail = w.rfind("arn:", 0) == 0 ? w.substr(4) : "";
        CHECK((w.rfind("arn:", 0) != 0 || tail.size() > kMaxLength || tail.find_first_not_of("abc") != std::string::npos));
        ++tally.outside_universe;
      }
    } else {
      INFO("universe separates at ", universe.value_or(""));
      CHECK_FALSE(universe.has_value());  // "contained" must be a proof
    }
  }
}

}  // namespace

TEST_CASE("containment differential: the engine agrees with exhaustive concrete evaluation") {
  const auto seed = static_cast<unsigned>(difftest::Seed(20260511u));
  const auto cases = static_cast<int>(difftest::Cases(500, 20));  // 500 pairs: about 10 s in release
  Generator gen(seed);
  PermissionSolver solver;
  Tally tally;
  for (int i = 0; i < cases; ++i) {
    const PolicyDocument doc_a = ParsePolicyDocument(Value::String(gen.Document()), "A");
    const PolicyDocument doc_b = ParsePolicyDocument(Value::String(gen.Document()), "B");
    INFO("seed ", seed, " (TRUSTLINT_DIFF_SEED), case ", i);
    CAPTURE(doc_a.statements.size());
    const bool a_guest = i % 2 == 0;
    const PermissionSide a = Side(doc_a, a_guest);
    const PermissionSide b = Side(doc_b, i % 3 == 0 ? a_guest : !a_guest);
    // Allowed somewhere: A against a side that allows nothing.
    PermissionSide never;
    never.layers.push_back({});
    never.identity = a.identity;
    CheckPair(solver, a, never, tally);
    // Contained: A against B, and A against A with B as an extra layer (A ∩ B ⊆ A).
    CheckPair(solver, a, b, tally);
    PermissionSide both = a;
    both.layers.push_back({&doc_b});
    CheckPair(solver, both, a, tally);
    ++tally.cases;
  }
  MESSAGE("cases ", tally.cases, ", excess answers ", tally.excess, ", unsettled ", tally.unsettled,
          ", witnesses outside the universe ", tally.outside_universe);
  // The free key's candidates (absent and the policies' own values) settle every case here.
  CHECK(tally.unsettled * 50 <= tally.cases);
  CHECK(tally.excess > tally.cases / 4);  // the generator is not degenerate
}
