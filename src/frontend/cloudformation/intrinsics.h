// Turns the raw YAML of one CloudFormation template into trustlint Values,
// evaluating intrinsic functions (Ref, Fn::Sub, Fn::If, ...) as far as the
// template alone decides them. Unknowns stay unknown, with the reason.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/cloudformation/raw_yaml.h"
#include "graph/graph.h"
#include "graph/value.h"

namespace trustlint::cfn {

// Thrown when a template exceeds a hard cap (alias bombs, absurd nesting).
// Caught once, by the template loader, and reported as TL001.
struct LimitExceeded {
  std::string message;
  int line = 0;
  int column = 0;
};

struct EvaluatorLimits {
  std::size_t max_values = 1'000'000;  // Values built for one template
  std::size_t max_alias_expansions = 100'000;
  int max_depth = 512;  // nesting after alias expansion
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
  // `resource_types` maps every logical ID to its Type.
  Evaluator(std::string file, const RawNode* parameters, const RawNode* mappings, const RawNode* conditions,
            std::map<std::string, std::string> resource_types, TemplateInputs inputs = {},
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
  Value PseudoValue(const std::string& name, Location loc) const;
  // Every parameter met without a value, with its AllowedValues/AllowedPattern/lengths.
  const std::vector<ConstrainedInput>& Constraints() const { return constraints_; }

 private:
  std::optional<Value> Conv(const RawNode& node, const std::string& path, int depth, bool skip_tag = false);
  std::optional<Value> Intrinsic(std::string_view fn, const RawNode& arg, const RawNode& at,
                                 const std::string& path, int depth);
  std::optional<Value> Ref(const std::string& name, const RawNode& at, const std::string& path, int depth);
  Value Parameter(const std::string& name, const RawNode& decl, const RawNode& at, int depth);
  Value Pseudo(const std::string& name, const RawNode& at) const;
  void Constrain(const Symbol& input, const std::string& type, const RawNode& decl);
  // A value the template cannot know, as one string constant of its own: scoped to
  // this use site, so that two different expressions never share a constant.
  Value UnknownAt(std::string reason, const RawNode& at, const std::string& path) const;
  Value ResourceRef(const std::string& id, const RawNode& at) const;
  Value GetAtt(const std::string& id, const std::string& attr, const RawNode& at) const;
  Value Sub(const RawNode& arg, const RawNode& at, const std::string& path, int depth);
  Value Join(const RawNode& arg, const RawNode& at, const std::string& path, int depth);
  Value Select(const RawNode& arg, const RawNode& at, const std::string& path, int depth);
  Value Split(const RawNode& arg, const RawNode& at, const std::string& path, int depth);
  std::optional<Value> FindInMap(const RawNode& arg, const RawNode& at, const std::string& path, int depth);
  std::optional<Value> If(const RawNode& arg, const RawNode& at, const std::string& path, int depth);
  std::optional<bool> CondExpr(const RawNode& node, int depth, bool skip_tag);
  std::optional<std::string> LiteralArg(const RawNode& node, const std::string& path, int depth);
  void Charge(const RawNode& node, int depth);
  Value Scalar(const RawNode& node) const;
  void ForEachEntries(const RawNode& key, const RawNode& loop, const std::string& path, int depth,
                      std::vector<std::pair<std::string, Value>>& entries);
  std::optional<Value> ToJsonString(const RawNode& arg, const RawNode& at, const std::string& path, int depth,
                                    bool self);

  std::string file_;
  const RawNode* parameters_;
  const RawNode* mappings_;
  const RawNode* conditions_;
  std::map<std::string, std::string> resource_types_;
  TemplateInputs inputs_;
  EvaluatorLimits limits_;
  std::vector<ConstrainedInput> constraints_;
  std::set<std::string> constrained_;
  std::size_t values_ = 0;
  std::size_t aliases_ = 0;
  std::map<std::string, Value> bindings_;
  bool language_extensions_ = false;
  std::map<std::string, std::optional<bool>> condition_memo_;
  std::set<std::string> conditions_in_progress_;
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
// become symbols; names that are not bound stay as written.
Value SubstituteBindings(std::string_view text, const std::map<std::string, Value>& bindings, const Location& loc);
// The same as text, for logical IDs: a binding without a literal value stays as written.
std::string SubstituteLiteral(std::string_view text, const std::map<std::string, Value>& bindings);

// The intrinsic a YAML short tag stands for ("!GetAtt" -> "Fn::GetAtt", "!Ref" -> "Ref");
// empty when the tag is not one.
std::string ShortTagFunction(std::string_view tag);

}  // namespace trustlint::cfn
