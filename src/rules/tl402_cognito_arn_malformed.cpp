// TL402 cognito-arn-malformed: a Cognito ARN in a policy's Resource that no request can
// ever carry — wrong service for the resource type, malformed pool ID, or a region that
// differs from the pool ID's own region.
#include <algorithm>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "check/context.h"
#include "check/rule.h"
#include "policy/arn.h"
#include "policy/catalogue.h"
#include "rules/tl40x_common.h"

namespace trustlint {
namespace {

constexpr std::string_view kCognitoServices[] = {"cognito-identity", "cognito-idp", "cognito-sync"};

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }
// A template symbol sentinel or an IAM policy variable (`${aws:username}`): not judged.
bool HasSymbol(std::string_view s) {
  return s.find("\u27e8") != std::string_view::npos || s.find("${") != std::string_view::npos;
}

// The service's own ARN formats (cognito-idp also lists a wafv2 web ACL).
std::vector<std::string> OwnFormats(std::string_view service) {
  std::vector<std::string> formats;
  const std::string prefix = "arn:${Partition}:" + std::string(service) + ":";
  for (const ResourceTypeInfo* t : ActionCatalogue::Get().ResourceTypesOf(service)) {
    if (t->arn_format.substr(0, prefix.size()) == prefix) formats.emplace_back(t->arn_format);
  }
  return formats;
}

// The Cognito service whose ARNs use resource type `type`, for the "wrong service" message.
std::string OwnerOfType(std::string_view type, std::string_view not_service) {
  for (std::string_view service : kCognitoServices) {
    if (service == not_service) continue;
    for (const std::string& format : OwnFormats(service)) {
      if (format.find(":" + std::string(type) + "/") != std::string::npos) return std::string(service);
    }
  }
  return "";
}

// The pool ID after "identitypool/" or "userpool/", up to the next '/'.
std::string_view PoolId(std::string_view resource, std::string_view type) {
  const std::string_view rest = resource.substr(type.size() + 1);
  return rest.substr(0, rest.find('/'));
}

const std::regex& IdentityPoolIdPattern() {
  static const std::regex re(R"(([a-z]{2}(-[a-z]+)+-\d+):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  return re;
}
const std::regex& UserPoolIdPattern() {
  static const std::regex re(R"(([a-z]{2}(-[a-z]+)+-\d+)_[0-9A-Za-z]+)");
  return re;
}

// What is wrong with one Cognito ARN, or "" when nothing provably is.
std::string Problem(const ArnParts& arn, std::string_view text) {
  const std::vector<std::string> formats = OwnFormats(arn.service);
  const std::string_view type = arn.resource.substr(0, arn.resource.find('/'));
  bool fits = false;
  for (const std::string& format : formats) fits = fits || tl40x::GlobsIntersect(tl40x::ArnFormatGlob(format), text);
  if (!fits) {
    if (HasWildcard(type) || HasSymbol(type)) return "";
    const std::string owner = OwnerOfType(type, arn.service);
    if (!owner.empty()) {
      return "a " + std::string(type) + " ARN belongs to " + owner + ", not " + std::string(arn.service);
    }
    return "it matches none of " + std::string(arn.service) + "'s ARN formats (" + tl40x::JoinList(formats) + ")";
  }
  const bool identity_pool = type == "identitypool" && arn.service != "cognito-idp";
  const bool user_pool = type == "userpool" && arn.service == "cognito-idp";
  if (!identity_pool && !user_pool) return "";
  const std::string_view id = PoolId(arn.resource, type);
  if (id.empty() || HasWildcard(id) || HasSymbol(id)) return "";
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(id.begin(), id.end(), m, identity_pool ? IdentityPoolIdPattern() : UserPoolIdPattern())) {
    return identity_pool ? "identity pool ID \"" + std::string(id) + "\" is not <region>:<uuid>"
                         : "user pool ID \"" + std::string(id) + "\" is not <region>_<letters and digits>";
  }
  const std::string id_region = m[1].str();
  if (!HasWildcard(arn.region) && !HasSymbol(arn.region) && !arn.region.empty() && arn.region != id_region) {
    return "the ARN's region " + std::string(arn.region) + " differs from the pool ID's region " + id_region;
  }
  return "";
}

class CognitoArnMalformed final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL402",
        .name = "cognito-arn-malformed",
        .severity = Severity::kError,
        .summary = "a Cognito ARN in a policy does not match its service's ARN formats (wrong service for the "
                   "resource type, malformed pool ID, region in ARN differs from the pool ID's region)",
        .explanation =
            "IAM compares a statement's `Resource` with the ARN of each request as text. An ARN that no "
            "Cognito resource can have matches nothing, so the statement silently does nothing: an "
            "Allow grants nothing and a Deny protects nothing. The formats come from the AWS service "
            "authorization reference (via the action catalogue):\n\n"
            "- `arn:${Partition}:cognito-identity:${Region}:${Account}:identitypool/${IdentityPoolId}`\n"
            "- `arn:${Partition}:cognito-idp:${Region}:${Account}:userpool/${UserPoolId}`\n"
            "- `arn:${Partition}:cognito-sync:${Region}:${Account}:identitypool/${IdentityPoolId}` "
            "(and `/identity/${IdentityId}`, `/dataset/${DatasetName}` below it)\n\n"
            "Typical mistakes: a user pool under `cognito-identity` (or an identity pool under "
            "`cognito-idp`), an identity pool ID without its `<region>:` prefix or with a non-UUID "
            "part, a user pool ID that is not `<region>_<id>`, and an ARN whose region differs from "
            "the region the pool ID starts with. Parts that are wildcards or template references are "
            "not judged.",
        .fix =
            "Build the ARN from the pool itself (`!GetAtt UserPool.Arn`, `aws_cognito_user_pool.x.arn`, "
            "or `!Sub arn:${AWS::Partition}:cognito-identity:${AWS::Region}:${AWS::AccountId}:"
            "identitypool/${IdentityPool}`) instead of typing it.",
        .seed =
            "In Amazon Cognito identity pools (federated identities), it is possible to restrict an IAM "
            "user's access to a specific identity pool, using the Amazon Resource Name (ARN) format ... "
            "For APIs that operate on an identity pool, the identity pool ARN format is the same as for "
            "Amazon Cognito Federated Identities, except that the service name is cognito-sync instead of "
            "cognito-identity ... For Amazon Cognito Your User Pools, it is possible to restrict an IAM "
            "user's access to a specific user pool, using the following ARN format",
        .bad_example =
            "Resources:\n"
            "  AppPolicy:\n"
            "    Type: AWS::IAM::ManagedPolicy\n"
            "    Properties:\n"
            "      PolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Action: cognito-idp:AdminGetUser\n"
            "            Resource: arn:aws:cognito-identity:us-east-1:123456789012:userpool/us-east-1_Ab12\n",
        .good_example =
            "Resources:\n"
            "  AppPolicy:\n"
            "    Type: AWS::IAM::ManagedPolicy\n"
            "    Properties:\n"
            "      PolicyDocument:\n"
            "        Version: \"2012-10-17\"\n"
            "        Statement:\n"
            "          - Effect: Allow\n"
            "            Action: cognito-idp:AdminGetUser\n"
            "            Resource: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Ab12\n",
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    tl40x::ForEachPermissionsStatement(ctx, [&](const tl40x::StatementSite& site) {
      const Statement& s = site.statement;
      for (const PolicyString& resource : s.resources) {
        if (resource.unknown) continue;
        const std::optional<ArnParts> arn = SplitArn(resource.text);
        if (!arn || std::find(std::begin(kCognitoServices), std::end(kCognitoServices), arn->service) ==
                        std::end(kCognitoServices)) {
          continue;
        }
        const std::string problem = Problem(*arn, resource.text);
        if (problem.empty()) continue;
        Finding f = NewFinding();
        f.resource = site.owner;
        f.loc = resource.loc.Known() ? resource.loc : s.loc;
        f.logical_path = s.path;
        f.message = tl40x::StatementLabel(s) + ": resource " + resource.display + " can never match: " + problem;
        f.AddWitness("arn", resource.display);
        tl40x::MarkConditional(s, f);
        out.push_back(std::move(f));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL402() { return std::make_unique<CognitoArnMalformed>(); }

}  // namespace trustlint
