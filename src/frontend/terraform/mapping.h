// The Terraform resource -> graph mapping (SPEC 1, "Terraform" resources), written
// once and fed by both the HCL front end (evaluated expressions) and the plan
// front end (planned values) through an attribute accessor.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frontend/terraform/module.h"
#include "graph/graph.h"

namespace trustlint::terraform {

// The resource types that become graph nodes.
bool IsMappedType(std::string_view type);

// What a front end knows of one resource's attributes.
class ResourceAttributes {
 public:
  virtual ~ResourceAttributes() = default;
  // The attribute's value, with its logical path; Null when it is not set.
  virtual Value Get(std::string_view name) = 0;
  // An attribute holding a policy document (assume_role_policy, policy, content,
  // permissions_boundary): a map when its JSON text can be read.
  virtual Value Policy(std::string_view name) = 0;
  // A role's `inline_policy` blocks; `owner` is the role's address.
  virtual std::vector<InlinePolicy> InlinePolicies(const std::string& owner) = 0;
  // An attachment's `role_mapping` blocks with the role ARNs of their rules.
  virtual std::vector<RoleMapping> RoleMappings() = 0;
};

class ResourceMapper {
 public:
  // Maps one resource. `node` carries its address, key, type, location and
  // account/region; `group` is what policy attachments may name roles in (a root
  // module, a plan file: role keys start with "<group>#"); `conditional` says the
  // resource exists in one reading of an undecided conditional only.
  void Map(const Node& node, const ProviderConfig& provider, ResourceAttributes& attrs, const std::string& group,
           bool conditional);
  // Turns policy attachments into managed policy ARNs of the roles they name, so
  // that the link pass connects them like CloudFormation's ManagedPolicyArns, and
  // declares every node into `builder`.
  void Flush(GraphBuilder& builder);

 private:
  struct PendingAttachment {
    std::string group;
    std::vector<Value> roles;
    Value policy_arn;
  };

  void MapAttachment(const Node& node, ResourceAttributes& attrs, bool conditional);

  std::vector<IdentityPool> pools_;
  std::vector<RoleAttachment> attachments_;
  std::vector<Role> roles_;
  std::vector<Policy> policies_;
  std::vector<PendingAttachment> pending_;
};

// arn:<partition>:iam::<account>:role<path><name> when the name is literal, else
// the role's ARN symbol.
Value RoleArn(const Value& name, const Value& path, const ProviderConfig& provider, const std::string& key,
              const Location& loc);

}  // namespace trustlint::terraform
