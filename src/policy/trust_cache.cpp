#include "policy/trust_cache.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/sentinels.h"
#include "policy/trust_fast_path.h"

namespace trustlint {

namespace {

// Placeholders for reasons: bytes no accepted reason holds (checked), no "; ".
constexpr char kReasonOpen = '\x01';
constexpr char kReasonClose = '\x02';

// Builds the canonical question while renaming; `ok` turns false at the first
// thing whose renaming could change the answer.
class Canonicalizer {
 public:
  explicit Canonicalizer(const std::map<std::string, ConstantShape>& shapes) : shapes_(shapes) {}

  bool ok() const { return ok_; }

  // Every sentinel of `text` renamed; the literal runs between them stay.
  std::string Text(const std::string& text) {
    // The solver names an over-long value by its byte count in a reason it makes up:
    // such questions are asked as they are.
    if (text.size() > kMaxModelledLiteralBytes) ok_ = false;
    if (!HasSentinel(text)) return text;
    std::string out;
    size_t sentinels = 0;
    for (const RenderedPiece& piece : SplitRendered(text)) {
      if (piece.sentinel.empty()) {
        out += piece.literal;
      } else {
        out += Sentinel(piece.sentinel);
        ++sentinels;
      }
    }
    // The solver splits the renamed text again: it must find the same pieces.
    if (out.size() > kMaxModelledLiteralBytes) ok_ = false;
    const std::vector<RenderedPiece> again = SplitRendered(out);
    if (static_cast<size_t>(std::count_if(again.begin(), again.end(), [](const RenderedPiece& p) {
          return !p.sentinel.empty();
        })) != sentinels) {
      ok_ = false;
    }
    return out;
  }

  PolicyString String(const PolicyString& s) {
    PolicyString out;
    out.text = Text(s.text);
    out.unknown = s.unknown;
    out.unknown_reason = Reason(s.unknown_reason);
    return out;
  }

  // A reason by placeholder; the empty reason stays empty (the solver never names it).
  std::string Reason(const std::string& reason) {
    if (reason.empty()) return reason;
    for (const auto& [placeholder, text] : reasons_) {
      if (text == reason) return placeholder;
    }
    Check(reason);
    std::string placeholder = kReasonOpen + std::to_string(reasons_.size()) + kReasonClose;
    reasons_.emplace(placeholder, reason);
    return placeholder;
  }

  // A reason the solver makes up from texts the canonical form keeps (a statement's
  // label): not renamed, but joined with renamed ones.
  void Verbatim(const std::string& reason) {
    Check(reason);
    verbatim_.push_back(reason);
  }

  void Refuse() { ok_ = false; }

  // Paths only tell clauses apart: numbered by first occurrence.
  std::string Path(const std::string& path) {
    if (path.find('|') != std::string::npos) ok_ = false;
    auto [it, added] = paths_.emplace(path, "p" + std::to_string(paths_.size()));
    return it->second;
  }

  // Texts the solver joins with "|" into atom identities.
  void Plain(const std::string& text) {
    if (text.find('|') != std::string::npos) ok_ = false;
  }

  CanonicalTrustQuestion Finish() {
    CanonicalTrustQuestion out;
    out.shapes = std::move(canonical_shapes_);
    out.reasons = std::move(reasons_);
    for (const auto& [original, canonical] : sentinels_) out.sentinels.emplace(canonical, original);
    return out;
  }

  const std::vector<std::string>& SentinelOrder() const { return order_; }
  const std::map<std::string, ConstantShape>& CanonicalShapes() const { return canonical_shapes_; }

 private:
  std::string Sentinel(const std::string& sentinel) {
    auto found = sentinels_.find(sentinel);
    if (found != sentinels_.end()) return found->second;
    std::string canonical =
        "\u27e8" + std::string(SentinelKind(sentinel)) + ":#" + std::to_string(sentinels_.size()) + "\u27e9";
    ConstantShape shape = EffectiveShape(sentinel, shapes_);
    if (shape.reason.empty()) ok_ = false;  // the solver would name it after the canonical sentinel
    shape.reason = Reason(shape.reason);
    canonical_shapes_.emplace(canonical, std::move(shape));
    sentinels_.emplace(sentinel, canonical);
    order_.push_back(canonical);
    return canonical;
  }

  // The solver joins reasons with "; " and skips one the text so far contains: that
  // reads the same for placeholders as for the texts when no reason holds "; " or
  // holds another.
  void Check(const std::string& reason) {
    const bool joinable = reason.find(';') == std::string::npos && reason.find(kReasonOpen) == std::string::npos &&
                          reason.find(kReasonClose) == std::string::npos;
    const auto related = [&](const std::string& other) {
      return other.find(reason) != std::string::npos || reason.find(other) != std::string::npos;
    };
    const bool apart = std::none_of(reasons_.begin(), reasons_.end(), [&](const auto& e) { return related(e.second); }) &&
                       std::none_of(verbatim_.begin(), verbatim_.end(), related);
    if (!joinable || !apart) ok_ = false;
  }

  const std::map<std::string, ConstantShape>& shapes_;
  bool ok_ = true;
  std::vector<std::string> verbatim_;
  std::map<std::string, std::string> sentinels_;  // caller's -> canonical
  std::vector<std::string> order_;                // canonical, by first occurrence
  std::map<std::string, ConstantShape> canonical_shapes_;
  std::map<std::string, std::string> reasons_;  // placeholder -> caller's text
  std::map<std::string, std::string> paths_;
};

// Length-prefixed fields: no two questions serialise alike.
class KeyWriter {
 public:
  void Put(std::string_view text) {
    key_ += std::to_string(text.size());
    key_ += ':';
    key_ += text;
  }
  void Put(long number) { Put(std::to_string(number)); }
  void Put(bool flag) { key_ += flag ? 'T' : 'F'; }
  void Put(const PolicyString& s) {
    Put(s.text);
    Put(s.unknown);
    Put(s.unknown_reason);
  }
  template <typename T>
  void PutAll(const std::vector<T>& items) {
    Put(static_cast<long>(items.size()));
    for (const T& item : items) Put(item);
  }
  void Put(const ConstantShape& shape) {
    Put(static_cast<long>(shape.kind));
    Put(shape.region);
    Put(shape.scan_pool);
    PutAll(shape.allowed_values);
    Put(shape.allowed_pattern);
    Put(shape.min_length ? static_cast<long>(*shape.min_length) : -1L);
    Put(shape.max_length ? static_cast<long>(*shape.max_length) : -1L);
    Put(shape.reason);
  }
  std::string Take() { return std::move(key_); }

 private:
  std::string key_;
};

Condition CanonicalCondition(const Condition& condition, Canonicalizer& names) {
  names.Plain(condition.op_text);
  names.Plain(condition.key_lower);
  if (HasSentinel(condition.key)) names.Refuse();  // a key is a name, never renamed
  Condition out;
  out.op_text = condition.op_text;
  out.op = condition.op;
  out.set = condition.set;
  out.if_exists = condition.if_exists;
  out.key = condition.key;
  out.key_lower = condition.key_lower;
  for (const PolicyString& value : condition.values) {
    names.Plain(value.text);
    out.values.push_back(names.String(value));
  }
  out.path = names.Path(condition.path);
  out.variables = condition.variables;
  return out;
}

// What the solver reads of a statement, renamed; locations and display texts dropped.
Statement CanonicalStatement(const Statement& statement, Canonicalizer& names) {
  Statement out;
  out.index = statement.index;
  out.sid = statement.sid;
  out.allow = statement.allow;
  out.has_principal = statement.has_principal;
  out.not_principal = statement.not_principal;
  for (const Principal& p : statement.principals) out.principals.push_back({p.type, names.String(p.value)});
  out.not_action = statement.not_action;
  for (const PolicyString& a : statement.actions) out.actions.push_back(names.String(a));
  out.has_resource = statement.has_resource;
  out.not_resource = statement.not_resource;
  for (const PolicyString& r : statement.resources) out.resources.push_back(names.String(r));
  for (const Condition& c : statement.conditions) out.conditions.push_back(CanonicalCondition(c, names));
  out.conditional = statement.conditional;
  out.variables = statement.variables;
  if (statement.conditional) names.Verbatim(UndecidedStatementReason(statement));  // the solver's own reason
  return out;
}

void WriteStatement(const Statement& s, KeyWriter& key) {
  key.Put(static_cast<long>(s.index));
  key.Put(s.sid);
  for (bool flag : {s.allow, s.has_principal, s.not_principal, s.not_action, s.has_resource, s.not_resource,
                    s.conditional, s.variables}) {
    key.Put(flag);
  }
  key.Put(static_cast<long>(s.principals.size()));
  for (const Principal& p : s.principals) {
    key.Put(p.type);
    key.Put(p.value);
  }
  key.PutAll(s.actions);
  key.PutAll(s.resources);
  key.Put(static_cast<long>(s.conditions.size()));
  for (const Condition& c : s.conditions) {
    for (const std::string& text : {c.op_text, c.op, c.key, c.key_lower, c.path}) key.Put(text);
    key.Put(static_cast<long>(c.set));
    key.Put(c.if_exists);
    key.Put(c.variables);
    key.PutAll(c.values);
  }
}

std::string WriteKey(const CanonicalTrustQuestion& question, const std::vector<std::string>& sentinel_order) {
  KeyWriter key;
  key.Put(static_cast<long>(question.query.amr));
  key.Put(question.query.aud.has_value());
  key.Put(question.query.aud.value_or(""));
  key.PutAll(question.query.aud_excluded);
  key.Put(question.query.some_reading);
  key.Put(static_cast<long>(question.trust.statements.size()));
  for (const Statement& statement : question.trust.statements) WriteStatement(statement, key);
  for (const std::string& sentinel : sentinel_order) key.Put(question.shapes.at(sentinel));
  return key.Take();
}

std::string RenameBack(const std::string& text, const std::map<std::string, std::string>& names) {
  auto it = names.find(text);
  return it == names.end() ? text : it->second;
}

// Every placeholder in `text` replaced by its reason.
std::string RestoreReasons(const std::string& text, const std::map<std::string, std::string>& reasons) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find(kReasonOpen, at);
    const size_t close = open == std::string::npos ? open : text.find(kReasonClose, open);
    if (close == std::string::npos) break;
    out.append(text, at, open - at);
    out += RenameBack(text.substr(open, close + 1 - open), reasons);
    at = close + 1;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

std::optional<CanonicalTrustQuestion> CanonicalizeTrustQuestion(const PolicyDocument& trust, const TokenQuery& query,
                                                                const std::map<std::string, ConstantShape>& shapes) {
  Canonicalizer names(shapes);
  TokenQuery canonical_query = query;
  if (query.aud) canonical_query.aud = names.Text(*query.aud);
  for (std::string& excluded : canonical_query.aud_excluded) excluded = names.Text(excluded);
  PolicyDocument canonical_trust;
  for (const Statement& statement : trust.statements) {
    canonical_trust.statements.push_back(CanonicalStatement(statement, names));
  }
  if (!names.ok()) return std::nullopt;
  const std::vector<std::string> order = names.SentinelOrder();
  CanonicalTrustQuestion out = names.Finish();
  out.trust = std::move(canonical_trust);
  out.query = std::move(canonical_query);
  out.key = WriteKey(out, order);
  return out;
}

CachedTrustAnswer Detach(TrustAnswer answer) {
  CachedTrustAnswer out;
  if (answer.witness && answer.witness->allowed_by) {
    out.allowed_index = answer.witness->allowed_by->index;
    answer.witness->allowed_by = nullptr;
  }
  out.answer = std::move(answer);
  return out;
}

TrustAnswer Restore(const CachedTrustAnswer& cached, const CanonicalTrustQuestion& question,
                    const PolicyDocument& trust) {
  TrustAnswer answer = cached.answer;
  answer.unknown_reason = RestoreReasons(answer.unknown_reason, question.reasons);
  if (!answer.witness) return answer;
  Witness& witness = *answer.witness;
  // The solver writes a constant's value back as the whole sentinel (never inside a string).
  witness.aud = RenameBack(witness.aud, question.sentinels);
  witness.sub = RenameBack(witness.sub, question.sentinels);
  for (std::string& entry : witness.amr) entry = RenameBack(entry, question.sentinels);
  for (auto& [key, values] : witness.context) {
    for (std::string& value : values) value = RenameBack(value, question.sentinels);
  }
  if (cached.allowed_index) witness.allowed_by = StatementWithIndex(trust, *cached.allowed_index);
  return answer;
}

const CachedTrustAnswer* TrustCache::Find(const std::string& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

const CachedTrustAnswer& TrustCache::Store(const std::string& key, CachedTrustAnswer answer) {
  if (entries_.size() >= kMaxEntries) entries_.clear();
  return entries_.insert_or_assign(key, std::move(answer)).first->second;
}

}  // namespace trustlint
