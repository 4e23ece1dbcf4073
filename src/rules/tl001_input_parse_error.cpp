// TL001 input-parse-error: a file that looks like IaC, or a policy inside it, does not parse.
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "check/context.h"
#include "check/rule.h"

namespace trustlint {
namespace {

class InputParseError final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL001",
        .name = "input-parse-error",
        .severity = Severity::kError,
        .summary = "a file that looks like IaC does not parse",
        .explanation =
            "A template or policy that trustlint cannot read is a template it cannot prove anything "
            "about. Rather than pass silently, every file that looks like CloudFormation or Terraform "
            "but fails to parse, and every policy document whose structure IAM would reject "
            "(for example a `Statement` that is a plain string), is reported with the parser's own "
            "message and position. The rest of the scan goes on, so one broken file never hides the "
            "findings of the others.\n\n"
            "IAM applies the same discipline: it refuses to save a malformed policy, and a role whose "
            "trust policy cannot be read cannot be assumed the way the template author intended.",
        .fix =
            "Fix the syntax at the reported line and column (unclosed brackets, bad indentation, a "
            "list where a mapping is required), or make the policy follow the IAM grammar: "
            "`Statement` is a mapping or a list of mappings, each with `Effect`, `Action` or "
            "`NotAction`, and for a trust policy a `Principal`.",
        .seed =
            "You must apply at least one condition that limits trust policies for roles that you use "
            "with identity pools. When you create or update role trust policies for identity pools, "
            "IAM returns an error if you try to save your changes without at least one condition key "
            "that limits source identities.",
        .bad_example =
            "Resources:\n"
            "  AuthRole:\n"
            "    Type: AWS::IAM::Role\n"
            "    Properties:\n"
            "      AssumeRolePolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement: \"Allow cognito-identity.amazonaws.com\"\n",
        .good_example =
            "Resources:\n"
            "  AuthRole:\n"
            "    Type: AWS::IAM::Role\n"
            "    Properties:\n"
            "      AssumeRolePolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Principal:\n"
            "              Federated: cognito-identity.amazonaws.com\n"
            "            Action: sts:AssumeRoleWithWebIdentity\n"
            "            Condition:\n"
            "              StringEquals:\n"
            "                cognito-identity.amazonaws.com:aud: !Ref IdentityPool\n",
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    const Graph& graph = ctx.graph();
    for (const ParseError& error : graph.parse_errors) {
      Finding f = NewFinding();
      f.resource = error.loc.file;
      f.loc = error.loc;
      f.message = error.message;
      out.push_back(std::move(f));
    }
    // A standalone policy is reached both on its own and through every role it is
    // attached to: report each issue once.
    std::set<std::tuple<std::string, Location, std::string>> seen;
    auto report = [&](const PolicyDocument& doc, const std::string& fallback_owner) {
      for (const PolicyIssue& issue : doc.issues) {
        const std::string& owner = doc.owner.empty() ? fallback_owner : doc.owner;
        if (!seen.emplace(owner, issue.loc, issue.message).second) continue;
        Finding f = NewFinding();
        f.resource = owner;
        f.loc = issue.loc.Known() ? issue.loc : doc.loc;
        f.logical_path = doc.path;
        f.message = "policy of " + owner + " does not parse: " + issue.message;
        out.push_back(std::move(f));
      }
    };
    for (size_t i = 0; i < graph.roles.size(); ++i) {
      const int role = static_cast<int>(i);
      report(ctx.Trust(role), graph.roles[i].address);
      for (const PolicyDocument& doc : ctx.Permissions(role)) report(doc, graph.roles[i].address);
    }
    for (size_t i = 0; i < graph.policies.size(); ++i) {
      report(ctx.PolicyDoc(static_cast<int>(i)), graph.policies[i].address);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL001() { return std::make_unique<InputParseError>(); }

}  // namespace trustlint
