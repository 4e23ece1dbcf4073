// TL207 leadingkeys-isolation-bypass: a statement isolated by dynamodb:LeadingKeys is
// not `ForAllValues:StringEquals` to the identity ID, or also allows Scan, dynamodb:*
// or PartiQL actions (which carry no leading keys, so ForAllValues holds vacuously).
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/permissions.h"

namespace trustlint {
namespace {

// Actions whose requests carry no dynamodb:LeadingKeys, so the isolation never applies.
constexpr std::string_view kBypassActions[] = {
    "dynamodb:Scan",          "dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete",
};

bool IsolatedToSub(const Condition& c) {
  if (c.set != SetPrefix::kForAllValues || c.op != "StringEquals" || c.if_exists) return false;
  if (!c.variables) return false;  // no Version 2012-10-17: a literal key isolates no one
  if (c.values.empty()) return false;
  for (const PolicyString& v : c.values) {
    if (!HasSubVariable(v.text) || v.text.size() != kSubVariable.size()) return false;
  }
  return true;
}

// The statement's action patterns that let a bypass action through.
std::vector<std::string> BypassPatterns(const Statement& s) {
  std::vector<std::string> out;
  if (s.not_action) {
    for (std::string_view action : kBypassActions) {
      bool excluded = false;
      for (const PolicyString& a : s.actions) excluded = excluded || GlobMatch(a.text, action, true);
      if (!excluded) out.push_back("NotAction leaves " + std::string(action));
    }
    return out;
  }
  for (const PolicyString& a : s.actions) {
    for (std::string_view action : kBypassActions) {
      if (GlobMatch(a.text, action, true)) {
        out.push_back(a.display);
        break;
      }
    }
  }
  return out;
}

class LeadingKeysIsolationBypass final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL207",
        .name = "leadingkeys-isolation-bypass",
        .severity = Severity::kError,
        .summary = "a statement isolated by `dynamodb:LeadingKeys` uses anything but `ForAllValues:StringEquals` to "
                   "`${cognito-identity.amazonaws.com:sub}`, or also allows `dynamodb:Scan`, `dynamodb:*`, or "
                   "PartiQL actions",
        .explanation =
            "DynamoDB fine-grained access control isolates identities by the partition key: "
            "`dynamodb:LeadingKeys` holds the partition keys a request touches, and "
            "`ForAllValues:StringEquals` to `${cognito-identity.amazonaws.com:sub}` lets a request through "
            "only when every key it touches is the caller's own identity ID.\n\n"
            "It breaks in two ways. Another operator does not isolate: `StringLike` with a wildcard, "
            "`ForAnyValue:` (one own key among others' keys passes), a plain operator, `IfExists`, or a "
            "value other than the variable. And `ForAllValues` is true when the key is absent: `Scan` and "
            "the PartiQL actions carry no leading keys, so a statement that also allows them (`dynamodb:*`, "
            "`dynamodb:Scan`, `dynamodb:PartiQL*`) lets every identity read or change the whole table.",
        .fix =
            "Use exactly `ForAllValues:StringEquals: {dynamodb:LeadingKeys: "
            "[\"${cognito-identity.amazonaws.com:sub}\"]}` and list only key-addressed item actions "
            "(`GetItem`, `BatchGetItem`, `Query`, `PutItem`, `UpdateItem`, `DeleteItem`, `BatchWriteItem`).",
        .seed =
            "The following access policy provides fine-grained access control to DynamoDB resources using "
            "Amazon Cognito environment variables. These variables grant access to items in DynamoDB by "
            "identity ID.\n\n"
            "\"Condition\": { \"ForAllValues:StringEquals\": { \"dynamodb:LeadingKeys\": "
            "[\"${cognito-identity.amazonaws.com:sub}\"] } }",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      if (!ctx.IsIdentityPoolRole(role)) continue;
      for (const PolicyDocument& doc : ctx.Permissions(role)) {
        for (const Statement& s : doc.statements) CheckStatement(graph.roles[i], s, out);
      }
    }
  }

 private:
  void CheckStatement(const Role& role, const Statement& s, std::vector<Finding>& out) const {
    if (!s.allow) return;
    std::vector<const Condition*> leading;
    for (const Condition& c : s.conditions) {
      if (c.key_lower == "dynamodb:leadingkeys") leading.push_back(&c);
    }
    if (leading.empty()) return;
    std::vector<std::string> problems;
    const Condition* at = nullptr;
    for (const Condition* c : leading) {
      if (IsolatedToSub(*c)) continue;
      std::string values;
      for (const PolicyString& v : c->values) values += (values.empty() ? "\"" : ", \"") + v.display + "\"";
      const bool literal_sub = !c->variables && values.find(kSubVariable) != std::string::npos;
      problems.push_back(literal_sub ? "dynamodb:LeadingKeys is tested with " + c->op_text + " [" + values +
                                           "], but the policy has no Version 2012-10-17, so " +
                                           std::string(kSubVariable) + " is literal text, not the caller's ID"
                                     : "dynamodb:LeadingKeys is tested with " + c->op_text + " [" + values +
                                           "] instead of ForAllValues:StringEquals [\"" + std::string(kSubVariable) +
                                           "\"]");
      if (!at) at = c;
    }
    const std::vector<std::string> bypass = BypassPatterns(s);
    if (!bypass.empty()) {
      std::string list;
      for (const std::string& b : bypass) list += (list.empty() ? "\"" : ", \"") + b + "\"";
      problems.push_back("it also allows " + list +
                         ", whose requests carry no leading keys, so ForAllValues holds and every item is reachable");
    }
    if (problems.empty()) return;
    Finding f = NewFinding();
    f.resource = role.address;
    const Location& loc = at && at->loc.Known() ? at->loc : s.loc;
    f.loc = loc.Known() ? loc : role.loc;
    f.logical_path = at ? at->path : s.path;
    f.message = "role " + role.address + " statement " + std::to_string(s.index) +
                " does not isolate identities by partition key: ";
    for (size_t i = 0; i < problems.size(); ++i) f.message += (i ? "; " : "") + problems[i];
    f.AddWitness("condition", leading.front()->op_text + " " + leading.front()->key);
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL207() { return std::make_unique<LeadingKeysIsolationBypass>(); }

}  // namespace trustlint
