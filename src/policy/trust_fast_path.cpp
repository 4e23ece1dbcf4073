#include "policy/trust_fast_path.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "policy/evaluator.h"
#include "policy/readable_token.h"
#include "policy/sentinels.h"
#include "policy/token.h"

namespace trustlint {

namespace {

// What a statement does for one kind of token: a concrete "no" or "yes", or
// "unsure" when only the solver can tell (or its witness would be its own choice).
enum class Verdict { kNo, kYes, kUnsure };

Verdict Both(Verdict a, Verdict b) {
  if (a == Verdict::kNo || b == Verdict::kNo) return Verdict::kNo;
  if (a == Verdict::kUnsure || b == Verdict::kUnsure) return Verdict::kUnsure;
  return Verdict::kYes;
}

std::string KeyOf(const Condition& condition) {
  return condition.key_lower.empty() ? LowerAscii(condition.key) : condition.key_lower;
}

bool IsAud(const Condition& c) { return KeyOf(c) == cognito::kAudKey; }
bool IsAmr(const Condition& c) { return KeyOf(c) == cognito::kAmrKey; }

Request TokenRequest(const std::string& aud, std::string_view amr) {
  Request request = AssumeRoleRequest();
  request.context[std::string(cognito::kAudKey)] = {aud};
  request.context[std::string(cognito::kAmrKey)] = {std::string(amr)};
  return request;
}

// A clause the fast path reads: no policy variables, no unknowns, no long values,
// constants only as a value of aud.
bool Supported(const Condition& c) {
  if (c.if_exists || (c.op != "StringEquals" && c.op != "StringLike")) return false;
  if (IsAud(c) ? c.set != SetPrefix::kNone : !IsAmr(c) || c.set != SetPrefix::kForAnyValue) return false;
  return std::none_of(c.values.begin(), c.values.end(), [&](const PolicyString& v) {
    return v.unknown || v.text.find('$') != std::string::npos || v.text.size() > kMaxModelledLiteralBytes ||
           (IsAmr(c) && HasSentinel(v.text));
  });
}

// The statement's principal and action, decided as the solver decides them (concretely).
std::optional<bool> ScopeApplies(const Statement& statement) {
  const auto unknown = [](const PolicyString& s) { return s.unknown; };
  if (std::any_of(statement.actions.begin(), statement.actions.end(), unknown) ||
      std::any_of(statement.principals.begin(), statement.principals.end(),
                  [&](const Principal& p) { return p.value.unknown; })) {
    return std::nullopt;
  }
  Statement scope_only = statement;
  scope_only.conditions.clear();
  return StatementApplies(scope_only, AssumeRoleRequest());
}

class FastPath {
 public:
  FastPath(const TokenQuery& query, const std::map<std::string, ConstantShape>& shapes)
      : query_(query), shapes_(shapes) {}

  std::optional<TrustAnswer> Answer(const PolicyDocument& trust) {
    if (!ReadQuery()) return std::nullopt;
    const Statement* admitting = nullptr;
    bool guest = false;
    std::string witness_aud;  // a free aud: the one the admitting statement's witness takes
    for (const Statement& statement : trust.statements) {
      const std::optional<bool> applies = ScopeApplies(statement);
      if (!applies) return std::nullopt;
      if (!*applies) continue;
      if (!statement.allow || statement.conditional) return std::nullopt;
      if (!std::all_of(statement.conditions.begin(), statement.conditions.end(), Supported)) return std::nullopt;
      const Verdict aud = AudVerdict(statement);
      for (const bool as_guest : Kinds()) {
        const Verdict verdict = Both(AmrVerdict(statement, as_guest), aud);
        if (verdict == Verdict::kUnsure) return std::nullopt;
        if (verdict == Verdict::kNo) continue;
        if (admitting != nullptr) return std::nullopt;  // which one the solver's token meets is its choice
        admitting = &statement;
        guest = as_guest;
        witness_aud = chosen_aud_;
      }
    }
    if (admitting == nullptr) return TrustAnswer{};
    return Witnessed(*admitting, guest, witness_aud);
  }

 private:
  // A fixed aud must be literal, or one pool ID whose region is known (the
  // witness's sub is in that region); a free aud's exclusions are literal or constants.
  bool ReadQuery() {
    if (query_.aud) {
      if (!HasSentinel(*query_.aud)) {
        aud_region_ = readable::RegionOf(*query_.aud);
        return true;
      }
      const std::vector<RenderedPiece> pieces = SplitRendered(*query_.aud);
      if (pieces.size() != 1) return false;
      const ConstantShape shape = EffectiveShape(*query_.aud, shapes_);
      if (shape.kind != ConstantShape::Kind::kPoolId || shape.region.empty()) return false;
      aud_constant_ = true;
      aud_region_ = readable::RegionOf(shape.region + ":");
      return true;
    }
    excluded_constants_ = std::any_of(query_.aud_excluded.begin(), query_.aud_excluded.end(),
                                      [](const std::string& e) { return HasSentinel(e); });
    aud_region_ = readable::RegionOf(query_.aud_excluded.empty() ? "" : query_.aud_excluded.front());
    readable_aud_ = aud_region_ + ":" + std::string(readable::kAudUuid);
    return true;
  }

  std::vector<bool> Kinds() const {
    switch (query_.amr) {
      case TokenQuery::Amr::kGuest:
        return {true};
      case TokenQuery::Amr::kSignedIn:
        return {false};
      case TokenQuery::Amr::kAny:
        break;
    }
    return {true, false};
  }

  // Guest: amr is exactly "unauthenticated". Signed in: "authenticated" plus provider
  // entries the token may choose; a clause "authenticated" does not meet needs one,
  // which is the solver's to invent unless no entry can meet it.
  static Verdict AmrVerdict(const Statement& statement, bool guest) {
    const Request token = TokenRequest("", guest ? cognito::kGuestAmr : cognito::kSignedInAmr);
    Verdict out = Verdict::kYes;
    for (const Condition& c : statement.conditions) {
      if (!IsAmr(c) || ConditionHolds(c, token)) continue;
      const bool only_guest = std::all_of(c.values.begin(), c.values.end(),
                                          [](const PolicyString& v) { return v.text == cognito::kGuestAmr; });
      out = Both(out, guest || only_guest ? Verdict::kNo : Verdict::kUnsure);
    }
    return out;
  }

  std::vector<const Condition*> AudConditions(const Statement& statement) const {
    std::vector<const Condition*> out;
    for (const Condition& c : statement.conditions) {
      if (IsAud(c)) out.push_back(&c);
    }
    return out;
  }

  Verdict AudVerdict(const Statement& statement) {
    chosen_aud_.clear();
    const std::vector<const Condition*> conditions = AudConditions(statement);
    if (query_.aud && aud_constant_) return OwnPoolVerdict(conditions);
    const bool constants = std::any_of(conditions.begin(), conditions.end(), [](const Condition* c) {
      return std::any_of(c->values.begin(), c->values.end(), [](const PolicyString& v) { return HasSentinel(v.text); });
    });
    if (query_.aud) return constants ? Verdict::kUnsure : Holds(conditions, *query_.aud) ? Verdict::kYes : Verdict::kNo;
    return FreeAudVerdict(conditions, constants);
  }

  // The query's pool ID is one constant: a clause naming it holds for every value.
  Verdict OwnPoolVerdict(const std::vector<const Condition*>& conditions) const {
    for (const Condition* c : conditions) {
      bool names_it = false;
      for (const PolicyString& v : c->values) {
        if (v.text == *query_.aud) {
          names_it = true;
        } else if (HasSentinel(v.text)) {
          return Verdict::kUnsure;  // another constant: the witness could name either
        }
      }
      if (!names_it) return Verdict::kUnsure;
    }
    return Verdict::kYes;
  }

  static bool Holds(const std::vector<const Condition*>& conditions, const std::string& aud) {
    const Request token = TokenRequest(aud, cognito::kSignedInAmr);
    return std::all_of(conditions.begin(), conditions.end(), [&](const Condition* c) { return ConditionHolds(*c, token); });
  }

  bool Excluded(const std::string& aud) const {
    return std::find(query_.aud_excluded.begin(), query_.aud_excluded.end(), aud) != query_.aud_excluded.end();
  }

  // Any aud but the excluded ones. The solver's witness takes the readable aud when
  // the statement admits it, else the one value the StringEquals clauses leave.
  Verdict FreeAudVerdict(const std::vector<const Condition*>& conditions, bool constants) {
    if (!constants && !excluded_constants_ && !Excluded(readable_aud_) && Holds(conditions, readable_aud_)) {
      chosen_aud_ = readable_aud_;
      return Verdict::kYes;
    }
    std::optional<std::vector<std::string>> left = EqualsValues(conditions);
    if (!left) return Verdict::kUnsure;  // only patterns: the solver picks a value
    std::erase_if(*left, [&](const std::string& v) { return Excluded(v); });
    for (const std::string& v : *left) {
      if (HasSentinel(v) || excluded_constants_) return Verdict::kUnsure;
    }
    std::erase_if(*left, [&](const std::string& v) { return !Holds(conditions, v); });
    if (left->empty()) return Verdict::kNo;
    if (left->size() > 1 || constants) return Verdict::kUnsure;
    chosen_aud_ = left->front();
    return Verdict::kYes;
  }

  // The values every StringEquals clause on aud allows (nullopt: no such clause).
  static std::optional<std::vector<std::string>> EqualsValues(const std::vector<const Condition*>& conditions) {
    std::optional<std::vector<std::string>> out;
    for (const Condition* c : conditions) {
      if (c->op != "StringEquals") continue;
      std::vector<std::string> values;
      for (const PolicyString& v : c->values) {
        if (std::find(values.begin(), values.end(), v.text) != values.end()) continue;
        if (!out || std::find(out->begin(), out->end(), v.text) != out->end()) values.push_back(v.text);
      }
      out = std::move(values);
    }
    return out;
  }

  TrustAnswer Witnessed(const Statement& statement, bool guest, const std::string& free_aud) const {
    Witness witness;
    witness.aud = query_.aud ? *query_.aud : free_aud;
    witness.sub = aud_region_ + ":" + std::string(readable::kSubUuid);
    witness.amr = {std::string(guest ? cognito::kGuestAmr : cognito::kSignedInAmr)};
    witness.allowed_by = &statement;
    TrustAnswer answer;
    answer.admitted = true;
    answer.witness = std::move(witness);
    return answer;
  }

  const TokenQuery& query_;
  const std::map<std::string, ConstantShape>& shapes_;
  bool aud_constant_ = false;        // the fixed aud is one pool's constant
  bool excluded_constants_ = false;  // some excluded aud is a constant
  std::string aud_region_;           // the region of the witness's sub
  std::string readable_aud_;         // the aud a free witness takes when allowed
  std::string chosen_aud_;           // the free aud of the statement AudVerdict last judged
};

}  // namespace

std::optional<TrustAnswer> FastTrustAnswer(const PolicyDocument& trust, const TokenQuery& query,
                                           const std::map<std::string, ConstantShape>& shapes) {
  if (trust.unknown) return std::nullopt;
  return FastPath(query, shapes).Answer(trust);
}

Request AssumeRoleRequest() {
  Request request;
  request.principal_type = "Federated";
  request.principal = std::string(cognito::kFederatedPrincipal);
  request.action = std::string(cognito::kAssumeAction);
  return request;
}

std::string UndecidedStatementReason(const Statement& statement) {
  const std::string label = statement.sid.empty() ? std::to_string(statement.index) : statement.sid;
  return "statement " + label + " exists only in one branch of an undecided condition";
}

const Statement* StatementWithIndex(const PolicyDocument& trust, int index) {
  for (const Statement& statement : trust.statements) {
    if (statement.index == index) return &statement;
  }
  return nullptr;
}

}  // namespace trustlint
