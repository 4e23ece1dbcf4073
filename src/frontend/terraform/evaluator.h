// The HCL expression evaluator: turns expressions of a module instance into graph
// Values (SPEC 1, "Expressions"). Unknowns keep their reason; nothing is guessed.
// Its parts: expressions.cpp (terms, templates, operators), references.cpp
// (var/local/each/resources/data/modules, count/for_each, child instances),
// functions.cpp (the function table, file, templatefile), providers.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/budget.h"
#include "frontend/terraform/module.h"
#include "graph/graph.h"
#include "graph/value.h"

namespace trustlint::terraform {

// Recursion through expressions and references stops here (cycles, hostile nesting):
// one count for the whole evaluation, through references, module outputs and
// templates, never restarted. Low enough for the ASan build's 8 MB stack.
inline constexpr int kMaxEvalDepth = 160;
// No value the evaluator builds (a tuple, object, for expression or conditional) is
// nested deeper than this; one that would be is unknown. Evaluation depth alone does
// not bound it: a memoised value (a local, an output, a module input, a for_each
// element) is evaluated once and then nested inside later values, and so is the
// element of a for expression's collection. This keeps every recursive walk over
// values (here, in the graph, in the rules) shallow.
inline constexpr int kMaxValueDepth = 256;

struct EvalContext {
  std::string scan_root;  // canonical; file()/templatefile() stay inside it
  // The module of a local `source` folder (as the user sees it), or null.
  std::function<const ModuleDef*(const std::string& dir)> module_for_dir;
  // Configured region and account (ScanOptions); empty: unknown.
  std::string region;
  std::string account;
  // Receives what a variable's `type` and `validation` say of its unknown value.
  std::function<void(const Symbol&, InputConstraint)> constrain;
};

// A nested block to read: its body, where it starts, and the scope for its
// expressions (a `dynamic` block's iterator is bound there).
struct BlockUse {
  NodeRef body;
  Location loc;
  Scope scope;
};

// Evaluates one unit: a root module and every module it calls. Everything it builds is
// charged to the unit's budget, which throws BudgetExhausted when it runs out:
// instances (count/for_each of resources, data sources and module calls, summed over
// all module levels), values (one per expression evaluated, plus the size of every
// copy of a memoised value), bytes (strings built by templates, format, join, and
// files read).
class Evaluator {
 public:
  // `root`: the root module's folder as the user sees it; Terraform resolves file()
  // and templatefile() paths from it (the working directory of `terraform plan`).
  Evaluator(EvalContext context, std::string root, Budget& budget)
      : context_(std::move(context)), root_(std::move(root)), budget_(budget) {}

  // An `expression` node (or any expression term) in `scope`.
  Value Eval(const NodeRef& expr, const Scope& scope);
  // An attribute of a body, or Null at `absent_loc` when it is not set.
  Value Attribute(const BodyItems& body, std::string_view name, const Scope& scope, const Location& absent_loc);

  // The instances of a count/for_each resource or module block (memoised).
  const std::vector<Expansion>& Expand(Instance& inst, const Block& block);
  // The instances of a module call (created on first use).
  std::vector<ChildInstance>& ModuleChildren(Instance& inst, const Block& call);
  // The provider configuration a resource/data block uses.
  ProviderConfig ProviderFor(const Instance& inst, const BodyItems& body);
  // Adds the `provider "aws"` blocks of a module instance to its configurations
  // (a root module's, or a child's own; call once its inputs are set).
  void ConfigureProviders(Instance& inst);

  // `data "aws_iam_policy_document"` as an IAM JSON-shaped Value map.
  Value PolicyDocument(Instance& inst, const Block& block, const Expansion& expansion);
  // Blocks of `type` in `body`, with `dynamic "type"` blocks expanded: the body to
  // read and the scope to read it in.
  std::vector<BlockUse> BlocksOf(const BodyItems& body, std::string_view type, const Scope& scope);

  // The value of a string attribute holding JSON (assume_role_policy, policy):
  // parsed into a map with positions when it is JSON, else unchanged.
  static Value PolicyValue(Value v);

  struct Step;  // one `.attr`, `[index]` or splat of a reference

 private:
  class DepthGuard;
  class RenderingGuard;

  // Charges the budget; values and bytes are gathered in batches so that the hot path
  // builds no Location.
  void SpendValue(const NodeRef& at);
  void SpendValues(std::uint64_t n, const Location& at);
  void SpendBytes(std::uint64_t n, const Location& at);
  // `v` (a string or alternatives of strings) after charging the bytes of its parts.
  Value Built(Value v);
  // A copy of what `steps[from...]` select in `source` (a memoised value): only the
  // selected part is copied, and its size is charged.
  Value CopyOut(const Value& source, const std::vector<Step>& steps, size_t from, const Location& loc);
  // `v`, or an unknown when it is nested deeper than kMaxValueDepth.
  static Value Shallow(Value v);

  Value EvalTerms(const HclFile& file, const std::vector<TSNode>& terms, const Scope& scope);
  Value EvalPrimary(const NodeRef& node, const Scope& scope);
  Value EvalTemplate(const NodeRef& node, const Scope& scope);
  Value EvalCollection(const NodeRef& node, const Scope& scope);
  Value EvalFunction(const NodeRef& node, const Scope& scope);
  Value EvalConditional(const NodeRef& node, const Scope& scope);
  Value EvalOperation(const NodeRef& node, const Scope& scope);
  Value EvalFor(const NodeRef& node, const Scope& scope);
  Value EvalTraversal(const std::string& root, std::vector<Step>& steps, const Location& loc, const Scope& scope);
  Value ApplySteps(Value v, const std::vector<Step>& steps, size_t from, const Location& loc);
  Value Variable(Instance& inst, const std::string& name, const Location& loc);
  // A variable that nothing sets: one symbol per module instance, constrained by
  // its type and the validation conditions that can be read.
  Value UnsetVariable(Instance& inst, const std::string& name, const Block& decl, const Location& loc);
  // Adds to `out` what a validation condition on `var` (`var.name`) says: can(regex(P, var)),
  // contains([...], var), length(var) <op> N, and conjunctions of those.
  void ReadValidation(const HclFile& file, const std::vector<TSNode>& terms, const std::string& var,
                      const Scope& scope, InputConstraint& out);
  ProviderConfig Defaults() const { return DefaultProvider(context_.region, context_.account); }
  // The memoised value of a local (evaluated on first use), or null with `*unknown`
  // set when there is none (not declared, or a cycle).
  const Value* Local(Instance& inst, const std::string& name, const Location& loc, Value* unknown);
  Value ResourceAttribute(Instance& inst, const std::string& type, const std::string& name,
                          const std::vector<Step>& steps, size_t at, const Location& loc, size_t* used);
  Value DataAttribute(Instance& inst, const std::string& type, const std::string& name,
                      const std::vector<Step>& steps, size_t at, const Location& loc, size_t* used);
  Value ModuleOutput(Instance& inst, const std::string& name, const std::vector<Step>& steps, size_t at,
                     const Location& loc);
  Value CallFunction(const std::string& name, std::vector<Value> args, const Location& loc);
  // A file()/templatefile() path resolved from the root module's folder, inside the
  // scanned root: the path to read and the one to show; nullopt with `*unknown` set.
  struct FilePath {
    std::string canonical;
    std::string shown;
  };
  std::optional<FilePath> ResolveFile(const Value& path, const Location& loc, Value* unknown);
  Value ReadFile(const FilePath& file, const std::string& as_written, const Location& loc);
  // lookup(map, key) with a key the scan cannot see: one of the map's values (or the
  // default), a constant bounded by them.
  Value LookupOneOf(const std::vector<Value>& args, const Location& loc);
  Value TemplateFile(const Value& path, const Value& vars, const Location& loc);
  // `text` as a template with `vars` bound; `start` is where its first line is.
  Value RenderTemplate(const std::string& text, const Location& start, const Value& vars, const Location& loc);
  // `data "template_file"`: `template` rendered with `vars`, or unknown when it cannot be.
  Value TemplateData(Instance& inst, const BodyItems& body, const Expansion& e, const std::string& address,
                     const Location& loc);
  void AppendTemplate(const HclFile& file, const std::vector<TSNode>& nodes, uint32_t begin, uint32_t end,
                      bool quoted, const Scope& scope, std::vector<std::vector<StringPart>>& out);
  Value PolicyStatement(const BlockUse& statement, const std::string& path);

  EvalContext context_;
  std::string root_;
  Budget& budget_;
  std::uint64_t unspent_values_ = 0;
  std::uint64_t unspent_bytes_ = 0;
  int depth_ = 0;
  // Templates parsed (templatefile(), data "template_file"), by where they start and
  // their text: each is parsed once however often it is rendered.
  std::map<std::string, std::unique_ptr<HclFile>> templates_;
  std::vector<std::string> rendering_;  // canonical paths of the templatefile() files being rendered
  std::set<std::pair<std::string, std::string>> constrained_;  // (scope, name) of variables constrained
};

// The identity of a module instance's unresolved inputs: the root module's folder,
// or "<root>#module.a.module.b." for a child.
std::string InstanceScope(const Instance& inst);

// Appends `v` rendered into a string template: strings keep their parts, numbers
// and bools their text, anything else becomes an unknown symbol with the reason.
void AppendAsString(const Value& v, std::vector<StringPart>& parts);

// True when an attachment names its pool or a role only through an undecided
// conditional (a kAlternatives value): it exists as written in one reading only.
bool NamesThroughConditional(const RoleAttachment& a);

// Gives `v` and everything inside it a logical path under `path`, keeping paths
// already set (a policy document's statements keep the data source's path).
void SetPaths(Value& v, const std::string& path);

}  // namespace trustlint::terraform
