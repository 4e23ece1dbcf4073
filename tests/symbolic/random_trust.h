// A seeded generator of small random Cognito trust policies, for the differential
// test of the symbolic engine against the concrete evaluator
// (trust_differential_test.cpp).
//
// The policies use the operators, keys, globs and policy variables of the seed
// trust policies (StringEquals on `:aud`, ForAnyValue:StringLike on `:amr`, ...)
// over a small alphabet, so that a finite set of tokens (TokenUniverse in the
// test) can be complete for them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace trustlint::difftest {

inline constexpr const char* kPool1 = "us-east-1:11111111-1111-1111-1111-111111111111";
inline constexpr const char* kPool2 = "eu-west-1:22222222-2222-2222-2222-222222222222";
inline constexpr const char* kAudKey = "cognito-identity.amazonaws.com:aud";
inline constexpr const char* kAmrKey = "cognito-identity.amazonaws.com:amr";
inline constexpr const char* kSubKey = "cognito-identity.amazonaws.com:sub";
// A key no Cognito token carries: the solver may choose it present or absent.
inline constexpr const char* kOtherKey = "aws:principaltag/team";

// Reproducible across standard libraries: std::mt19937_64's sequence is fixed by
// the standard, the distributions are not, so only modulo arithmetic on it is used.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  size_t Below(size_t n) { return static_cast<size_t>(engine_() % n); }
  bool Chance(unsigned percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// Condition values that belong to one key (and, drawn now and then, to any key).
inline const std::vector<std::string>& AudValues() {
  static const std::vector<std::string> values = {kPool1, kPool2, "us-east-1:*", "*", "?s-east-1:*"};
  return values;
}
inline const std::vector<std::string>& AmrValues() {
  static const std::vector<std::string> values = {
      "authenticated",      "unauthenticated",
      "graph.facebook.com", "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc",
      "*facebook*",         "*",
      "Authenticated"};
  return values;
}
inline const std::vector<std::string>& SubValues() {
  static const std::vector<std::string> values = {"us-east-1:aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa", "us-east-1:*",
                                                  "eu-west-1:*", "*"};
  return values;
}
inline const std::vector<std::string>& OtherValues() {
  static const std::vector<std::string> values = {"red", "r*", "blue"};
  return values;
}
// Whole-value policy variables; ${amr} is multivalued for signed-in tokens, so it
// resolves only for a one-entry amr.
inline const std::vector<std::string>& VariableValues() {
  static const std::vector<std::string> values = {"${cognito-identity.amazonaws.com:aud}",
                                                  "${cognito-identity.amazonaws.com:sub}",
                                                  "${cognito-identity.amazonaws.com:amr}", "${aws:PrincipalTag/team}"};
  return values;
}

inline std::vector<std::string> AllValues() {
  std::vector<std::string> out;
  for (const auto* list : {&AudValues(), &AmrValues(), &SubValues(), &OtherValues(), &VariableValues()}) {
    out.insert(out.end(), list->begin(), list->end());
  }
  return out;
}

class TrustGenerator {
 public:
  explicit TrustGenerator(uint64_t seed) : rng_(seed) {}

  nlohmann::json Policy() {
    nlohmann::json doc = nlohmann::json::object();
    const size_t version = rng_.Below(10);
    if (version < 8) doc["Version"] = "2012-10-17";
    if (version == 8) doc["Version"] = "2008-10-17";  // variables read literally; 9: no Version (same)
    nlohmann::json statements = nlohmann::json::array();
    const size_t count = 1 + rng_.Below(3);
    for (size_t i = 0; i < count; ++i) statements.push_back(Statement(i == 0 ? 85 : 50));
    doc["Statement"] = statements;
    return doc;
  }

 private:
  nlohmann::json Statement(unsigned allow_percent) {
    nlohmann::json s = nlohmann::json::object();
    s["Effect"] = rng_.Chance(allow_percent) ? "Allow" : "Deny";
    s["Principal"] = Principal();
    const std::vector<std::string> actions = {"sts:AssumeRoleWithWebIdentity", "sts:*", "sts:AssumeRole*",
                                              "sts:AssumeRole", "STS:assumerolewithwebidentity"};
    const size_t form = rng_.Below(10);
    if (form < 6) {
      s["Action"] = actions[0];
    } else if (form < 8) {
      s["Action"] = rng_.Pick(actions);
    } else if (form == 8) {
      s["NotAction"] = rng_.Chance(50) ? "sts:AssumeRole" : "sts:AssumeRoleWith*";
    } else {
      s["Action"] = nlohmann::json::array({"sts:AssumeRole", rng_.Pick(actions)});
    }
    const size_t clauses = rng_.Below(4);
    nlohmann::json condition = nlohmann::json::object();
    for (size_t i = 0; i < clauses; ++i) AddClause(condition);
    if (!condition.empty()) s["Condition"] = condition;
    return s;
  }

  nlohmann::json Principal() {
    const size_t form = rng_.Below(20);
    if (form < 15) return {{"Federated", "cognito-identity.amazonaws.com"}};
    if (form < 17) return "*";
    if (form == 17) return {{"Federated", "graph.facebook.com"}};
    if (form == 18) return {{"AWS", "*"}};
    return {{"Federated", nlohmann::json::array({"accounts.google.com", "cognito-identity.amazonaws.com"})}};
  }

  // One operator block entry; an operator/key pair already used is left alone
  // (a JSON object cannot hold it twice).
  void AddClause(nlohmann::json& condition) {
    const size_t which = rng_.Below(20);
    std::string key = which < 7 ? kAudKey : which < 13 ? kAmrKey : which < 17 ? kSubKey : "aws:PrincipalTag/team";
    if (key == kAudKey && rng_.Chance(5)) key = "Cognito-Identity.amazonaws.com:AUD";  // keys ignore case
    std::string op;
    nlohmann::json value;
    if (rng_.Chance(8)) {
      op = "Null";
      value = rng_.Chance(50) ? "true" : "false";
    } else {
      op = Operator();
      value = Values(key);
    }
    if (condition.contains(op) && condition[op].contains(key)) return;
    condition[op][key] = value;
  }

  std::string Operator() {
    // Case-insensitive operators are rarer: the solver decides them by regular
    // expressions, which often time out (an unconfirmed answer, never a wrong one).
    static const std::vector<std::string> bases = {"StringEquals",
                                                   "StringNotEquals",
                                                   "StringLike",
                                                   "StringNotLike",
                                                   "StringEquals",
                                                   "StringLike",
                                                   "StringNotEquals",
                                                   "StringNotLike",
                                                   "StringEqualsIgnoreCase",
                                                   "StringEquals",
                                                   "StringLike",
                                                   "StringNotEquals",
                                                   "StringNotLike",
                                                   "StringNotEqualsIgnoreCase"};
    std::string op = rng_.Pick(bases);
    const size_t prefix = rng_.Below(10);
    if (prefix < 2) op = "ForAnyValue:" + op;
    if (prefix == 2 || prefix == 3) op = "ForAllValues:" + op;
    if (rng_.Chance(20)) op += "IfExists";
    return op;
  }

  nlohmann::json Values(const std::string& key) {
    const std::vector<std::string>& own = key == kAmrKey                   ? AmrValues()
                                          : key == kSubKey                 ? SubValues()
                                          : key == "aws:PrincipalTag/team" ? OtherValues()
                                                                           : AudValues();
    const std::vector<std::string> all = AllValues();
    const auto one = [&]() -> std::string {
      const size_t from = rng_.Below(100);
      // Variables are rarer: the engine models them as free atoms, so a policy that
      // needs one resolved often ends unconfirmed, each costing the solver retries.
      if (from < 80) return rng_.Pick(own);
      if (from < 86) return rng_.Pick(VariableValues());
      return rng_.Pick(all);
    };
    if (rng_.Chance(60)) return one();
    nlohmann::json list = nlohmann::json::array();
    const size_t n = 1 + rng_.Below(2);
    for (size_t i = 0; i < n; ++i) list.push_back(one());
    return list;
  }

  Rng rng_;
};

}  // namespace trustlint::difftest
