// `data "aws_iam_policy_document"` statements rendered as the AWS provider
// renders them, shared by the HCL front end (statement blocks) and the plan front
// end (planned `statement` values).
#pragma once

#include "graph/value.h"

namespace trustlint::terraform {

// One statement in the provider's schema form (sid, effect, actions, not_actions,
// resources, not_resources, principals/not_principals as [{type, identifiers}],
// condition as [{test, variable, values}]) as its IAM JSON statement: one-element
// lists collapsed, `&{...}` read as `${...}`, principals merged by type and
// condition values by test and variable.
Value RenderPolicyStatement(const Value& statement);

}  // namespace trustlint::terraform
