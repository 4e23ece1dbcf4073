// Turns the raw YAML of one CloudFormation template into trustlint Values,
// evaluating intrinsic functions (Ref, Fn::Sub, Fn::If, ...) as far as the
// template alone decides them. Unknowns stay unknown, with the reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/budget.h"
#include "frontend/cloudformation/raw_yaml.h"
#include "graph/graph.h"
#include "graph/value.h"

namespace trustlint::cfn {

// Why the evaluation of a template stopped. Thrown, and caught once, by the template
// loader, which reports it as TL001 (as it does BudgetExhausted, from base/budget.h).
struct EvaluationError {
  std::string message;
  int line = 0;
  int column = 0;
};
// A hard cap was exceeded: nesting depth, Fn::ForEach expansion.
struct LimitExceeded : EvaluationError {};
// Parameter Defaults that refer to each other in a cycle: CloudFormation rejects them.
struct ParameterCycle : EvaluationError {};

struct EvaluatorLimits {
  // Levels of the evaluation's recursion, counted across the whole walk (aliases,
  // intrinsic functions, parameter defaults, conditions). Far above the nesting of
  // any real template, and low enough for the ASan Debug build: its deepest level
  // measured ~27 KB of stack (an Fn::Sub naming a parameter whose Default is the
  // next Fn::Sub: Conv, Intrinsic, Sub, Ref, Parameter), so 128 levels take ~3.5 MB
  // of a default 8 MB main-thread stack.
  int max_depth = 128;
};

// What the command line and configuration say about a template's inputs (SPEC 1, 8).
struct TemplateInputs {
  std::map<std::string, std::string> parameters;  // --parameter NAME=VALUE: wins over Default
  std::string region;                             // AWS::Region; "" = unknown
  std::string account;                            // AWS::AccountId; "" = unknown
};

// An unresolved input and what the template says it must look like.
struct ConstrainedInput {
  Symbol input;
  InputConstraint constraint;
};

class Evaluator {
 public:
  // `file` names the template in keys ("<file>#<LogicalId>") and locations.
  // `resource_types` maps every logical ID to its Type. `budget` is the template's:
  // the values built and the bytes copied (alias expansion, string building) are
  // charged to it, and it throws BudgetExhausted when they run out. After it throws
  // (BudgetExhausted or an EvaluationError) an Evaluator is not used again.
  Evaluator(std::string file, const RawNode* parameters, const RawNode* mappings, const RawNode* conditions,
            std::map<std::string, std::string> resource_types, Budget& budget, TemplateInputs inputs = {},
            EvaluatorLimits limits = {});

  // The Value of `node` at logical `path`; nullopt when it is AWS::NoValue.
  std::optional<Value> Convert(const RawNode& node, const std::string& path);
  // Whether a named condition holds; nullopt when the template does not decide it.
  std::optional<bool> Condition(const std::string& name);

  std::string Key(std::string_view logical_id) const { return file_ + "#" + std::string(logical_id); }
  Location Loc(const RawNode& node) const { return Location{file_, node.line, node.column}; }
  // Fn::ForEach (AWS::LanguageExtensions): the loop identifiers in force while the
  // loader converts one expanded resource. Ref, Fn::Sub and plain strings see them.
  void Bind(std::map<std::string, Value> bindings) { bindings_ = std::move(bindings); }
  // `Transform: AWS::LanguageExtensions`: Fn::ForEach inside properties expands into map entries.
  void EnableLanguageExtensions() { language_extensions_ = true; }
  // A pseudo parameter's value: the configured region/account, the partition and URL
  // suffix that the region implies (aws / amazonaws.com by default), else a kPseudo symbol.
  Value PseudoValue(const std::string& name, const Location& loc) const;
  // Every parameter met without a value, with its AllowedValues/AllowedPattern/lengths.
  const std::vector<ConstrainedInput>& Constraints() const { return constraints_; }

 private:
  class Nesting;

  std::optional<Value> Conv(const RawNode& node, const std::string& path, bool skip_tag = false);
  // Converts `target`, a subtree that a reference copies (an alias, a parameter's
  // Default, a mapped value): its expanded bytes are charged first when `charge`.
  std::optional<Value> ConvCopy(const RawNode& target, const RawNode& at, const std::string& path, bool charge);
  std::optional<Value> Intrinsic(std::string_view fn, const RawNode& arg, const RawNode& at, const std::string& path);
  std::optional<Value> Ref(std::string name, const RawNode& at, const std::string& path);
  Value Parameter(const std::string& name, const RawNode& decl, const RawNode& at);
  Value Pseudo(const std::string& name, const RawNode& at) const;
  void Constrain(const Symbol& input, const std::string& type, const RawNode& decl);
  // A value the template cannot know, as one string constant of its own: scoped to
  // this use site, so that two different expressions never share a constant.
  Value UnknownAt(std::string reason, const RawNode& at, const std::string& path) const;
  Value ResourceRef(const std::string& id, const RawNode& at) const;
  Value GetAtt(const std::string& id, const std::string& attr, const RawNode& at) const;
  Value Sub(const RawNode& arg, const RawNode& at, const std::string& path);
  Value Join(const RawNode& arg, const RawNode& at, const std::string& path);
  Value Select(const RawNode& arg, const RawNode& at, const std::string& path);
  Value Split(const RawNode& arg, const RawNode& at, const std::string& path);
  std::optional<Value> FindInMap(const RawNode& arg, const RawNode& at, const std::string& path);
  std::optional<Value> If(const RawNode& arg, const RawNode& at, const std::string& path);
  std::optional<bool> CondExpr(const RawNode& node, bool skip_tag);
  std::optional<std::string> LiteralArg(const RawNode& node, const std::string& path);
  // A bound loop identifier's value, its bytes charged: every use copies it.
  const Value& Bound(const Value& value, const RawNode& at);
  Value Scalar(const RawNode& node);
  void ForEachEntries(const RawNode& key, const RawNode& loop, const std::string& path,
                      std::vector<std::pair<std::string, Value>>& entries);
  std::optional<Value> ToJsonString(const RawNode& arg, const RawNode& at, const std::string& path, bool self);
  // `map`'s value at `key`, as RawNode::Find, through an index built on first use for
  // large mappings (Parameters, Conditions, Mappings, Fn::Sub variables), so that many
  // lookups in one of them stay linear.
  const RawNode* Lookup(const RawNode* map, std::string_view key);

  std::string file_;
  const RawNode* parameters_;
  const RawNode* mappings_;
  const RawNode* conditions_;
  std::map<std::string, std::string> resource_types_;
  Budget& budget_;
  TemplateInputs inputs_;
  EvaluatorLimits limits_;
  std::vector<ConstrainedInput> constraints_;
  std::set<std::string> constrained_;
  int depth_ = 0;    // levels of Conv and CondExpr now on the stack (see Nesting)
  int copying_ = 0;  // > 0 while converting a subtree whose expanded bytes are already charged
  std::map<std::string, Value> bindings_;
  bool language_extensions_ = false;
  std::map<std::string, std::optional<bool>> condition_memo_;
  std::set<std::string> conditions_in_progress_;
  std::vector<std::string> parameters_in_progress_;  // Defaults being converted, outermost first
  std::map<const RawNode*, std::map<std::string, const RawNode*, std::less<>>> indexes_;
};

// The partition a region lies in and that partition's URL suffix (AWS::Partition,
// AWS::URLSuffix); aws / amazonaws.com for any other or an unknown ("") region.
struct Partition {
  std::string_view name;
  std::string_view url_suffix;
};
Partition PartitionOf(std::string_view region);

// `text` with every `${Name}` and `&{Name}` of a bound loop identifier replaced:
// by its value, or for `&{}` by its letters and digits only. Unknown values
// become symbols; names that are not bound stay as written. The text made is
// charged to `budget` (at `loc`) before it is copied.
Value SubstituteBindings(std::string_view text, const std::map<std::string, Value>& bindings, const Location& loc,
                         Budget& budget);
// The same as text, for logical IDs: a binding without a literal value stays as written.
std::string SubstituteLiteral(std::string_view text, const std::map<std::string, Value>& bindings, Budget& budget,
                              const Location& loc);

// The bytes a copy of `v` holds (its text, parts, keys and paths; one per value),
// without recursion: what copying it costs the budget.
std::uint64_t ValueBytes(const Value& v);

// The intrinsic a YAML short tag stands for ("!GetAtt" -> "Fn::GetAtt", "!Ref" -> "Ref");
// empty when the tag is not one.
std::string ShortTagFunction(std::string_view tag);

}  // namespace trustlint::cfn
