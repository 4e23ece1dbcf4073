// The IAM policy model: a document parsed from a graph Value into statements
// whose strings are rendered for matching (symbols become sentinels, see
// RenderForMatching). Every statement and condition keeps its location and
// logical path so findings point at the exact line.
#pragma once

#include <string>
#include <vector>

#include "base/location.h"
#include "graph/value.h"

namespace trustlint {

// One string of a policy: an action, a resource, a principal or a condition value.
struct PolicyString {
  std::string text;     // RenderForMatching of the value's parts
  std::string display;  // RenderForDisplay, for messages
  Location loc;
  bool unknown = false;  // depends on a value the front end could not resolve
  std::string unknown_reason;
};

struct Principal {
  std::string type;  // "*" (the bare `Principal: "*"`), AWS, Federated, Service, CanonicalUser
  PolicyString value;
};

enum class SetPrefix { kNone, kForAnyValue, kForAllValues };

struct Condition {
  std::string op_text;    // as written: "ForAnyValue:StringLike"
  std::string op;         // base operator without prefix/suffix: "StringLike"
  SetPrefix set = SetPrefix::kNone;
  bool if_exists = false;
  std::string key;        // as written
  std::string key_lower;  // condition keys are case-insensitive
  std::vector<PolicyString> values;
  Location loc;
  std::string path;
  // Policy variables `${...}` are substituted only under Version 2012-10-17;
  // under 2008-10-17 or without a Version IAM reads them as literal text.
  bool variables = true;
};

struct Statement {
  int index = 0;  // position in the document's Statement list
  std::string sid;
  bool allow = true;  // Effect
  bool has_principal = false;  // Principal or NotPrincipal present
  bool not_principal = false;
  std::vector<Principal> principals;
  bool not_action = false;
  std::vector<PolicyString> actions;
  bool has_resource = false;  // Resource or NotResource present (trust policies have none)
  bool not_resource = false;
  std::vector<PolicyString> resources;
  std::vector<Condition> conditions;
  // Came through an undecided Fn::If / conditional: present in one reading only.
  bool conditional = false;
  Location loc;
  std::string path;
  bool variables = true;  // see Condition::variables
};

// Why a document is not one IAM accepts (rule TL004). A document with an issue
// that holds in every reading grants nothing: its statements are dropped, since
// IAM refuses to save it and the role or policy never exists as written.
struct PolicyIssue {
  enum class Kind {
    kAbsent,   // no document at all: a role without a trust policy
    kNotJson,  // JSON text that does not parse as JSON (or that trustlint refuses to parse)
    kInvalid,  // parses, but breaks IAM's policy grammar
  };
  Kind kind = Kind::kInvalid;
  Location loc;
  std::string message;
  // Only in one reading of an undecided Fn::If / conditional: that reading grants nothing.
  bool conditional = false;
};

struct PolicyDocument {
  std::string owner;  // address of the resource whose text holds the document
  std::vector<Statement> statements;
  Location loc;
  std::string path;
  bool unknown = false;  // the document itself could not be resolved
  std::string unknown_reason;
  std::vector<PolicyIssue> issues;
  std::string version;  // the Version element as written ("" when absent)
};

// Parses a policy document from a graph value. Accepts every form IAM accepts:
// Statement as object or list, string or list values, Principal "*" or a map of
// type -> string/list, NotPrincipal/NotAction/NotResource, Condition maps. A JSON
// string document (Terraform jsonencode output kept as text) is parsed as JSON.
// Never throws: problems go to `issues`. A problem found in every reading empties
// `statements` (IAM rejects the whole document); one found in a single reading of an
// undecided condition drops what that reading holds.
PolicyDocument ParsePolicyDocument(const Value& document, const std::string& owner);

// Splits "ForAnyValue:StringLikeIfExists" into prefix, operator, IfExists.
void ParseConditionOperator(std::string_view op_text, SetPrefix* set, std::string* op, bool* if_exists);

}  // namespace trustlint
