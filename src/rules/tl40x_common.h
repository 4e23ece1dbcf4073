// Shared walk for the policy rules TL401–TL404: every permissions statement of
// the scan (role inline policies, standalone policies, boundaries), each once,
// never trust policies.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/context.h"
#include "check/finding.h"
#include "policy/catalogue.h"
#include "policy/policy.h"

namespace trustlint::tl40x {

struct StatementSite {
  const std::string& owner;  // the resource whose text holds the statement (SPEC 7)
  const PolicyDocument& doc;
  const Statement& statement;
  bool resource_control_policy = false;
};

// Calls `visit` once per statement of every permissions document, deduplicated
// when several roles link the same standalone policy.
void ForEachPermissionsStatement(AnalysisContext& ctx, const std::function<void(const StatementSite&)>& visit);

// True when the rendered text holds a symbol sentinel ("⟨...⟩") or is unknown.
bool Symbolic(const PolicyString& s);

// One value inside an ARN that the scan reads by shape, not text: a template symbol
// (`${AWS::AccountId}`, a pool's ID, a Terraform reference) or a policy variable
// under Version 2012-10-17 (`${cognito-identity.amazonaws.com:sub}`). Each stands for
// one run of characters without '/', as every ID, account, region or name in an ARN is.
inline constexpr char kSegment = '\x01';

struct ArnShape {
  std::string text;  // the rendered text with one kSegment per symbol or policy variable
  // Symbols whose one-segment shape is assumed, not known (a parameter, an unknown
  // value; pseudo parameters, pool IDs and policy variables are known): their offset
  // in `text` and why a verdict resting on them is only possible.
  std::vector<std::pair<std::size_t, std::string>> assumed;

  // Why a verdict that reads the ARN's resource part (after the fifth colon) rests on
  // an assumed shape, or "" when it does not.
  std::string AssumedInResource() const;
};

// The shape of a Resource entry. `variables`: the statement's Statement::variables
// (without Version 2012-10-17 a `${...}` is literal text and stays in the shape).
ArnShape ShapeOfResource(const PolicyString& resource, bool variables);

// The shape with every symbol as `*` (any run, '/' included): a verdict that holds on
// the shape but not on this one rests on the symbols being one segment each.
std::string LooseShape(std::string_view shape);

// Whether some ARN fits both the catalogue format (each `${Placeholder}` one segment
// when `segment_placeholders`, else any run) and the shape (literal text, `*`, `?`,
// kSegment), case-sensitively.
bool CouldMatchFormat(std::string_view format, std::string_view shape, bool segment_placeholders);

// The resource types whose ARN format is a service's own ("arn:${Partition}:<service>:...";
// cognito-idp also lists a wafv2 web ACL, which is not).
std::vector<const ResourceTypeInfo*> OwnResourceTypes(std::string_view service);

// Whether the shape fits one of the service's own formats, each placeholder one
// segment: every ID and name in a Cognito ARN is one path segment, so an identity
// pool ARN does not swallow a cognito-sync dataset path below it.
bool FitsOwnFormat(std::string_view service, std::string_view shape);

// The three Cognito services whose ARNs TL402 checks.
inline constexpr std::string_view kCognitoServices[] = {"cognito-identity", "cognito-idp", "cognito-sync"};

// A Cognito ARN written under the wrong Cognito service: it fits none of its own
// service's formats (IDs and names are one segment each) but fits `type`'s once the
// service part is `type->service`. TL402 reports it; TL404 judges `corrected`.
struct WrongCognitoService {
  std::string corrected;  // the shape with the right service
  const ResourceTypeInfo* type = nullptr;
};
std::optional<WrongCognitoService> FindWrongCognitoService(std::string_view shape);

// "Allow statement 2" / "Deny statement 0 (Sid DenySignUp)": how messages name a statement.
std::string StatementLabel(const Statement& s);

// Marks findings on statements present in one Fn::If branch only as possible.
void MarkConditional(const Statement& s, Finding& f);

// "a, b and c".
std::string JoinList(const std::vector<std::string>& items);

}  // namespace trustlint::tl40x
