// The CloudFormation front end: recognises a template (plain, SAM, CDK output or
// the `resources` section of a Serverless Framework file) and declares its
// identity pools, role attachments, roles and policies into the graph builder.
#pragma once

#include <string>
#include <string_view>

#include "base/budget.h"
#include "frontend/cloudformation/intrinsics.h"
#include "graph/graph.h"

namespace trustlint::cfn {

enum class LoadStatus {
  kNotTemplate,  // some other YAML/JSON: skipped silently, not an input
  kOk,           // declared; input status "ok"
  kError,        // looked like a template but failed: TL001 declared, input status "error"
};

// Loads one file's text. Never throws on bad input.
// `inputs`: parameters, region and account from the command line and configuration.
// `limits`: the budget of this one template (values built, bytes copied); running
// out of it is TL001 for this file only.
LoadStatus LoadCloudFormation(const std::string& path, const std::string& text, GraphBuilder& builder,
                              const TemplateInputs& inputs = {}, const BudgetLimits& limits = {});

// True when the text of a .yaml/.yml/.json/.template file looks like a template
// even though it may not parse (so a failure is TL001 rather than silence).
bool LooksLikeTemplate(std::string_view path, std::string_view text);

// serverless.yml / serverless.yaml (any folder).
bool IsServerlessFileName(std::string_view path);

}  // namespace trustlint::cfn
