// TL004 policy-invalid: a policy document that parses but that IAM would reject, or that
// is missing. The parser reads such a document as granting nothing (policy/policy.h).
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "check/context.h"
#include "check/rule.h"

namespace trustlint {
namespace {

class PolicyInvalid final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL004",
        .name = "policy-invalid",
        .severity = Severity::kWarning,
        .summary =
            "a policy document that parses but that IAM would reject or that is missing (no `Statement`, a "
            "`Version` other than the two IAM knows, `Action` with `NotAction`, an empty or absent trust "
            "policy): trustlint reads it as granting nothing. TL001 is only for files that do not parse",
        .explanation =
            "IAM checks every policy against its grammar when the role or policy is saved, and refuses "
            "one that breaks it with `MalformedPolicyDocument`: a document without `Statement`, a "
            "`Version` other than `2012-10-17` or `2008-10-17`, a statement with both `Action` and "
            "`NotAction` (or `Resource` and `NotResource`, `Principal` and `NotPrincipal`), a statement "
            "without `Effect` or with an element IAM does not know (`Conditon`), a `Statement` that is a "
            "plain string, a policy given as JSON text that is not JSON. A role needs a trust policy: "
            "`AssumeRolePolicyDocument` and `assume_role_policy` are required, and an empty one (`{}`) "
            "is refused too.\n\n"
            "The template itself is fine for CloudFormation's and Terraform's parsers, so this is not "
            "TL001: the deployment fails later, when IAM sees the policy, and until it is fixed the "
            "role or policy does not exist as written. trustlint therefore reads an invalid document as "
            "granting nothing: a role whose trust policy is invalid is assumable by nobody (a pool that "
            "attaches it also gets TL103, since its identities cannot assume it), and an invalid "
            "permissions policy adds no permission. No other finding rests on the document's "
            "statements, so fix this one first: the findings of the corrected policy appear then.",
        .fix =
            "Write the document the way IAM's policy grammar requires: a `Version` of `\"2012-10-17\"` "
            "(the only version with policy variables), a `Statement` that is a mapping or a list of "
            "mappings, each with `Effect` (`Allow` or `Deny`), one of `Action`/`NotAction`, at most one "
            "of `Resource`/`NotResource` and of `Principal`/`NotPrincipal`, and only the elements `Sid`, "
            "`Condition` besides. Give every role a trust policy that names who may assume it; for an "
            "identity-pool role, the federated principal `cognito-identity.amazonaws.com`, the action "
            "`sts:AssumeRoleWithWebIdentity` and conditions on `aud` and `amr`.",
        .seed =
            "In basic, or classic, authentication with an identity pool, you can assume any IAM role "
            "with AWS STS if it has the right trust policy.\n\n"
            "The following example role trust policy allows the federated service principal "
            "cognito-identity.amazonaws.com to call the AWS STS API AssumeRoleWithWebIdentity. The "
            "request will only succeed if the identity pool token in the API request has the following "
            "claims.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    // A policy missing from a file with a syntax error is most likely text the parser
    // skipped: that is the file's TL001, not a second finding.
    std::set<std::string> broken_files;
    for (const ParseError& error : ctx.graph().parse_errors) broken_files.insert(error.loc.file);
    // A standalone policy is reached both on its own and through every role it is
    // attached to: report each issue once.
    std::set<std::tuple<std::string, Location, std::string>> seen;
    ctx.ForEachDocument([&](const AnalysisContext::OwnedDocument& owned) {
      const PolicyDocument& doc = owned.doc;
      const std::string& owner = owned.owner;
      for (const PolicyIssue& issue : doc.issues) {
        const Location& at = issue.loc.Known() ? issue.loc : doc.loc;
        if (issue.kind == PolicyIssue::Kind::kAbsent && broken_files.contains(at.file)) continue;
        if (!seen.emplace(owner, issue.loc, issue.message).second) continue;
        Finding f = NewFinding();
        f.resource = owner;
        f.loc = at;
        f.logical_path = doc.path;
        f.message = Message(issue, owner, owned.trust);
        if (issue.conditional) f.MarkPossible("the policy is invalid in one branch of an undecided condition only");
        out.push_back(std::move(f));
      }
    });
  }

 private:
  static std::string Message(const PolicyIssue& issue, const std::string& owner, bool trust) {
    const std::string reading = trust ? "assumable by nobody" : "granting nothing";
    if (issue.kind == PolicyIssue::Kind::kAbsent && trust) {
      return "role " + owner + " has no trust policy: IAM refuses to create a role without one, so trustlint reads " +
             "it as " + reading;
    }
    if (issue.kind == PolicyIssue::Kind::kAbsent) {
      return "policy of " + owner + " has no document: IAM refuses to save it, so trustlint reads it as " + reading;
    }
    const std::string what = trust ? "trust policy of role " : "policy of ";
    return what + owner + " is invalid: " + issue.message + "; IAM rejects it, so trustlint reads " +
           (trust ? "the role as " : "it as ") + reading;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL004() { return std::make_unique<PolicyInvalid>(); }

}  // namespace trustlint
