// Shared walk for the policy rules TL401–TL404: every permissions statement of
// the scan (role inline policies, standalone policies, boundaries), each once,
// never trust policies.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "check/context.h"
#include "check/finding.h"
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

// Whether some string matches both IAM globs ('*' any run, '?' one character), case-sensitively.
bool GlobsIntersect(std::string_view a, std::string_view b);

// An ARN format from the catalogue ("arn:${Partition}:s3:::${BucketName}") as a glob ("arn:*:s3:::*").
std::string ArnFormatGlob(std::string_view format);

// "Allow statement 2" / "Deny statement 0 (Sid DenySignUp)": how messages name a statement.
std::string StatementLabel(const Statement& s);

// Marks findings on statements present in one Fn::If branch only as possible.
void MarkConditional(const Statement& s, Finding& f);

// "a, b and c".
std::string JoinList(const std::vector<std::string>& items);

}  // namespace trustlint::tl40x
