// TL205 no-per-identity-scoping: an identity-pool role allows S3 object writes or
// DynamoDB item writes on a wildcard resource without scoping them to the identity.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/permissions.h"

namespace trustlint {
namespace {

// DynamoDB actions that write items (as opposed to tables, backups, streams).
const std::set<std::string>& DynamoItemWrites() {
  static const std::set<std::string> actions = {
      "dynamodb:BatchWriteItem", "dynamodb:DeleteItem",    "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert",
      "dynamodb:PartiQLUpdate",  "dynamodb:PutItem",       "dynamodb:UpdateItem",
  };
  return actions;
}

bool IsS3ObjectWrite(const ActionInfo& a) {
  if (a.service != "s3" || a.access != AccessLevel::kWrite) return false;
  for (const ResourceTypeRef& r : a.resource_types) {
    if (r.name == "object") return true;
  }
  return false;
}

// Without Version 2012-10-17 IAM reads `${cognito-identity.amazonaws.com:sub}` as
// literal text: every identity gets the same literal path or key, which scopes nothing.
bool LiteralSubVariable(bool variables, std::string_view text) { return !variables && HasSubVariable(text); }

bool HasLeadingKeys(const Statement& s) {
  for (const Condition& c : s.conditions) {
    if (c.key_lower != "dynamodb:leadingkeys") continue;
    const bool literal_sub = std::any_of(c.values.begin(), c.values.end(), [&](const PolicyString& v) {
      return LiteralSubVariable(c.variables, v.text);
    });
    if (!literal_sub) return true;
  }
  return false;
}

bool LeadingKeysLiteralSub(const Statement& s) {
  for (const Condition& c : s.conditions) {
    if (c.key_lower != "dynamodb:leadingkeys") continue;
    for (const PolicyString& v : c.values) {
      if (LiteralSubVariable(c.variables, v.text)) return true;
    }
  }
  return false;
}

constexpr std::string_view kLiteralSub =
    " (the policy has no Version 2012-10-17, so ${cognito-identity.amazonaws.com:sub} is literal text)";

class NoPerIdentityScoping final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL205",
        .name = "no-per-identity-scoping",
        .severity = Severity::kWarning,
        .summary = "an identity-pool role allows object-level S3 writes or DynamoDB item writes on a wildcard "
                   "resource without `${cognito-identity.amazonaws.com:sub}` in the resource (S3) or a "
                   "`dynamodb:LeadingKeys` condition (DynamoDB)",
        .explanation =
            "All identities of a pool share the role's permissions. Unless a write is scoped to the "
            "caller's identity ID, any app user can overwrite or delete every other user's objects or "
            "items. For S3, put `${cognito-identity.amazonaws.com:sub}` in the object key of the "
            "resource; for DynamoDB, add a `ForAllValues:StringEquals` condition on "
            "`dynamodb:LeadingKeys` (the partition key) to the same variable. A DynamoDB table ARN covers "
            "every item in it, so DynamoDB item writes without `dynamodb:LeadingKeys` are reported "
            "whatever the table resource; S3 object writes are reported when the object resource holds a "
            "wildcard. IAM substitutes policy variables only in a policy with `Version: 2012-10-17`; "
            "without a Version (or with 2008-10-17) `${cognito-identity.amazonaws.com:sub}` is literal "
            "text, every identity writes the same literal path or key, and the write is reported too.",
        .fix =
            "S3: `Resource: arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/*`. DynamoDB: "
            "`Condition: {ForAllValues:StringEquals: {dynamodb:LeadingKeys: "
            "[\"${cognito-identity.amazonaws.com:sub}\"]}}`. In Terraform write the variable as `$${...}` "
            "in strings or `&{...}` in `aws_iam_policy_document`.",
        .seed =
            "As a security best practice, policies should include only the permissions that users require "
            "to perform their tasks. This means that you should try to always scope access to an "
            "individual identity for objects whenever possible.\n\n"
            "The following access policy grants read and write permissions to access a specific prefix "
            "\"folder\" in an S3 bucket by mapping the prefix to the ${cognito-identity.amazonaws.com:sub} "
            "variable.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      if (ctx.IsIdentityPoolRole(role)) CheckRole(ctx, role, out);
    }
  }

 private:
  void CheckRole(AnalysisContext& ctx, int role_index, std::vector<Finding>& out) const {
    const Role& role = ctx.graph().roles[role_index];
    const RolePermissions& perms = ctx.Effective(role_index, ctx.IdentitiesOf(role_index));
    // Grants come sorted by action; report per statement, in grant order.
    std::vector<const Statement*> order;
    std::vector<std::vector<const Grant*>> s3_by_statement;
    std::vector<std::vector<const Grant*>> ddb_by_statement;
    auto slot = [&](const Statement* s) {
      for (size_t i = 0; i < order.size(); ++i) {
        if (order[i] == s) return i;
      }
      order.push_back(s);
      s3_by_statement.emplace_back();
      ddb_by_statement.emplace_back();
      return order.size() - 1;
    };
    for (const Grant& g : perms.grants) {
      if (IsS3ObjectWrite(*g.action)) {
        const bool wildcard = g.not_resource || g.resource.find_first_of("*?") != std::string::npos;
        const bool scoped = HasSubVariable(g.resource) && g.statement->variables;
        if (wildcard && !scoped) s3_by_statement[slot(g.statement)].push_back(&g);
      } else if (DynamoItemWrites().count(g.action->FullName()) && !HasLeadingKeys(*g.statement)) {
        ddb_by_statement[slot(g.statement)].push_back(&g);
      }
    }
    for (size_t i = 0; i < order.size(); ++i) {
      const std::vector<const Grant*>& s3 = s3_by_statement[i];
      const std::vector<const Grant*>& ddb = ddb_by_statement[i];
      if (s3.empty() && ddb.empty()) continue;
      const Grant& first = s3.empty() ? *ddb.front() : *s3.front();
      Finding f = NewFinding();
      f.resource = role.address;
      const Location at = GrantLocation(perms, first);
      f.loc = at.Known() ? at : role.loc;
      f.logical_path = GrantPath(perms, first).empty() ? role.path : GrantPath(perms, first);
      f.message = "identity-pool role " + role.address + " lets every identity write every other identity's data:";
      if (!s3.empty()) {
        f.message += " S3 object writes " + GroupByService(ActionNames(s3)) + " on \"" + s3.front()->resource_display +
                     "\" without ${cognito-identity.amazonaws.com:sub} in the resource";
        if (LiteralSubVariable(s3.front()->statement->variables, s3.front()->resource)) f.message += kLiteralSub;
      }
      if (!ddb.empty()) {
        f.message += std::string(s3.empty() ? "" : ";") + " DynamoDB item writes " + GroupByService(ActionNames(ddb)) +
                     " on \"" + ddb.front()->resource_display + "\" without a dynamodb:LeadingKeys condition";
        if (LeadingKeysLiteralSub(*ddb.front()->statement)) f.message += kLiteralSub;
      }
      if (!first.via.empty()) f.message += " (via " + first.via + ")";
      f.AddWitness("action", first.action->FullName());
      f.AddWitness("resource", first.resource_display);
      if (perms.depends_on_unknown) {
        f.proven = false;
        f.possible_because = perms.unknown_reason;
      }
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL205() { return std::make_unique<NoPerIdentityScoping>(); }

}  // namespace trustlint
