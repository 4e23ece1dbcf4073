// What the Terraform front end knows about a module (its parsed files and
// declarations) and about one evaluation of it (an instance: the root, or a child
// with its caller's inputs).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "frontend/terraform/hcl.h"
#include "graph/value.h"

namespace trustlint::terraform {

// The declarations of every .tf file of one folder.
struct ModuleDef {
  std::string dir;  // as the user sees it, lexically normal ("." for the cwd)
  std::vector<std::unique_ptr<HclFile>> files;
  std::map<std::string, Block> variables;
  std::map<std::string, NodeRef> locals;  // name -> expression
  std::map<std::string, Block> outputs;
  std::vector<Block> module_calls;  // file order
  std::vector<Block> resources;     // file order
  std::vector<Block> data;          // file order
  std::vector<Block> providers;

  const Block* FindResource(std::string_view type, std::string_view name) const;
  const Block* FindData(std::string_view type, std::string_view name) const;
  const Block* FindModuleCall(std::string_view name) const;
};

// Reads the declarations of files already parsed into `def.files`.
void IndexModule(ModuleDef& def);

// Where a provider configuration puts its resources.
struct ProviderConfig {
  Value region;     // literal region or kPseudo AWS::Region
  Value account;    // single allowed account / assume_role account, or kPseudo AWS::AccountId
  Value partition;  // derived from a literal region, or kPseudo AWS::Partition
};
// A provider that sets no region/account: the configured ones (ScanOptions), or
// kPseudo symbols when those are empty.
ProviderConfig DefaultProvider(const std::string& region = "", const std::string& account = "");
// aws, aws-cn or aws-us-gov.
std::string PartitionOf(std::string_view region);

// One instance of a count/for_each resource or module ("" suffix and no names for
// a plain one; an abstract instance has "" suffix and unknown names).
struct Expansion {
  std::string suffix;  // "", "[0]", "[\"k\"]"
  std::optional<Value> each_key;
  std::optional<Value> each_value;
  std::optional<Value> count_index;
  bool abstract = false;
  // Exists only in some readings of an undecided conditional (`count = var.x ? 1 : 0`).
  bool conditional = false;
  // An abstract instance: the identity of its each.*/count.* symbols (the block's
  // key), its address, and why its keys are not known.
  std::string scope;
  std::string address;
  std::string why;
};

struct Instance;

struct ChildInstance {
  Expansion expansion;
  std::unique_ptr<Instance> instance;  // null when the source is not a local module
};

// One evaluation of a module.
struct Instance {
  const ModuleDef* def = nullptr;
  std::string root;    // the root module's folder: prefix of node keys
  std::string prefix;  // "" or "module.auth." / "module.auth[\"k\"]."
  std::string dir_from_root = ".";  // path.module as Terraform spells it
  int depth = 0;
  bool conditional = false;  // a module call's instance that exists in one reading only
  const Instance* parent = nullptr;
  std::map<std::string, Value> inputs;             // variable values given (tfvars / caller)
  std::map<std::string, ProviderConfig> providers;  // "aws", "aws.west"
  // Memoised evaluation state: each local and output is evaluated once per instance,
  // whether or not its value is known; a name met again while it is being evaluated
  // is a cycle.
  std::map<std::string, Value> locals_done;
  std::set<std::string> locals_busy;
  std::map<std::string, Value> outputs_done;
  std::set<std::string> outputs_busy;
  std::map<std::string, std::vector<Expansion>> expansions;  // by "type.name" / "module.name"
  std::map<std::string, std::vector<ChildInstance>> children;  // by module call name
  std::set<std::string> children_busy;
};

// Names an expression can see besides the module's declarations.
struct Scope {
  Instance* instance = nullptr;
  const Expansion* expansion = nullptr;  // each.* / count.*
  // for-expression / template / dynamic-block variables: shared, so that an inner
  // scope (one per element of a for expression) copies no value.
  std::map<std::string, std::shared_ptr<const Value>> names;
};

}  // namespace trustlint::terraform
