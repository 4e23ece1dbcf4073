// TL106 condition-set-operator: the multivalued amr key tested without ForAnyValue: (or
// with ForAllValues: in an Allow), or the single-valued aud/sub keys tested with a set prefix.
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/operators.h"
#include "policy/token.h"

namespace trustlint {
namespace {

// "value" or ["a", "b"], as written.
std::string QuoteValues(const Condition& c) {
  std::string out;
  for (const PolicyString& v : c.values) {
    if (!out.empty()) out += ", ";
    out += "\"" + v.display + "\"";
  }
  return c.values.size() == 1 ? out : "[" + out + "]";
}

bool Negated(const Condition& c) { return IsNegatedOperator(c.op); }

// A StringLike value that is not "unauthenticated" yet matches it, e.g. "*authenticated".
const PolicyString* AlsoMatchesGuest(const Condition& c) {
  if (c.op != "StringLike") return nullptr;
  for (const PolicyString& v : c.values) {
    if (v.unknown || v.text == cognito::kGuestAmr) continue;
    if (GlobMatch(v.text, cognito::kGuestAmr, false)) return &v;
  }
  return nullptr;
}

// Why a plain operator on amr is a problem, as the second half of the message.
std::string PlainAmrConsequence(const Statement& s, const Condition& c) {
  if (Negated(c)) {
    return std::string("IAM reads a plain negated operator on a multivalued key as \"no amr value "
                       "matches\", which the policy does not say; ") +
           (s.allow ? "test the amr values to admit with ForAnyValue:StringLike instead"
                    : "write ForAllValues:" + c.op + " to say it");
  }
  if (const PolicyString* v = s.allow ? AlsoMatchesGuest(c) : nullptr) {
    return "IAM reads it as \"some amr value matches\", and \"" + v->display +
           "\" also matches \"unauthenticated\", so a guest token with amr [\"unauthenticated\"] passes it";
  }
  return "IAM reads it as \"some amr value matches\", which the policy does not say; write ForAnyValue:" +
         c.op + " to say it";
}

// The finding's message for one offending condition, or "" when the condition is fine.
std::string Problem(const Statement& s, const Condition& c) {
  const std::string head = "condition " + c.op_text + " " + QuoteValues(c) + " on " + c.key;
  if (c.key_lower == cognito::kAmrKey) {
    if (c.op == "Null") return "";  // tests presence, not values: no set prefix needed
    if (c.set == SetPrefix::kNone) {
      return head + " tests the multivalued amr key without ForAnyValue:; " + PlainAmrConsequence(s, c);
    }
    if (c.set == SetPrefix::kForAllValues && s.allow) {
      return head +
             " in an Allow: ForAllValues: is true when amr is absent or empty, and fails for signed-in users "
             "whose amr carries any entry not listed (every token carries its provider too); " +
             (Negated(c) ? std::string("test the amr values to admit with ForAnyValue:StringLike instead")
                         : "use ForAnyValue:" + c.op);
    }
    return "";
  }
  if ((c.key_lower == cognito::kAudKey || c.key_lower == cognito::kSubKey) && c.set != SetPrefix::kNone) {
    const std::string key = c.key_lower == cognito::kAudKey ? "aud" : "sub";
    if (c.set == SetPrefix::kForAllValues) {
      return head + " uses a set prefix on the single-valued " + key +
             " key: ForAllValues: is also true when " + key + " is absent, so it does not require " + key +
             " to be " + QuoteValues(c) + "; use plain " + c.op;
    }
    return head + " uses a set prefix on the single-valued " + key +
           " key: it matches only while the key is present and hides which values are meant; use plain " + c.op;
  }
  return "";
}

class ConditionSetOperator final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL106",
        .name = "condition-set-operator",
        .severity = Severity::kWarning,
        .summary = "amr (multivalued) is tested without `ForAnyValue:`, or with `ForAllValues:` in an Allow; "
                   "or aud/sub (single-valued) is tested with a set prefix",
        .explanation =
            "A Cognito identity token carries `cognito-identity.amazonaws.com:amr` as a *list*: a guest "
            "has `[\"unauthenticated\"]`, a signed-in user has `\"authenticated\"` plus the login "
            "provider (for example `[\"authenticated\", \"graph.facebook.com\", "
            "\"graph.facebook.com:123\"]`). IAM needs a set prefix to say how a list is compared:\n\n"
            "- `ForAnyValue:StringLike` — some entry matches. This is the form AWS documents.\n"
            "- a plain operator (`StringLike`, `StringEquals`) — IAM documents no meaning for it on a "
            "list; trustlint reads it as \"some entry matches\". The danger is the pattern: "
            "`StringLike: {amr: \"*authenticated\"}` also matches `\"unauthenticated\"`, so guests "
            "pass a condition written for signed-in users.\n"
            "- `ForAllValues:` in an Allow — every entry must match, and it is *true when the list is "
            "absent or empty*. It rejects signed-in users whose token lists a provider you did not "
            "name, and admits a request without amr.\n\n"
            "`aud` (the pool ID) and `sub` (the identity ID) are single values. A set prefix on them "
            "is at best a confusing plain test; `ForAllValues:` is true when the key is absent, so "
            "the condition no longer pins the pool or identity it names.",
        .fix =
            "Test amr with `ForAnyValue:StringLike` (or `ForAnyValue:StringEquals`) and exact values "
            "such as `authenticated`, `unauthenticated` or a provider name; never with a leading "
            "`*`. Test aud and sub with plain `StringEquals`.\n\n"
            "```yaml\n"
            "Condition:\n"
            "  StringEquals:\n"
            "    cognito-identity.amazonaws.com:aud: !Ref IdentityPool\n"
            "  ForAnyValue:StringLike:\n"
            "    cognito-identity.amazonaws.com:amr: authenticated\n"
            "```",
        .seed =
            "To create a policy limited to users who have logged in with a specific provider (perhaps "
            "your own login provider), check the value of cognito-identity.amazonaws.com:amr:\n\n"
            "\"ForAnyValue:StringLike\": { \"cognito-identity.amazonaws.com:amr\": "
            "\"login.myprovider.myapp\" }",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  // Trust policies of every role, then every permissions document; a standalone policy
  // attached to several roles is reported once (conditions are keyed by position).
  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    std::set<std::tuple<Location, std::string>> seen;
    ctx.ForEachDocument(
        [&](const AnalysisContext::OwnedDocument& owned) { CheckDocument(owned.doc, owned.owner, seen, out); });
  }

 private:
  void CheckDocument(const PolicyDocument& doc, const std::string& owner,
                     std::set<std::tuple<Location, std::string>>& seen,
                     std::vector<Finding>& out) const {
    for (const Statement& s : doc.statements) {
      for (const Condition& c : s.conditions) {
        std::string message = Problem(s, c);
        // Keyed by where the condition is written, so that positions alone (or paths alone,
        // for hand-built graphs) never merge two different conditions.
        const std::string where = owner + "\n" + doc.path + "\n" + std::to_string(s.index) + "\n" + c.path + "\n" +
                                  c.op_text + "\n" + c.key_lower;
        if (message.empty() || !seen.emplace(c.loc, where).second) continue;
        out.push_back(MakeFinding(owner, s, c, std::move(message)));
      }
    }
  }

  Finding MakeFinding(const std::string& owner, const Statement& s, const Condition& c, std::string message) const {
    Finding f = NewFinding();
    f.resource = owner;
    f.loc = c.loc.Known() ? c.loc : s.loc;
    f.logical_path = c.path.empty() ? s.path : c.path;
    f.message = (s.allow ? "Allow" : "Deny") + std::string(" statement ") + std::to_string(s.index) + ": " +
                std::move(message);
    f.AddWitness("operator", c.op_text);
    f.AddWitness("key", c.key);
    if (s.allow && c.set == SetPrefix::kNone && AlsoMatchesGuest(c)) {
      f.AddWitnessList("amr", {std::string(cognito::kGuestAmr)});
    }
    if (s.conditional) {
      f.proven = false;
      f.possible_because = "the statement is present only in one branch of an undecided Fn::If";
    }
    return f;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL106() { return std::make_unique<ConditionSetOperator>(); }

}  // namespace trustlint
