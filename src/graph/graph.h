// The resource graph: identity pools, role attachments, roles and policies from
// every scanned file, linked once all files are read.
//
// Front ends only *declare* (GraphBuilder::Add*); Link() resolves references
// (role ARNs in attachments, pool IDs, managed-policy ARNs, Fn::ImportValue) so
// that cross-file and cross-template references work. Rules read the linked
// Graph and never see a parser type.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/location.h"
#include "graph/value.h"

namespace trustlint {

enum class NodeKind { kIdentityPool, kRoleAttachment, kRole, kPolicy };
std::string_view NodeKindName(NodeKind kind);  // identity_pool, role_attachment, role, policy

// `Metadata: {trustlint: {ignore: [...]}}` or `# trustlint:ignore TL104 -- reason`.
struct Suppression {
  std::string rule;    // "TL104"
  std::string reason;  // empty = none given (itself reported)
  Location loc;
};

// What every node has.
struct Node {
  // Unique across the scan; what symbols name (Symbol::name of kPoolId/kRoleArn/...):
  // "<file>#<LogicalId>" for CloudFormation, "<root>#<address>" for Terraform.
  std::string key;
  // What findings print: the logical ID or Terraform address. Link() replaces it
  // by `key` when two nodes of the scan share it (SPEC 7).
  std::string address;
  // The address before Link() replaced it by `key` ("" when it did not): what a
  // fingerprint hashes, so that adding an unrelated template with the same logical
  // ID changes no fingerprint (SPEC 8).
  std::string unqualified_address;
  std::string type;     // AWS::IAM::Role, aws_iam_role, ...
  Location loc;         // where the resource starts
  int end_line = 0;     // last line of the resource's text (for comment suppressions)
  std::string path;     // logical path, e.g. Resources/AuthRole
  std::vector<Suppression> suppressions;
  Value account;  // account the resource lives in (kPseudo AWS::AccountId in CloudFormation)
  Value region;   // region (kPseudo AWS::Region in CloudFormation)
};

struct IdentityPool : Node {
  Value allow_unauthenticated;  // AllowUnauthenticatedIdentities (absent = false)
  Value allow_classic_flow;     // AllowClassicFlow (absent = false)
  Value id;                     // the pool ID: one kPoolId symbol (generated at deploy time)
  // Not a resource of the scan (SPEC 1): made by Link() for an attachment whose
  // pool is a literal ID, a parameter, a variable, an import or a data source.
  // Its settings are unknown; `id` is the attachment's pool value.
  bool external = false;
};

struct RoleMapping {
  Value identity_provider;  // key of RoleMappings / identity_provider
  Value type;               // Token | Rules
  Value ambiguous_role_resolution;
  std::vector<Value> roles;   // role ARNs named by the mapping rules
  std::vector<int> role_ids;  // linked: index into Graph::roles, -1 unresolved
  Location loc;
};

struct RoleAttachment : Node {
  // Exists only in one reading of an undecided Fn::If / conditional expression
  // (or names its roles only there): its findings are possible, not proven.
  bool conditional = false;
  Value pool;             // IdentityPoolId value
  Value authenticated;    // role ARN value (kNull when absent)
  Value unauthenticated;  // role ARN value (kNull when absent)
  std::vector<RoleMapping> mappings;
  // Linked: indexes into Graph vectors, -1 when absent or unresolved.
  int pool_id = -1;
  int authenticated_role = -1;
  int unauthenticated_role = -1;
};

// A policy written inside a role (Policies / inline_policy / aws_iam_role_policy).
struct InlinePolicy {
  std::string name;
  std::string owner;  // address of the resource whose text holds it (role, or aws_iam_role_policy)
  Value document;
  Location loc;
};

struct Role : Node {
  Value arn;   // symbolic: ⟨role-arn:Address⟩ unless the name is literal
  Value name;  // RoleName (kNull when generated)
  Value trust_policy;
  std::vector<InlinePolicy> inline_policies;
  std::vector<Value> managed_policy_arns;
  Value permissions_boundary;
  // Linked: standalone policies attached to this role (indexes into Graph::policies).
  std::vector<int> policy_ids;
  // Linked: the standalone policy permissions_boundary names, -1 when none of the scan.
  int boundary_policy_id = -1;
};

// A standalone policy resource: AWS::IAM::Policy / ManagedPolicy, aws_iam_policy,
// aws_iam_role_policy, aws_organizations_policy, ...
struct Policy : Node {
  Value document;
  Value arn;                 // for managed policies (Ref of AWS::IAM::ManagedPolicy)
  std::vector<Value> roles;  // roles it names (Roles / role / roles)
  bool resource_control_policy = false;
  std::vector<int> role_ids;  // linked
};

struct InputFile {
  std::string path;
  std::string kind;    // cloudformation | serverless | terraform | terraform-plan
  std::string status;  // ok | error
};

// What the scan knows of an input it cannot see (SPEC 4): the one fixed value the
// input stands for obeys these. Graph::input_constraints keys them by the input's
// sentinel (RenderForMatching of the symbol alone).
struct InputConstraint {
  std::vector<std::string> allowed_values;  // CloudFormation AllowedValues, Terraform contains([...]); empty: any
  std::string allowed_pattern;              // a regular expression the whole value matches; "" none
  std::optional<size_t> min_length;
  std::optional<size_t> max_length;
};

struct ParseError {
  Location loc;
  std::string message;
};

// What stays of a node of a file analyzed on its own (GraphBuilder::StandsAlone):
// enough to list it among the scan's resources, to decide, with every other node,
// whether its address must be qualified (Link), and to draw it.
struct OutlineNode {
  std::string key;
  std::string address;
  std::string unqualified_address;
  NodeKind kind = NodeKind::kRole;
  Location loc;
  // What a drawing of the graph shows of a role or an attachment (report/graph_output.cpp),
  // other nodes by key. Made only for a run that draws the graph (OutlineOf's
  // `with_drawing`), and only when there is something to draw: a report without a
  // diagram keeps no edge of any outline.
  struct Drawn {
    struct Inline {
      std::string name;
      Location loc;
    };
    std::vector<Inline> inline_policies;  // a role's
    std::vector<std::string> attached;    // a role's standalone policies, in Role::policy_ids order
    std::string pool;                     // an attachment's pool; "" when it has none of the scan
    // An attachment's roles with how it attaches each ("authenticated", "unauthenticated",
    // "mapped"), in that order.
    std::vector<std::pair<std::string, std::string>> roles;
  };
  std::unique_ptr<const Drawn> drawn;
};

// What another file could link to, or what a file's references asked for and did
// not find in it: a node key or a value rendered for matching, each as a hash
// (LinkName). Two names with one hash only make the scan link a file it could have
// checked alone: the findings are the same either way.
using LinkNames = std::vector<std::uint64_t>;
enum class LinkBy { kKey, kText };
std::uint64_t LinkName(LinkBy by, std::string_view name);

class Graph {
 public:
  std::vector<InputFile> inputs;
  std::vector<ParseError> parse_errors;  // reported as TL001
  std::vector<IdentityPool> pools;
  std::vector<RoleAttachment> attachments;
  std::vector<Role> roles;
  std::vector<Policy> policies;
  std::map<std::string, InputConstraint> input_constraints;
  // The nodes of the files analyzed on their own: not in the vectors above, so no
  // rule sees them here; sorted like them and qualified by the same Link. A deque
  // grows in blocks: merging 10,000 files' outlines into it never holds them twice.
  std::deque<OutlineNode> outline;
  // Set by Link: the references it resolved to no node, as LinkNames.
  LinkNames unresolved;

  // Lookup by address; nullptr when absent.
  const Role* FindRole(std::string_view address) const;
  const IdentityPool* FindPool(std::string_view address) const;
  // Every node's address, kind, file and line (the outline's too), sorted by file, line, address.
  struct NodeRef {
    std::string_view address;  // the node's own, valid while the graph is
    NodeKind kind;
    Location loc;
  };
  std::vector<NodeRef> AllNodes() const;
  // How many AllNodes() lists.
  size_t NodeCount() const;
};

// Collects declarations from front ends; Link() produces the Graph.
class GraphBuilder {
 public:
  void AddInput(InputFile input) { graph_.inputs.push_back(std::move(input)); }
  void AddParseError(Location loc, std::string message);
  void AddPool(IdentityPool pool) { graph_.pools.push_back(std::move(pool)); }
  void AddAttachment(RoleAttachment a) { graph_.attachments.push_back(std::move(a)); }
  void AddRole(Role role) { graph_.roles.push_back(std::move(role)); }
  void AddPolicy(Policy policy) { graph_.policies.push_back(std::move(policy)); }
  // `Outputs.X.Export.Name` of a CloudFormation template; `value` is `Outputs.X.Value`.
  void AddExport(std::string name, Value value) { exports_.emplace(std::move(name), std::move(value)); }
  // `--import NAME=VALUE`: what Fn::ImportValue of NAME is when no scanned template exports it.
  void AddCommandLineImport(std::string name, std::string value) {
    command_line_imports_[std::move(name)] = std::move(value);
  }
  // What the front end knows of an unresolved input (a parameter's AllowedValues, a
  // variable's validation). Later calls for the same symbol add to the first.
  void ConstrainInput(const Symbol& input, InputConstraint constraint);

  // Appends what another builder collected (one file's declarations, read on a
  // worker thread) as if its Add* and ConstrainInput calls had been made here, in
  // their order. Merging parts in the walk's order gives the serial scan's graph.
  void Merge(GraphBuilder&& part);

  // True when no other file can link to these declarations or change what they
  // link to, so that they can be linked and checked on their own, with the same
  // findings as in the whole graph (but for address qualification, which only the
  // whole scan decides). So: CloudFormation templates only, no exports and no
  // imports, every pool, role and policy named by a symbol of its own (no literal
  // name another file could spell), every attachment's pool one of these.
  // References these leave unresolved (an AWS managed policy, a role elsewhere)
  // are Graph::unresolved after Link: if another file Offers() one, the scan must
  // link the file with the others after all.
  bool StandsAlone() const;
  // What references of other files could resolve to here, sorted.
  LinkNames Offers() const;
  // A file whose analysis is done: its inputs and the outline of its nodes.
  void AddOutline(std::vector<InputFile> inputs, std::vector<OutlineNode> nodes);

  // Resolves Fn::ImportValue against exports, qualifies duplicate CloudFormation
  // logical IDs with "<file>#", links attachments to pools and roles and policies
  // to roles, and sorts every vector by file, line, address. Call once.
  Graph Link();

 private:
  Graph graph_;
  std::multimap<std::string, Value> exports_;
  std::map<std::string, std::string> command_line_imports_;
};

// What a caller made of one file's declarations on their own (ScanOptions::
// analyze_alone): the checker's findings, say. The file then stays in the graph
// only as its outline.
struct FileAnalysis {
  virtual ~FileAnalysis() = default;
  std::vector<InputFile> inputs;
  std::vector<OutlineNode> outline;  // OutlineOf the file's declarations linked on their own
  LinkNames unresolved;              // their Graph::unresolved, sorted
};

// Each node of `graph` (one file's declarations, linked on their own) as declared.
std::vector<OutlineNode> OutlineOf(const Graph& graph, bool with_drawing);

}  // namespace trustlint
