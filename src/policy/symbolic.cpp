// The symbolic engine: a trust policy and a family of Cognito tokens become one
// Z3 formula "some Allow applies and no Deny applies"; a model is a witness
// token, which the concrete evaluator must confirm before it is returned.
//
// Every symbol of the policy or the query (a pool's generated ID, a parameter
// without a default, an import, a pseudo parameter) is one *constant* (SPEC 4):
// a Z3 string constant shared by every use, constrained by its shape (a pool ID
// is `<region>:<uuid>`, an account ID 12 digits, a parameter its AllowedValues).
// A value built from literal text and symbols is their concatenation.
//
// Two kinds of free Boolean atoms stand in for what the string theory cannot
// or should not model:
//  - existential atoms: clauses the requester controls but we do not model
//    (Numeric/Date/Bool/IP/Binary/Arn operators, policy variables). Over-
//    approximating them keeps an UNSAT answer a proof; a SAT answer is only
//    trusted once the concrete evaluator confirms the witness.
//  - universal atoms: Boolean constants for what cannot be a string (an
//    undecided Fn::If statement, an unknown principal, an unknown pattern).
//
// "Admitted" is then a question of the form "for all constants, is there a
// token?". It is answered by counterexample-guided refinement: find a token for
// some constants, generalise it (a token value equal to a constant becomes that
// constant), look for constants under which none of the tokens found so far is
// admitted, and ask again for those. No such constants: proven. Constants
// under which no token is admitted: possible.
#include "policy/symbolic.h"

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>

#include <z3++.h>

#include "base/ascii.h"
#include "graph/value.h"
#include "policy/evaluator.h"
#include "policy/operators.h"
#include "policy/readable_token.h"
#include "policy/sentinels.h"
#include "policy/token.h"
#include "policy/trust_cache.h"
#include "policy/trust_fast_path.h"
#include "policy/z3_strings.h"

namespace trustlint {

namespace {

// Work per solver call, in Z3's deterministic resource units: an answer that runs out
// is the same on a loaded CI runner as on a laptop, so output stays byte-identical.
// 2M units is about 2-4 s here; the slowest query the differential test settles uses 1.3M.
// No wall-clock timeout besides it: Z3 runs a timer thread for every timed check (a
// futex round trip per query), and a timeout would make answers depend on load.
constexpr unsigned kResourceLimit = 2'000'000;
// Re-check failures tolerated before giving up on a witness.
constexpr int kMaxAttempts = 4;
constexpr size_t kMaxLiteralBytes = kMaxModelledLiteralBytes;
// Rounds of counterexample-guided refinement before an answer that holds for
// some constants and is not shown for all is reported as possible.
constexpr int kMaxRefinements = 6;
using readable::RegionOf;
constexpr std::string_view kReadableSubUuid = readable::kSubUuid;
constexpr std::string_view kReadableAudUuid = readable::kAudUuid;
constexpr std::string_view kCouldNotConfirm = "symbolic engine could not confirm a witness";

enum class Family { kString, kStringIgnoreCase, kStringLike, kOpaque, kNull, kUnknownOperator };

struct OperatorClass {
  Family family = Family::kUnknownOperator;
  bool negated = false;
};

// The string family is encoded exactly, the others become atoms; an unknown
// operator never holds. Properties come from the one table (policy/operators.h).
OperatorClass Classify(std::string_view op) {
  const ConditionOperator* info = FindOperator(op);
  if (info == nullptr) return {};
  switch (info->family) {
    case OperatorFamily::kString:
      return {info->globs              ? Family::kStringLike
              : info->case_insensitive ? Family::kStringIgnoreCase
                                       : Family::kString,
              info->negated};
    case OperatorFamily::kNull:
      return {Family::kNull, false};
    default:
      return {Family::kOpaque, info->negated};
  }
}

std::string ConditionKey(const Condition& condition) {
  return condition.key_lower.empty() ? LowerAscii(condition.key) : condition.key_lower;
}

// Candidate request values for a key tested only by opaque operators: the
// policy's own values (a value matches itself under every equality-like
// operator) and a few that fall outside typical ranges.
std::vector<std::string> OpaqueCandidates(const std::vector<const Condition*>& clauses) {
  std::vector<std::string> out;
  for (const Condition* clause : clauses) {
    for (const PolicyString& value : clause->values) out.push_back(value.text);
  }
  for (std::string_view extra : {"0", "true", "false", "-1", "99999999999", "1970-01-01T00:00:00Z",
                                 "2999-01-01T00:00:00Z", "192.0.2.1", "2001:db8::1", "AA==",
                                 "arn:aws:iam::000000000000:root"}) {
    out.emplace_back(extra);
  }
  return out;
}

// One context key as the solver sees it: a presence flag and up to a few values.
struct KeyModel {
  KeyModel(z3::expr present_flag, bool is_token) : present(std::move(present_flag)), token(is_token) {}
  z3::expr present;
  std::vector<z3::expr> values;  // strings
  std::vector<z3::expr> active;  // which values are in the request
  bool token = false;            // aud/sub/amr: always present, built from the query
  bool string_tested = false;
  std::vector<std::pair<const Condition*, z3::expr>> opaque_clauses;  // clause, its atom
};

// Builds the formula for one query. Lives only for one CanAssume call.
class Encoder {
 public:
  Encoder(z3::context& ctx, const TokenQuery& query, const std::map<std::string, ConstantShape>& shapes)
      : ctx_(ctx), query_(query), shapes_(shapes), request_(AssumeRoleRequest()) {
    DeclareTokenKeys();
  }

  // Allowed && !Denied over the document's statements.
  z3::expr Admitted(const PolicyDocument& trust) {
    z3::expr_vector allows(ctx_);
    z3::expr_vector denies(ctx_);
    for (const Statement& statement : trust.statements) {
      std::optional<z3::expr> applies = EncodeStatement(statement);
      if (!applies) continue;
      (statement.allow ? allows : denies).push_back(*applies);
      if (statement.allow) allow_terms_.emplace_back(&statement, *applies);
    }
    z3::expr allowed = allows.empty() ? ctx_.bool_val(false) : z3::mk_or(allows);
    z3::expr denied = denies.empty() ? ctx_.bool_val(false) : z3::mk_or(denies);
    return allowed && !denied;
  }

  // The token family of the query.
  z3::expr Base() const {
    z3::expr_vector parts(ctx_);
    for (const z3::expr& c : base_) parts.push_back(c);
    return parts.empty() ? ctx_.bool_val(true) : z3::mk_and(parts);
  }

  // Every free string within the byte range, so that a model decodes. Only
  // added when a model did not decode: regex membership slows Z3 down a lot,
  // and leaving it out only widens the search (UNSAT stays a proof).
  z3::expr ByteRanges() const {
    z3::expr_vector parts(ctx_);
    for (const auto& [name, key] : keys_) {
      for (const z3::expr& v : key.values) {
        if (!v.is_string_value()) parts.push_back(InByteRange(v));
      }
    }
    for (const ConstantInfo& c : constants_) parts.push_back(InByteRange(c.expr));
    return parts.empty() ? ctx_.bool_val(true) : z3::mk_and(parts);
  }

  const std::vector<z3::expr>& universal_atoms() const { return universal_atoms_; }

  // What the constants' shapes allow (and the scan's pools' IDs differ).
  z3::expr Shapes() const {
    z3::expr_vector parts(ctx_);
    for (const z3::expr& c : shape_constraints_) parts.push_back(c);
    const std::vector<z3::expr> pools = ScanPoolConstants();
    for (size_t i = 0; i < pools.size(); ++i) {
      for (size_t j = i + 1; j < pools.size(); ++j) parts.push_back(pools[i] != pools[j]);
    }
    return parts.empty() ? ctx_.bool_val(true) : z3::mk_and(parts);
  }

  // Every constant: string constants, then the universal Boolean atoms.
  std::vector<z3::expr> Constants() const {
    std::vector<z3::expr> out;
    for (const ConstantInfo& c : constants_) out.push_back(c.expr);
    out.insert(out.end(), universal_atoms_.begin(), universal_atoms_.end());
    return out;
  }
  // The undecided statements that the model's reading leaves out.
  std::set<int> AbsentStatements(const z3::model& model) const {
    std::set<int> out;
    for (const auto& [index, present] : presence_) {
      if (!model.eval(present, true).is_true()) out.insert(index);
    }
    return out;
  }

  bool HasConstants() const { return !constants_.empty() || !universal_atoms_.empty(); }
  size_t ConstantCount() const { return constants_.size(); }

  // The token's free variables (what a witness chooses).
  const std::vector<z3::expr>& TokenVars() const { return block_vars_; }

  // A witness as terms over the constants: a string the model gives a token
  // variable that equals a constant's value becomes that constant, so the same
  // witness stands for every value of it.
  // `constants` gives the constants' values when `tokens` was found with them fixed.
  std::vector<z3::expr> Generalize(const z3::model& tokens, const z3::model& constants) const {
    std::vector<std::pair<std::string, z3::expr>> values;
    for (const ConstantInfo& c : constants_) {
      if (std::optional<std::string> v = ModelBytes(constants.eval(c.expr, true))) values.emplace_back(*v, c.expr);
    }
    std::vector<z3::expr> terms;
    for (const z3::expr& var : block_vars_) {
      z3::expr value = tokens.eval(var, true);
      if (var.is_seq()) {
        if (std::optional<std::string> v = ModelBytes(value)) {
          for (const auto& [text, constant] : values) {
            if (text == *v) {
              value = constant;
              break;
            }
          }
        }
      }
      terms.push_back(value);
    }
    return terms;
  }

  // Constant sentinel -> its value in the model (strings that decode only).
  std::map<std::string, std::string> ConstantValues(const z3::model& model) const {
    std::map<std::string, std::string> out;
    for (const ConstantInfo& c : constants_) {
      if (std::optional<std::string> v = ModelBytes(model.eval(c.expr, true))) out.emplace(c.sentinel, *v);
    }
    return out;
  }

  // Why each constant of Constants() is not known, in the same order.
  std::vector<std::string> ConstantReasons() const {
    std::vector<std::string> out;
    for (const ConstantInfo& c : constants_) out.push_back(c.reason);
    out.insert(out.end(), atom_reasons_.begin(), atom_reasons_.end());
    return out;
  }

  // The first Allow statement that the model makes apply.
  const Statement* AllowedBy(const z3::model& model) const {
    for (const auto& [statement, term] : allow_terms_) {
      if (model.eval(term, true).is_true()) return statement;
    }
    return nullptr;
  }

  // The reasons of the universal Boolean atoms, each once.
  std::string AtomReasons() const {
    std::string out;
    for (const std::string& reason : atom_reasons_) {
      if (out.find(reason) == std::string::npos) out += (out.empty() ? "" : "; ") + reason;
    }
    return out;
  }

  // Every input the formula rests on: the constants' reasons, each once.
  std::string UnknownReason() const {
    std::string out;
    for (const std::string& reason : ConstantReasons()) {
      if (out.find(reason) == std::string::npos) out += (out.empty() ? "" : "; ") + reason;
    }
    return out;
  }

  // Reads the token and context out of a model; nullopt if a string does not decode.
  std::optional<Request> ReadRequest(const z3::model& model) const {
    Request request = request_;
    for (const auto& [name, key] : keys_) {
      if (!model.eval(key.present, true).is_true()) continue;
      std::vector<std::string> values;
      if (!key.token && !key.string_tested && !key.opaque_clauses.empty()) {
        values.push_back(ChooseOpaqueValue(name, key, model));
      } else {
        for (size_t i = 0; i < key.values.size(); ++i) {
          if (!model.eval(key.active[i], true).is_true()) continue;
          std::optional<std::string> text = ModelBytes(model.eval(key.values[i], true));
          if (!text) return std::nullopt;
          if (std::find(values.begin(), values.end(), *text) == values.end()) values.push_back(*text);
        }
      }
      if (!values.empty()) request.context[name] = std::move(values);
    }
    return request;
  }

  // "Not this model again": some variable must take another value.
  z3::expr Blocking(const z3::model& model) const {
    z3::expr_vector differ(ctx_);
    for (const z3::expr& var : block_vars_) differ.push_back(var != model.eval(var, true));
    for (const ConstantInfo& c : constants_) differ.push_back(c.expr != model.eval(c.expr, true));
    return differ.empty() ? ctx_.bool_val(false) : z3::mk_or(differ);
  }

 private:
  struct ConstantInfo {
    std::string sentinel;
    z3::expr expr;
    std::string reason;
    bool scan_pool = false;
  };

  std::vector<z3::expr> ScanPoolConstants() const {
    std::vector<z3::expr> out;
    for (const ConstantInfo& c : constants_) {
      if (c.scan_pool) out.push_back(c.expr);
    }
    return out;
  }

  // Rendered text as a string term: literal bytes and constants, concatenated.
  z3::expr Term(const std::string& rendered) {
    // Not handed to Z3 when long (see kMaxLiteralBytes): also bounds how many
    // pieces one concatenation has (an Fn::Join of 100,000 items).
    if (rendered.size() > kMaxLiteralBytes) return Constant(LongLiteralSentinel(rendered));
    z3::expr_vector parts(ctx_);
    for (const RenderedPiece& piece : SplitRendered(rendered)) {
      if (!piece.sentinel.empty()) {
        parts.push_back(Constant(piece.sentinel));
      } else {
        parts.push_back(ByteString(ctx_, piece.literal));
      }
    }
    if (parts.empty()) return ByteString(ctx_, "");
    return parts.size() == 1 ? parts[0] : z3::concat(parts);
  }

  // A constant standing for one over-long literal (its hash tells literals apart).
  static std::string LongLiteralSentinel(const std::string& literal) {
    return RenderForMatching({StringPart{"", Symbol{Symbol::Kind::kUnknown,
                                                    "a value of " + std::to_string(literal.size()) +
                                                        " bytes is longer than the " +
                                                        std::to_string(kMaxLiteralBytes) + " bytes the solver models",
                                                    std::to_string(std::hash<std::string>{}(literal))}}});
  }

  ConstantShape ShapeOf(const std::string& sentinel) const { return EffectiveShape(sentinel, shapes_); }

  // A constant's shape excludes the wildcard characters.
  bool WildcardFree(const std::string& sentinel) const {
    const ConstantShape shape = ShapeOf(sentinel);
    if (shape.kind != ConstantShape::Kind::kAny) return true;
    if (!shape.allowed_values.empty()) {
      return std::none_of(shape.allowed_values.begin(), shape.allowed_values.end(),
                          [](const std::string& v) { return v.find_first_of("*?") != std::string::npos; });
    }
    return false;
  }

  std::string ConstantReasons(const std::string& rendered) const {
    std::string out;
    for (const RenderedPiece& piece : SplitRendered(rendered)) {
      if (piece.sentinel.empty()) continue;
      const std::string reason = ShapeOf(piece.sentinel).reason;
      if (out.find(reason) == std::string::npos) out += (out.empty() ? "" : "; ") + reason;
    }
    return out;
  }

  // One Z3 constant per sentinel, constrained by its shape once.
  z3::expr Constant(const std::string& sentinel) {
    for (const ConstantInfo& c : constants_) {
      if (c.sentinel == sentinel) return c.expr;
    }
    const ConstantShape shape = ShapeOf(sentinel);
    z3::expr c = ctx_.string_const(("c" + std::to_string(constants_.size())).c_str());
    AddShape(c, shape);
    constants_.push_back({sentinel, c, shape.reason, shape.scan_pool && shape.kind == ConstantShape::Kind::kPoolId});
    return c;
  }

  // A shape is kept to what a trust can tell apart: the region prefix of a pool
  // ID. Z3's regex membership and long fixed lengths cost a second a query, and a
  // looser shape only widens the set of readings (more answers possible, none
  // wrongly proven). Wildcards in a constant are judged where it is used as a
  // pattern (WildcardFree), not here.
  void AddShape(const z3::expr& c, const ConstantShape& shape) {
    if (shape.kind == ConstantShape::Kind::kPoolId && !shape.region.empty()) {
      shape_constraints_.push_back(z3::prefixof(ByteString(ctx_, shape.region + ":"), c));
    }
    if (!shape.allowed_values.empty()) {
      z3::expr_vector any(ctx_);
      for (const std::string& v : shape.allowed_values) any.push_back(c == ByteString(ctx_, v));
      shape_constraints_.push_back(z3::mk_or(any));
    }
    if (!shape.allowed_pattern.empty()) {
      if (std::optional<z3::expr> re = RegexFromPattern(ctx_, shape.allowed_pattern)) {
        shape_constraints_.push_back(z3::in_re(c, *re));
      }
    }
    if (shape.min_length) shape_constraints_.push_back(c.length() >= ctx_.int_val(static_cast<int>(*shape.min_length)));
    if (shape.max_length) shape_constraints_.push_back(c.length() <= ctx_.int_val(static_cast<int>(*shape.max_length)));
  }

  void DeclareTokenKeys() {
    const z3::expr yes = ctx_.bool_val(true);
    sub_ = ctx_.string_const("sub");
    if (query_.aud) {
      aud_ = Term(*query_.aud);  // the pool's ID itself: a literal, or constants
    } else {
      aud_ = ctx_.string_const("aud");
      for (const std::string& excluded : query_.aud_excluded) base_.push_back(aud_ != Term(excluded));
      block_vars_.push_back(aud_);
    }
    block_vars_.push_back(sub_);
    AddTokenKey(cognito::kAudKey, {aud_}, {yes});
    AddTokenKey(cognito::kSubKey, {sub_}, {yes});

    const z3::expr guest_amr = ByteString(ctx_, cognito::kGuestAmr);
    const z3::expr signed_in_amr = ByteString(ctx_, cognito::kSignedInAmr);
    if (query_.amr == TokenQuery::Amr::kGuest) {
      AddTokenKey(cognito::kAmrKey, {guest_amr}, {yes});
      return;
    }
    // Signed in: "authenticated" plus two provider entries; an entry equal to
    // "authenticated" is effectively absent. Two cover the provider and one
    // provider-qualified entry, as Cognito issues them.
    z3::expr p1 = ctx_.string_const("amr_p1");
    z3::expr p2 = ctx_.string_const("amr_p2");
    providers_ = {p1, p2};
    for (const z3::expr& p : providers_) {
      base_.push_back(p != guest_amr);
      block_vars_.push_back(p);
    }
    if (query_.amr == TokenQuery::Amr::kSignedIn) {
      AddTokenKey(cognito::kAmrKey, {signed_in_amr, p1, p2}, {yes, yes, yes});
      return;
    }
    z3::expr guest = ctx_.bool_const("amr_guest");
    guest_ = guest;
    block_vars_.push_back(guest);
    AddTokenKey(cognito::kAmrKey, {z3::ite(guest, guest_amr, signed_in_amr), p1, p2}, {yes, !guest, !guest});
  }

  void AddTokenKey(std::string_view name, std::vector<z3::expr> values, std::vector<z3::expr> active) {
    KeyModel key(ctx_.bool_val(true), true);
    key.values = std::move(values);
    key.active = std::move(active);
    keys_.emplace(std::string(name), std::move(key));
  }

  // Any other key: present or not, with one or two values, all free.
  KeyModel& Key(const std::string& name) {
    auto it = keys_.find(name);
    if (it != keys_.end()) return it->second;
    const std::string id = std::to_string(keys_.size());
    z3::expr present = ctx_.bool_const(("k" + id + "_present").c_str());
    z3::expr second = ctx_.bool_const(("k" + id + "_two").c_str());
    KeyModel key(present, false);
    key.values = {ctx_.string_const(("k" + id + "_v1").c_str()), ctx_.string_const(("k" + id + "_v2").c_str())};
    key.active = {present, present && second};
    for (const z3::expr& var : {present, second, key.values[0], key.values[1]}) block_vars_.push_back(var);
    return keys_.emplace(name, std::move(key)).first->second;
  }

  z3::expr ExistentialAtom() {
    z3::expr atom = ctx_.bool_const(("e" + std::to_string(next_atom_++)).c_str());
    block_vars_.push_back(atom);
    return atom;
  }

  // One atom per unresolved thing (shared where the same unknown is reused the
  // same way), remembered with the reason that names the missing input.
  z3::expr UniversalAtom(const std::string& identity, const std::string& reason) {
    auto it = universal_by_identity_.find(identity);
    if (it != universal_by_identity_.end()) return it->second;
    z3::expr atom = ctx_.bool_const(("u" + std::to_string(universal_atoms_.size())).c_str());
    universal_atoms_.push_back(atom);
    atom_reasons_.push_back(reason);
    universal_by_identity_.emplace(identity, atom);
    return atom;
  }

  std::optional<z3::expr> EncodeStatement(const Statement& statement) {
    std::optional<z3::expr> scope = EncodeScope(statement);
    if (!scope) return std::nullopt;
    z3::expr_vector parts(ctx_);
    parts.push_back(*scope);
    if (statement.conditional) {
      z3::expr present =
          UniversalAtom("present|" + std::to_string(statement.index), UndecidedStatementReason(statement));
      presence_.emplace_back(statement.index, present);
      parts.push_back(present);
    }
    for (const Condition& condition : statement.conditions) parts.push_back(EncodeClause(condition, statement));
    return z3::mk_and(parts);
  }

  // Principal and action do not depend on the token: decide them concretely.
  std::optional<z3::expr> EncodeScope(const Statement& statement) {
    Statement scope_only = statement;
    scope_only.conditions.clear();
    const bool applies = StatementApplies(scope_only, request_);
    const PolicyString* unknown = nullptr;
    for (const Principal& principal : statement.principals) {
      if (principal.value.unknown && unknown == nullptr) unknown = &principal.value;
    }
    for (const PolicyString& action : statement.actions) {
      if (action.unknown && unknown == nullptr) unknown = &action;
    }
    if (unknown == nullptr) return applies ? std::optional<z3::expr>(ctx_.bool_val(true)) : std::nullopt;
    // A known entry that matches settles a positive list; an unknown entry can
    // still widen a positive list or narrow a negated one.
    if (applies && !statement.not_principal && !statement.not_action) return ctx_.bool_val(true);
    return UniversalAtom("scope|" + std::to_string(statement.index), unknown->unknown_reason);
  }

  z3::expr AbsentValue(const Condition& condition, bool negated) const {
    if (condition.if_exists || condition.set == SetPrefix::kForAllValues) return ctx_.bool_val(true);
    if (condition.set == SetPrefix::kForAnyValue) return ctx_.bool_val(false);
    return ctx_.bool_val(negated);
  }

  z3::expr EncodeClause(const Condition& condition, const Statement& statement) {
    const OperatorClass op = Classify(condition.op);
    const std::string name = ConditionKey(condition);
    KeyModel& key = Key(name);
    switch (op.family) {
      case Family::kUnknownOperator:
        return ctx_.bool_val(false);
      case Family::kNull:
        return EncodeNull(condition, statement, key.present);
      case Family::kOpaque: {
        z3::expr atom = OpaqueAtom(condition, statement);
        key.opaque_clauses.emplace_back(&condition, atom);
        return z3::ite(key.present, atom, AbsentValue(condition, op.negated));
      }
      case Family::kString:
      case Family::kStringIgnoreCase:
      case Family::kStringLike:
        key.string_tested = true;
        return z3::ite(key.present, EncodePresent(condition, op, key), AbsentValue(condition, op.negated));
    }
    return ctx_.bool_val(false);
  }

  z3::expr OpaqueAtom(const Condition& condition, const Statement& statement) {
    for (const PolicyString& value : condition.values) {
      if (value.unknown) {
        return UniversalAtom("opaque|" + std::to_string(statement.index) + "|" + condition.path + "|" +
                                 condition.op_text + "|" + condition.key_lower,
                             value.unknown_reason);
      }
    }
    return ExistentialAtom();
  }

  z3::expr EncodeNull(const Condition& condition, const Statement& statement, const z3::expr& present) {
    z3::expr_vector any(ctx_);
    for (const PolicyString& value : condition.values) {
      if (value.unknown) {
        any.push_back(UniversalAtom("null|" + std::to_string(statement.index) + "|" + condition.path + "|" +
                                        condition.key_lower + "|" + value.text,
                                    value.unknown_reason));
      } else if (LowerAscii(value.text) == "true") {
        any.push_back(!present);
      } else if (LowerAscii(value.text) == "false") {
        any.push_back(present);
      }
    }
    return any.empty() ? ctx_.bool_val(false) : z3::mk_or(any);
  }

  // The clause when the key is present, over the key's values.
  z3::expr EncodePresent(const Condition& condition, OperatorClass op, const KeyModel& key) {
    z3::expr_vector satisfied(ctx_);  // per request value: satisfies the operator
    z3::expr_vector matched(ctx_);    // per request value: matches some condition value
    for (size_t i = 0; i < key.values.size(); ++i) {
      z3::expr_vector any(ctx_);
      for (const PolicyString& value : condition.values) {
        any.push_back(MatchValue(condition, op, value, key.values[i], i));
      }
      z3::expr m = any.empty() ? ctx_.bool_val(false) : z3::mk_or(any);
      matched.push_back(m);
      satisfied.push_back(op.negated ? !m : m);
    }
    z3::expr_vector terms(ctx_);
    for (size_t i = 0; i < key.values.size(); ++i) {
      const z3::expr& active = key.active[i];
      switch (condition.set) {
        case SetPrefix::kForAnyValue:
          terms.push_back(active && satisfied[static_cast<int>(i)]);
          break;
        case SetPrefix::kForAllValues:
          terms.push_back(z3::implies(active, satisfied[static_cast<int>(i)]));
          break;
        case SetPrefix::kNone:
          // Positive: some value matches. Negated: no value matches.
          terms.push_back(op.negated ? z3::implies(active, !matched[static_cast<int>(i)])
                                     : (active && matched[static_cast<int>(i)]));
          break;
      }
    }
    const bool conjunctive =
        condition.set == SetPrefix::kForAllValues || (condition.set == SetPrefix::kNone && op.negated);
    return conjunctive ? z3::mk_and(terms) : z3::mk_or(terms);
  }

  // Does request value `v` (the key's i-th) match one condition value?
  z3::expr MatchValue(const Condition& condition, OperatorClass op, const PolicyString& value, const z3::expr& v,
                      size_t i) {
    const std::string family = op.family == Family::kStringLike         ? "like"
                               : op.family == Family::kStringIgnoreCase ? "icase"
                                                                        : "eq";
    if (value.text.size() > kMaxLiteralBytes) {
      // Z3's string theory recurses per character: a long literal is not modelled,
      // and an answer that rests on it is possible, saying so.
      return UniversalAtom("long|" + family + "|" + condition.key_lower + "|" + value.text + "|" + std::to_string(i),
                           "condition value of " + std::to_string(value.text.size()) + " bytes on " + condition.key +
                               " is longer than the " + std::to_string(kMaxLiteralBytes) +
                               " bytes the solver models");
    }
    if (HasSentinel(value.text)) return MatchSymbolic(condition, op, value, v, i, family);
    std::optional<std::vector<PatternChar>> pattern = ParsePattern(value.text, op.family == Family::kStringLike, condition.variables);
    if (!pattern) {
      return ExistentialAtom();  // a policy variable: its value comes from the request
    }
    switch (op.family) {
      case Family::kString:
        return v == ByteString(ctx_, PatternBytes(*pattern));
      case Family::kStringIgnoreCase:
        return EqualsIgnoreCase(v, PatternBytes(*pattern));
      default:
        return GlobMatches(v, *pattern);
    }
  }

  // Case-insensitive equality as a length and one choice per character: the
  // same set as CaseFoldedRegex, but Z3 decides regular-expression membership
  // so slowly that a free aud under StringEqualsIgnoreCase timed out (2 s, an
  // unconfirmed answer) where this takes milliseconds.
  z3::expr EqualsIgnoreCase(const z3::expr& v, const std::string& bytes) {
    z3::expr_vector parts(ctx_);
    parts.push_back(v.length() == ctx_.int_val(static_cast<int>(bytes.size())));
    for (size_t i = 0; i < bytes.size(); ++i) {
      const z3::expr at = v.at(ctx_.int_val(static_cast<int>(i)));
      const char lower = LowerAscii(bytes[i]);
      const char upper = UpperAscii(bytes[i]);
      z3::expr same = at == ByteString(ctx_, std::string(1, lower));
      if (upper != lower) same = same || at == ByteString(ctx_, std::string(1, upper));
      parts.push_back(same);
    }
    return z3::mk_and(parts);
  }

  // A condition value made of literal text and constants. Equality compares with
  // their concatenation. A pattern's literal runs keep their wildcards, and each
  // constant stands for its exact text when its shape excludes `*` and `?`;
  // otherwise, and for case-insensitive comparison, the match is a universal atom.
  z3::expr MatchSymbolic(const Condition& condition, OperatorClass op, const PolicyString& value, const z3::expr& v,
                         size_t i, const std::string& family) {
    const auto atom = [&] {
      return UniversalAtom("value|" + family + "|" + condition.key_lower + "|" + value.text + "|" + std::to_string(i),
                           value.unknown ? value.unknown_reason : ConstantReasons(value.text));
    };
    if (op.family == Family::kStringIgnoreCase) return atom();
    const bool glob = op.family == Family::kStringLike;
    z3::expr_vector parts(ctx_);
    for (const RenderedPiece& piece : SplitRendered(value.text)) {
      if (!piece.sentinel.empty()) {
        if (glob && !WildcardFree(piece.sentinel)) return atom();
        parts.push_back(Constant(piece.sentinel));
        continue;
      }
      std::optional<std::vector<PatternChar>> pattern = ParsePattern(piece.literal, glob, condition.variables);
      if (!pattern) return ExistentialAtom();  // a policy variable: its value comes from the request
      const bool wild = std::any_of(pattern->begin(), pattern->end(),
                                    [](const PatternChar& p) { return p.kind != PatternChar::Kind::kByte; });
      if (!wild) {
        parts.push_back(ByteString(ctx_, PatternBytes(*pattern)));
        continue;
      }
      // What the wildcards of this run consume: a token-side string the witness chooses.
      z3::expr run = ctx_.string_const(("g" + std::to_string(next_atom_++)).c_str());
      block_vars_.push_back(run);
      base_.push_back(z3::in_re(run, GlobRegex(ctx_, *pattern)));
      parts.push_back(run);
    }
    z3::expr whole = parts.size() == 1 ? parts[0] : z3::concat(parts);
    return v == whole;
  }

  // A value for a key tested only by opaque operators that gives each clause
  // the truth value the model chose; the re-check judges the result.
  std::string ChooseOpaqueValue(const std::string& name, const KeyModel& key, const z3::model& model) const {
    std::vector<const Condition*> clauses;
    for (const auto& [clause, atom] : key.opaque_clauses) clauses.push_back(clause);
    const std::vector<std::string> candidates = OpaqueCandidates(clauses);
    for (const std::string& candidate : candidates) {
      Request probe;
      probe.context[name] = {candidate};
      const bool fits = std::all_of(key.opaque_clauses.begin(), key.opaque_clauses.end(), [&](const auto& entry) {
        return ConditionHolds(*entry.first, probe) == model.eval(entry.second, true).is_true();
      });
      if (fits) return candidate;
    }
    return candidates.front();
  }

  z3::context& ctx_;
  const TokenQuery& query_;
  const std::map<std::string, ConstantShape>& shapes_;
  Request request_;
  std::vector<ConstantInfo> constants_;
  std::vector<z3::expr> shape_constraints_;
  std::vector<std::string> atom_reasons_;
  std::vector<std::pair<int, z3::expr>> presence_;  // statement index, its presence atom
  z3::expr aud_{ctx_};
  z3::expr sub_{ctx_};
  std::vector<z3::expr> providers_;
  std::optional<z3::expr> guest_;
  std::vector<z3::expr> base_;
  std::map<std::string, KeyModel> keys_;  // sorted: deterministic witnesses
  std::vector<z3::expr> block_vars_;
  std::vector<std::pair<const Statement*, z3::expr>> allow_terms_;
  std::vector<z3::expr> universal_atoms_;
  std::map<std::string, z3::expr> universal_by_identity_;
  int next_atom_ = 0;
};

// Replaces solver-chosen values (often "" or "A") by readable ones wherever the
// concrete evaluator still allows the request: a readable identity ID and
// pool ID, no superfluous amr providers or context keys. Concrete checks only,
// so it costs microseconds where asking the solver costs milliseconds.
void MakeReadable(const PolicyDocument& trust, const TokenQuery& query, Request* request) {
  const auto try_change = [&](const std::function<bool(Request&)>& change) {
    Request candidate = *request;
    if (!change(candidate) || Evaluate({&trust}, candidate).effect != Effect::kAllow) return false;
    *request = std::move(candidate);
    return true;
  };
  const std::string region =
      RegionOf(query.aud ? *query.aud : query.aud_excluded.empty() ? "" : query.aud_excluded.front());
  const std::string sub_key(cognito::kSubKey);
  const std::string aud_key(cognito::kAudKey);
  const std::string amr_key(cognito::kAmrKey);
  try_change([&](Request& r) {
    r.context[sub_key] = {region + ":" + std::string(kReadableSubUuid)};
    return true;
  });
  if (!query.aud) {
    // In the pool's region, else in the region the solver's aud already names
    // (a trust that only admits "us-east-1:*").
    const auto found = request->context.find(aud_key);
    const std::string own = found == request->context.end() || found->second.empty() ? region : RegionOf(found->second.front());
    for (const std::string& in : {region, own}) {
      const bool changed = try_change([&](Request& r) {
        const std::string aud = in + ":" + std::string(kReadableAudUuid);
        if (std::find(query.aud_excluded.begin(), query.aud_excluded.end(), aud) != query.aud_excluded.end()) {
          return false;
        }
        r.context[aud_key] = {aud};
        return true;
      });
      if (changed) break;
    }
  }
  // Provider entries after "authenticated", last first so indices stay valid.
  for (size_t i = request->context[amr_key].size(); i-- > 1;) {
    try_change([&](Request& r) {
      std::vector<std::string>& amr = r.context[amr_key];
      if (amr.front() != cognito::kSignedInAmr) return false;
      amr.erase(amr.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    });
  }
  std::vector<std::string> other_keys;
  for (const auto& [key, values] : request->context) {
    if (key != sub_key && key != aud_key && key != amr_key) other_keys.push_back(key);
  }
  for (const std::string& key : other_keys) {
    try_change([&](Request& r) { return r.context.erase(key) == 1; });
    try_change([&](Request& r) {
      auto it = r.context.find(key);
      if (it == r.context.end() || it->second.size() < 2) return false;
      it->second.resize(1);
      return true;
    });
  }
}

TrustAnswer Unknown(std::string reason) {
  TrustAnswer answer;
  answer.depends_on_unknown = true;
  answer.unknown_reason = std::move(reason);
  return answer;
}

z3::expr Substitute(z3::context& ctx, const z3::expr& formula, const std::vector<z3::expr>& from,
                    const std::vector<z3::expr>& to) {
  z3::expr_vector src(ctx);
  z3::expr_vector dst(ctx);
  for (size_t i = 0; i < from.size(); ++i) {
    src.push_back(from[i]);
    dst.push_back(to[i]);
  }
  z3::expr copy = formula;
  return copy.substitute(src, dst);
}

std::vector<z3::expr> Evaluated(const z3::model& model, const std::vector<z3::expr>& vars) {
  std::vector<z3::expr> out;
  for (const z3::expr& v : vars) out.push_back(model.eval(v, true));
  return out;
}

// The trust with every constant replaced by the model's value for it, so that
// the concrete evaluator can replay a witness found for those values.
PolicyDocument Instantiate(const PolicyDocument& trust, const std::map<std::string, std::string>& values,
                           const std::set<int>& absent) {
  if (values.empty() && absent.empty()) return trust;
  const auto value_of = [&](const std::string& sentinel) -> const std::string* {
    auto it = values.find(sentinel);
    return it == values.end() ? nullptr : &it->second;
  };
  const auto fill = [&](PolicyString& s) {
    if (HasSentinel(s.text)) s.text = SubstituteSentinels(s.text, value_of);
  };
  PolicyDocument out = trust;
  std::erase_if(out.statements, [&](const Statement& s) { return absent.count(s.index) > 0; });
  for (Statement& statement : out.statements) {
    for (Principal& p : statement.principals) fill(p.value);
    for (PolicyString& a : statement.actions) fill(a);
    for (PolicyString& r : statement.resources) fill(r);
    for (Condition& c : statement.conditions) {
      for (PolicyString& v : c.values) fill(v);
    }
  }
  return out;
}

// A witness's strings with each constant's value written back as its sentinel.
void Abstract(const std::map<std::string, std::string>& values, Request* request) {
  for (auto& [key, strings] : request->context) {
    for (std::string& s : strings) {
      for (const auto& [sentinel, value] : values) {
        if (s == value) {
          s = sentinel;
          break;
        }
      }
    }
  }
}

}  // namespace

struct TrustSolver::Impl {
  z3::context ctx;

  // The plain SMT core: the default solver's tactic set-up costs ~30 ms per
  // check, ten times what a typical trust query needs.
  z3::solver NewSolver() {
    z3::solver solver(ctx, z3::solver::simple());
    z3::params params(ctx);
    params.set("rlimit", kResourceLimit);
    solver.set(params);
    return solver;
  }

  // A model of `formula` whose token the concrete evaluator confirms under the
  // model's constants; nullopt when there is none (`*unsat`) or none could be found.
  struct Found {
    z3::model model;
    Request request;
  };
  std::optional<Found> FindConfirmed(const z3::expr& formula, const PolicyDocument& trust, const Encoder& encoder,
                                     bool* unsat, std::string* trouble) {
    z3::solver solver = NewSolver();
    solver.add(formula);
    bool byte_ranged = false;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      const z3::check_result result = solver.check();
      if (result == z3::unknown) {
        *trouble = "the solver reached its work limit";
        return std::nullopt;
      }
      if (result == z3::unsat) {
        *unsat = attempt == 0;
        if (attempt != 0) *trouble = Unconfirmed(encoder);
        return std::nullopt;
      }
      const z3::model model = solver.get_model();
      std::optional<Request> request = encoder.ReadRequest(model);
      const std::map<std::string, std::string> values = encoder.ConstantValues(model);
      if ((!request || values.size() != encoder.ConstantCount()) && !byte_ranged) {
        solver.add(encoder.ByteRanges());
        byte_ranged = true;
        continue;
      }
      if (request) {
        const PolicyDocument instance = Instantiate(trust, values, encoder.AbsentStatements(model));
        if (Evaluate({&instance}, *request).effect == Effect::kAllow) return Found{model, *request};
      }
      solver.add(encoder.Blocking(model));
    }
    *trouble = Unconfirmed(encoder);
    return std::nullopt;
  }

  // Why no witness could be replayed: what the solver read as undecided (a long
  // literal, an unknown principal) when there is such a thing, else the engine's
  // own failure.
  static std::string Unconfirmed(const Encoder& encoder) {
    const std::string atoms = encoder.AtomReasons();
    return atoms.empty() ? std::string(kCouldNotConfirm) : atoms;
  }

  TrustAnswer CanAssume(const PolicyDocument& trust, const TokenQuery& query,
                        const std::map<std::string, ConstantShape>& shapes) {
    if (trust.unknown) return Unknown(trust.unknown_reason);
    Encoder encoder(ctx, query, shapes);
    const z3::expr admitted = encoder.Admitted(trust);
    const z3::expr phi = encoder.Base() && admitted;
    const z3::expr shapes_hold = encoder.Shapes();

    bool unsat = false;
    std::string trouble;
    std::optional<Found> first = FindConfirmed(phi && shapes_hold, trust, encoder, &unsat, &trouble);
    if (!first) return unsat ? TrustAnswer{} : Unknown(trouble);
    if (!encoder.HasConstants() || query.some_reading) return Witnessed(trust, query, encoder, *first, false, "");

    // Is there a reading of the constants under which none of the tokens found
    // so far is admitted? If not, the answer holds for every reading.
    const std::vector<z3::expr> constants = encoder.Constants();
    const std::vector<z3::expr>& token = encoder.TokenVars();
    z3::solver refute = NewSolver();
    refute.add(shapes_hold);
    std::vector<z3::expr> witness = encoder.Generalize(first->model, first->model);
    for (int round = 0; round < kMaxRefinements; ++round) {
      refute.add(!Substitute(ctx, phi, token, witness));
      const z3::check_result result = refute.check();
      if (result == z3::unsat) return Witnessed(trust, query, encoder, *first, false, "");
      if (result == z3::unknown) break;
      const z3::model other = refute.get_model();
      z3::solver again = NewSolver();
      again.add(Substitute(ctx, phi, constants, Evaluated(other, constants)));
      const z3::check_result found = again.check();
      if (found == z3::unsat) {
        return Witnessed(trust, query, encoder, *first, true, Deciding(encoder, phi, shapes_hold, first->model, other));
      }
      if (found == z3::unknown) break;
      // A token for that reading too: generalise it and look for another reading.
      witness = encoder.Generalize(again.get_model(), other);
    }
    return Witnessed(trust, query, encoder, *first, true, encoder.UnknownReason());
  }

  // The inputs that decide: of the constants whose values differ between a
  // reading that admits (`yes`) and one that admits nothing (`no`), those
  // without which the `no` reading would admit again (greedily minimal).
  std::string Deciding(const Encoder& encoder, const z3::expr& phi, const z3::expr& shapes, const z3::model& yes,
                       const z3::model& no) {
    const std::vector<z3::expr> constants = encoder.Constants();
    const std::vector<std::string> reasons = encoder.ConstantReasons();
    const std::vector<z3::expr> yes_values = Evaluated(yes, constants);
    const std::vector<z3::expr> no_values = Evaluated(no, constants);
    std::vector<bool> deciding(constants.size());
    for (size_t i = 0; i < constants.size(); ++i) deciding[i] = !z3::eq(yes_values[i], no_values[i]);
    for (size_t i = 0; i < constants.size(); ++i) {
      if (!deciding[i]) continue;
      deciding[i] = false;
      std::vector<z3::expr> mixed;
      for (size_t j = 0; j < constants.size(); ++j) mixed.push_back(deciding[j] ? no_values[j] : yes_values[j]);
      z3::solver admissible = NewSolver();
      admissible.add(Substitute(ctx, shapes, constants, mixed));
      if (admissible.check() != z3::sat) {  // not a reading the inputs allow: keep it
        deciding[i] = true;
        continue;
      }
      z3::solver check = NewSolver();
      check.add(Substitute(ctx, phi, constants, mixed));
      if (check.check() != z3::unsat) deciding[i] = true;  // without it, a token is admitted (or unsure)
    }
    std::string out;
    for (size_t i = 0; i < constants.size(); ++i) {
      if (deciding[i] && out.find(reasons[i]) == std::string::npos) out += (out.empty() ? "" : "; ") + reasons[i];
    }
    return out.empty() ? encoder.UnknownReason() : out;
  }

  // The answer "admitted", with the found token made readable and each
  // constant's value in it written back as the constant.
  static TrustAnswer Witnessed(const PolicyDocument& trust, const TokenQuery& query, const Encoder& encoder,
                               const Found& found, bool possible, std::string reason) {
    const std::map<std::string, std::string> values = encoder.ConstantValues(found.model);
    const PolicyDocument instance = Instantiate(trust, values, encoder.AbsentStatements(found.model));
    Request request = found.request;
    const auto value_of = [&](const std::string& s) {
      auto it = values.find(s);
      return it == values.end() ? nullptr : &it->second;
    };
    TokenQuery concrete = query;  // readable values follow the pool's region
    if (concrete.aud) concrete.aud = SubstituteSentinels(*concrete.aud, value_of);
    for (std::string& excluded : concrete.aud_excluded) excluded = SubstituteSentinels(excluded, value_of);
    const Decision decision = Evaluate({&instance}, request);
    if (decision.effect == Effect::kAllow) MakeReadable(instance, concrete, &request);
    Abstract(values, &request);
    TrustAnswer answer = Admitted(request, Evaluate({&instance}, found.request));
    if (!answer.witness->allowed_by) answer.witness->allowed_by = encoder.AllowedBy(found.model);
    answer.depends_on_unknown = possible;
    answer.unknown_reason = std::move(reason);
    // allowed_by points into `instance`; point it at the caller's statement instead.
    if (answer.witness->allowed_by) {
      answer.witness->allowed_by = StatementWithIndex(trust, answer.witness->allowed_by->index);
    }
    return answer;
  }

  static TrustAnswer Admitted(const Request& request, const Decision& decision) {
    TrustAnswer answer;
    answer.admitted = true;
    Witness witness;
    witness.allowed_by = decision.statement;
    for (const auto& [key, values] : request.context) {
      if (key == cognito::kAudKey) {
        witness.aud = values.front();
      } else if (key == cognito::kSubKey) {
        witness.sub = values.front();
      } else if (key == cognito::kAmrKey) {
        witness.amr = values;
      } else {
        witness.context[key] = values;
      }
    }
    answer.witness = std::move(witness);
    return answer;
  }
};

ConstantShape EffectiveShape(const std::string& sentinel, const std::map<std::string, ConstantShape>& shapes) {
  auto it = shapes.find(sentinel);
  ConstantShape shape = it == shapes.end() ? ConstantShape{} : it->second;
  const std::string_view kind = SentinelKind(sentinel);
  const std::string_view name = SentinelName(sentinel);
  if (it == shapes.end()) {
    if (kind == "pool") shape.kind = ConstantShape::Kind::kPoolId;
    if (kind == "pseudo" && name == "AWS::AccountId") shape.kind = ConstantShape::Kind::kAccountId;
    if (kind == "pseudo" && name == "AWS::Region") shape.kind = ConstantShape::Kind::kRegion;
  }
  if (shape.reason.empty()) {
    if (kind == "unknown") {
      shape.reason = std::string(name);
    } else if (kind == "import") {
      shape.reason = "Fn::ImportValue " + std::string(name) + " is exported by no scanned template";
    } else if (kind == "pseudo") {
      shape.reason = std::string(name) + " is not configured";
    } else {
      const std::string shown = DisplayRendered(sentinel);  // "⟨ID of pool X⟩": 3-byte brackets
      shape.reason = "the " + shown.substr(3, shown.size() - 6) + " is known only after deployment";
    }
  }
  return shape;
}

namespace {

// Z3 reports misuse and resource exhaustion as exceptions, from any call.
template <typename Engine>
TrustAnswer AskEngine(Engine& engine, const PolicyDocument& trust, const TokenQuery& query,
                      const std::map<std::string, ConstantShape>& shapes) {
  try {
    return engine.CanAssume(trust, query, shapes);
  } catch (const z3::exception& e) {
    return Unknown(std::string("symbolic engine error: ") + e.msg());
  }
}

}  // namespace

struct SharedTrustAnswers::Impl {
  std::mutex mutex;
  TrustCache cache;

  // The cached answer, else `solve`'s (in a context of its own). Two threads may
  // solve the same question at once: both get the same answer.
  CachedTrustAnswer Answer(const std::string& key, const std::function<CachedTrustAnswer()>& solve) {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      if (const CachedTrustAnswer* cached = cache.Find(key)) return *cached;
    }
    CachedTrustAnswer answer = solve();
    const std::lock_guard<std::mutex> lock(mutex);
    return cache.Store(key, std::move(answer));
  }
};

SharedTrustAnswers::SharedTrustAnswers() : impl_(std::make_unique<Impl>()) {}
SharedTrustAnswers::~SharedTrustAnswers() = default;

// The Z3 context is made on the first question that reaches it: a solver of one
// template's analysis often has none (no identity pool, the fast path, shared
// answers), and a context costs milliseconds and some 20 MB.
TrustSolver::TrustSolver() : cache_(std::make_unique<TrustCache>()) {}
TrustSolver::~TrustSolver() = default;

void TrustSolver::SetShapes(std::map<std::string, ConstantShape> shapes) {
  shapes_ = std::move(shapes);
  cache_ = std::make_unique<TrustCache>();  // answers rest on the shapes
}

// The common shapes are settled concretely (trust_fast_path.h); identical questions
// (up to the names of the scan's constants and of the condition paths,
// trust_cache.h) are asked once: a repository of templates that each trust their
// own pool costs one solver call.
TrustAnswer TrustSolver::CanAssume(const PolicyDocument& trust, const TokenQuery& query) {
  if (trust.unknown) return Unknown(trust.unknown_reason);
  if (fast_path_) {
    if (std::optional<TrustAnswer> fast = FastTrustAnswer(trust, query, shapes_)) {
      ++fast_answers_;
      return std::move(*fast);
    }
  }
  if (!caching_) return Solve(trust, query, shapes_);
  const std::optional<CanonicalTrustQuestion> canonical = CanonicalizeTrustQuestion(trust, query, shapes_);
  if (!canonical) return Solve(trust, query, shapes_);
  if (shared_ != nullptr) {
    const CachedTrustAnswer shared = shared_->impl_->Answer(canonical->key, [&] {
      ++queries_;
      Impl fresh;
      return Detach(AskEngine(fresh, canonical->trust, canonical->query, canonical->shapes));
    });
    return Restore(shared, *canonical, trust);
  }
  const CachedTrustAnswer* cached = cache_->Find(canonical->key);
  if (cached == nullptr) {
    cached = &cache_->Store(canonical->key, Detach(Solve(canonical->trust, canonical->query, canonical->shapes)));
  }
  return Restore(*cached, *canonical, trust);
}

TrustAnswer TrustSolver::Solve(const PolicyDocument& trust, const TokenQuery& query,
                               const std::map<std::string, ConstantShape>& shapes) {
  // A Z3 context keeps every term it ever made: start a fresh one now and then, so
  // that memory stays flat on scans with thousands of roles.
  if (++queries_ % kQueriesPerContext == 0 || !impl_) impl_ = std::make_unique<Impl>();
  return AskEngine(*impl_, trust, query, shapes);
}


}  // namespace trustlint
