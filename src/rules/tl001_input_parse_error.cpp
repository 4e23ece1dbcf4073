// TL001 input-parse-error: a file that looks like IaC does not parse. A policy inside a file
// that parses is TL004's when IAM would reject it.
#include <string>
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
            "A template that trustlint cannot read is a template it cannot prove anything about. Rather "
            "than pass silently, every file that looks like CloudFormation, Terraform or a Terraform plan "
            "but fails to parse (a YAML or HCL syntax error, `Resources` that is not a mapping, a "
            "resource without `Type`, a file over the size limit) is reported with the parser's own "
            "message and position. The rest of the scan goes on, so one broken file never hides the "
            "findings of the others.\n\n"
            "A policy inside a file that parses is not this rule's: when IAM would reject it (no "
            "`Statement`, a `Version` it does not know, `Action` with `NotAction`, JSON text that is "
            "not JSON, an empty or absent trust policy) it is TL004, and a policy whose text depends "
            "on inputs the scan cannot see is unknown, not an error.",
        .fix =
            "Fix the syntax at the reported line and column: unclosed brackets or quotes, bad "
            "indentation, a list where a mapping is required (`Resources` is a mapping of logical IDs "
            "to resources, each with a `Type`). `cfn-lint` and `terraform validate` report the same "
            "errors.",
        .seed =
            "You must apply at least one condition that limits trust policies for roles that you use "
            "with identity pools. When you create or update role trust policies for identity pools, "
            "IAM returns an error if you try to save your changes without at least one condition key "
            "that limits source identities.",
        .seed_pages = {SeedPage::kIamRoles},
    };
    return info;
  }

  void Check(AnalysisContext& ctx, std::vector<Finding>& out) const override {
    for (const ParseError& error : ctx.graph().parse_errors) {
      Finding f = NewFinding();
      f.resource = error.loc.file;
      f.loc = error.loc;
      f.message = error.message;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTL001() { return std::make_unique<InputParseError>(); }

}  // namespace trustlint
