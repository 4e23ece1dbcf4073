// Value: what a front end knows about one property, with where it came from.
//
// Front ends translate their own syntax (YAML nodes, HCL expressions, plan JSON)
// into this one tree, so that the graph, the policy engine and the rules never see
// a parser type. A string may be only partly known: `!Sub arn:${AWS::Partition}:iam::
// ${AWS::AccountId}:role/x` keeps the two pseudo parameters as symbols. A value the
// front end could not resolve is kUnknown (or holds a kUnknown symbol) with the
// reason, never a guess.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/location.h"

namespace trustlint {

// A part of a string that the front end can name but not spell.
struct Symbol {
  enum class Kind {
    kPoolId,       // the ID of the identity pool at `name` (generated at deploy time)
    kRoleArn,      // the ARN of the role at `name`
    kRoleName,     // the name of the role at `name` (CloudFormation `Ref` of a role)
    kResourceRef,  // any other resource's Ref/GetAtt/attribute: `name` = "Logical" or "Logical.Attr"
    kPseudo,       // AWS::AccountId, AWS::Region, AWS::Partition, AWS::StackName, AWS::URLSuffix, ...
    kImport,       // Fn::ImportValue of export `name`, resolved by the link pass when it can be
    kUnknown,      // cannot be known statically; `name` is the reason ("parameter PoolId has no default")
  };
  Kind kind = Kind::kUnknown;
  std::string name;
  // Where an unresolved input lives, when its name alone does not identify it
  // (SPEC 4: one input is one constant, shared by every use): the template file
  // of a CloudFormation parameter, the module instance of a Terraform variable,
  // the resource of an `each.value`. Part of the symbol's identity; never shown.
  std::string scope;

  friend bool operator==(const Symbol&, const Symbol&) = default;
};

// An optional value kept on the heap: std::optional's interface and value
// semantics (copies copy the value), at the size of one pointer when empty.
template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}                                       // NOLINT(google-explicit-constructor)
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT(google-explicit-constructor)
  Boxed(const Boxed& other) : value_(other ? std::make_unique<T>(*other) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other ? std::make_unique<T>(*other) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  bool has_value() const { return value_ != nullptr; }  // NOLINT(readability-identifier-naming): std::optional's
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return value_.get(); }
  T* operator->() { return value_.get(); }

  friend bool operator==(const Boxed& a, const Boxed& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }

 private:
  std::unique_ptr<T> value_;
};

struct StringPart {
  std::string literal;  // used when !symbol
  // Set for a symbolic part. Boxed: most parts are literal, and a Symbol inline
  // made every part of every string 112 bytes instead of 40.
  Boxed<Symbol> symbol;

  // The text the part holds (its literal, or its symbol's name and scope): what a
  // copy of it costs a scan budget (base/budget.h).
  std::size_t Bytes() const { return symbol ? symbol->name.size() + symbol->scope.size() : literal.size(); }

  friend bool operator==(const StringPart&, const StringPart&) = default;
};

class Value {
 public:
  enum class Kind {
    kNull,          // YAML null / HCL null / AWS::NoValue
    kBool,          // text is "true" or "false"
    kNumber,        // text is the number as written
    kString,        // parts (a plain string is one literal part)
    kList,          // items
    kMap,           // entries, in source order
    kAlternatives,  // items: one of these, undecided (Fn::If, HCL conditional)
    kUnknown,       // reason says why
  };

  Kind kind = Kind::kNull;
  bool from_default = false;  // came from a parameter/variable default (beside `kind`: no padding)
  std::string text;                                     // kBool, kNumber
  std::vector<StringPart> parts;                        // kString
  std::vector<Value> items;                             // kList, kAlternatives
  std::vector<std::pair<std::string, Value>> entries;  // kMap
  std::string reason;                                   // kUnknown
  Location loc;
  std::string path;  // logical path, e.g. Resources/AuthRole/Properties/Policies/0

  // Declared here and defaulted in value.cpp, where Value is complete: `entries`
  // holds std::pair<std::string, Value>, and clang (rightly) refuses to make the
  // implicit ones while the class is still incomplete.
  Value();
  ~Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;

  // Constructors for front ends and tests.
  static Value Null(Location loc = {});
  static Value Bool(bool b, Location loc = {});
  static Value Number(std::string text, Location loc = {});
  static Value String(std::string literal, Location loc = {});
  static Value Symbolic(std::vector<StringPart> parts, Location loc = {});
  static Value SymbolString(Symbol sym, Location loc = {});
  static Value List(std::vector<Value> items, Location loc = {});
  static Value Map(std::vector<std::pair<std::string, Value>> entries, Location loc = {});
  static Value Alternatives(std::vector<Value> items, Location loc = {});
  static Value Unknown(std::string reason, Location loc = {});

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsString() const { return kind == Kind::kString; }
  bool IsList() const { return kind == Kind::kList; }
  bool IsMap() const { return kind == Kind::kMap; }
  bool IsUnknown() const { return kind == Kind::kUnknown; }

  // A string made only of literal parts.
  bool IsLiteralString() const;
  // The literal text of a literal string, bool or number; nullopt otherwise.
  std::optional<std::string> Literal() const;
  // Map lookup; keys compare exactly. nullptr when absent or not a map.
  const Value* Find(std::string_view key) const;
  Value* FindMutable(std::string_view key);

  // True when this value or anything inside it is unknown (kUnknown, a kUnknown
  // or unresolved kImport symbol). `reason` receives the first such reason.
  bool DependsOnUnknown(std::string* reason = nullptr) const;

  // Boolean reading of a literal ("true"/"false", case-insensitive; CloudFormation
  // also writes them as strings). nullopt when unknown or undecided.
  std::optional<bool> AsBool() const;
};

// Renders a string's parts as one comparable string. Literal parts are copied;
// each symbol becomes a sentinel "⟨kind:name⟩" that no literal in a template
// spells, so that two values compare equal exactly when they are the same text
// with the same symbols, and a glob such as "*" still matches a symbol.
std::string RenderForMatching(const std::vector<StringPart>& parts);
// Human-readable form for messages: "arn:aws:iam::⟨AWS::AccountId⟩:role/x",
// "⟨ID of pool IdentityPool⟩".
std::string RenderForDisplay(const std::vector<StringPart>& parts);
std::string DescribeSymbol(const Symbol& sym);
// The display form of a string made by RenderForMatching (or derived from one, such
// as a witness resource): every sentinel becomes its RenderForDisplay description.
std::string DisplayRendered(std::string_view rendered);
// True if the rendered string contains a sentinel of an unknown symbol.
bool RenderedHasUnknown(std::string_view rendered);

// One-line, deterministic dump of a value for graph dumps and tests.
std::string DumpValue(const Value& v);

}  // namespace trustlint
