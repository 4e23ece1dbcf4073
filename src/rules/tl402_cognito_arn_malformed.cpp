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

bool HasSegment(std::string_view s) { return s.find(tl40x::kSegment) != std::string_view::npos; }

std::vector<std::string> OwnFormats(std::string_view service) {
  std::vector<std::string> formats;
  for (const ResourceTypeInfo* t : tl40x::OwnResourceTypes(service)) formats.emplace_back(t->arn_format);
  return formats;
}

// The Cognito service whose ARNs use resource type `type`, for the "wrong service" message.
std::string OwnerOfType(std::string_view type, std::string_view not_service) {
  for (std::string_view service : tl40x::kCognitoServices) {
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
// The literal region an ID starts with before a symbol: "us-east-1:" of !Sub "us-east-1:${Uuid}".
const std::regex& RegionPrefixPattern() {
  static const std::regex re(R"(([a-z]{2}(-[a-z]+)+-\d+)[:_].*)");
  return re;
}

struct Problem {
  std::string text;  // "" when nothing provably is wrong
  bool rests_on_shape = false;  // the verdict relies on a symbol being one segment
};

// What is wrong with the format of one Cognito ARN: wrong service or no format at all.
Problem FormatProblem(const ArnParts& arn, std::string_view shape) {
  if (tl40x::FitsOwnFormat(arn.service, shape)) return {};
  const std::string_view type = arn.resource.substr(0, arn.resource.find('/'));
  if (HasIamWildcard(type) || HasSegment(type)) return {};  // a symbol may be the whole path
  // Would a symbol holding a '/' let the ARN fit? Then the verdict rests on its shape.
  const bool rests_on_shape = tl40x::FitsOwnFormat(arn.service, tl40x::LooseShape(shape));
  if (const std::optional<tl40x::WrongCognitoService> wrong = tl40x::FindWrongCognitoService(shape)) {
    const ResourceTypeInfo* right = wrong->type;
    return {"wrong service: a " + std::string(right->name) + " ARN is a " + std::string(right->service) + " ARN (" +
                std::string(right->arn_format) + "), not " + std::string(arn.service),
            rests_on_shape};
  }
  const std::string owner = OwnerOfType(type, arn.service);
  if (!owner.empty()) {
    return {"a " + std::string(type) + " ARN belongs to " + owner + ", not " + std::string(arn.service),
            rests_on_shape};
  }
  return {"it matches none of " + std::string(arn.service) + "'s ARN formats (" +
              tl40x::JoinList(OwnFormats(arn.service)) + ")",
          rests_on_shape};
}

// What is wrong with the pool ID and region of an ARN that fits its formats. A pool ID
// that is a symbol or a policy variable is a pool ID by construction; the known parts
// (a literal ID, the literal region before a symbol) are checked exactly.
std::string PoolProblem(const ArnParts& arn) {
  const std::string_view type = arn.resource.substr(0, arn.resource.find('/'));
  const bool identity_pool = type == "identitypool" && arn.service != "cognito-idp";
  const bool user_pool = type == "userpool" && arn.service == "cognito-idp";
  if (!identity_pool && !user_pool) return "";
  const std::string_view id = PoolId(arn.resource, type);
  if (id.empty() || HasIamWildcard(id)) return "";
  std::match_results<std::string_view::const_iterator> m;
  std::string id_region;
  if (HasSegment(id)) {
    if (!std::regex_match(id.begin(), id.end(), m, RegionPrefixPattern())) return "";
    id_region = m[1].str();
  } else if (!std::regex_match(id.begin(), id.end(), m, identity_pool ? IdentityPoolIdPattern() : UserPoolIdPattern())) {
    return identity_pool ? "identity pool ID \"" + std::string(id) + "\" is not <region>:<uuid>"
                         : "user pool ID \"" + std::string(id) + "\" is not <region>_<letters and digits>";
  } else {
    id_region = m[1].str();
  }
  if (!HasIamWildcard(arn.region) && !HasSegment(arn.region) && !arn.region.empty() && arn.region != id_region) {
    return "the ARN's region " + std::string(arn.region) + " differs from the pool ID's region " + id_region;
  }
  return "";
}

// Without Version 2012-10-17 a `${...}` in the ARN is literal text: say so, since it
// is the likely reason the ARN cannot match.
std::string LiteralVariableNote(const Statement& s, std::string_view text) {
  if (s.variables || text.find("${") == std::string_view::npos) return "";
  return " (the policy has no Version 2012-10-17, so its ${...} policy variables are literal text)";
}

class CognitoArnMalformed final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo info{
        .id = "TL402",
        .name = "cognito-arn-malformed",
        .severity = Severity::kError,
        .summary = "a Cognito ARN in a policy does not match its service's ARN formats (wrong service for the "
                   "resource type, malformed pool ID, region in ARN differs from the pool ID's region); symbolic "
                   "parts (`${AWS::AccountId}`, `data.aws_caller_identity`, policy variables) are checked against "
                   "their shape, the known parts exactly",
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
            "the region the pool ID starts with.\n\n"
            "Known parts are checked exactly and symbolic parts by their shape. A template reference "
            "or unknown value (`${AWS::AccountId}`, `data.aws_caller_identity.current.account_id`, a "
            "parameter) stands for one ARN segment: in the account, region or partition it is fine, "
            "as a pool ID it is a pool ID, and where it makes the resource type unknown the ARN is not "
            "judged; the literal parts around it (the service, a literal pool ID, the literal region "
            "before a symbolic ID) are still checked. A policy variable under `Version: 2012-10-17` "
            "(`${cognito-identity.amazonaws.com:sub}`) stands for an ID of the right shape; without "
            "that Version it is literal text, and is judged as such. Wildcards are not judged. A "
            "verdict that rests on a parameter or unknown value being one segment is reported as "
            "possible.\n\n"
            "Wrong service: an ARN that fits none of its own service's formats but fits another "
            "Cognito service's (a `cognito-sync` dataset path "
            "`identitypool/<id>/identity/<id>/dataset/<name>` under `arn:aws:cognito-identity:...`) "
            "is reported here, naming the right service. TL404 judges the statement's actions against "
            "the corrected ARN, so the one mistake is reported once, by TL402.",
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
        .seed_pages = {SeedPage::kCognitoIam},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    tl40x::ForEachPermissionsStatement(ctx, [&](const tl40x::StatementSite& site) {
      const Statement& s = site.statement;
      for (const PolicyString& resource : s.resources) CheckResource(site, resource, out);
    });
  }

 private:
  // Known parts are checked exactly, symbols and policy variables by their shape.
  void CheckResource(const tl40x::StatementSite& site, const PolicyString& resource, std::vector<Finding>& out) const {
    const Statement& s = site.statement;
    const tl40x::ArnShape shape = tl40x::ShapeOfResource(resource, s.variables);
    const std::optional<ArnParts> arn = SplitArn(shape.text);
    if (!arn || std::find(std::begin(tl40x::kCognitoServices), std::end(tl40x::kCognitoServices), arn->service) ==
                    std::end(tl40x::kCognitoServices)) {
      return;
    }
    Problem problem = FormatProblem(*arn, shape.text);
    if (problem.text.empty() && tl40x::FitsOwnFormat(arn->service, shape.text)) problem = {PoolProblem(*arn), false};
    if (problem.text.empty()) return;
    Finding f = NewFinding();
    f.resource = site.owner;
    f.loc = resource.loc.Known() ? resource.loc : s.loc;
    f.logical_path = s.path;
    f.message = tl40x::StatementLabel(s) + ": resource " + resource.display + " can never match: " + problem.text +
                LiteralVariableNote(s, resource.text);
    f.AddWitness("arn", resource.display);
    tl40x::MarkConditional(s, f);
    if (problem.rests_on_shape && !shape.AssumedInResource().empty()) {
      f.proven = false;
      f.possible_because = shape.AssumedInResource();
    }
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL402() { return std::make_unique<CognitoArnMalformed>(); }

}  // namespace trustlint
