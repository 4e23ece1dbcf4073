// ParsePolicyDocument on hand-built graph Values: every statement form IAM
// accepts, undecided Fn::If, JSON text, and malformed shapes.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "policy/evaluator.h"
#include "policy/policy.h"

namespace trustlint {
namespace {

using Entries = std::vector<std::pair<std::string, Value>>;

Location At(int line, int column = 5) { return Location{"t.yaml", line, column}; }

Value Str(std::string s, int line = 0) { return Value::String(std::move(s), At(line)); }

Value Map(Entries entries, int line = 0, std::string path = "") {
  Value v = Value::Map(std::move(entries), At(line));
  v.path = std::move(path);
  return v;
}

Value Doc(Value statement) {
  Value doc = Map({{"Version", Str("2012-10-17")}, {"Statement", std::move(statement)}}, 1,
                  "Resources/Role/Properties/AssumeRolePolicyDocument");
  return doc;
}

Value TrustStatement(int line) {
  return Map({{"Effect", Str("Allow", line + 1)},
              {"Principal", Map({{"Federated", Str("cognito-identity.amazonaws.com", line + 2)}}, line + 2)},
              {"Action", Str("sts:AssumeRoleWithWebIdentity", line + 3)}},
             line);
}

std::vector<std::string> Messages(const PolicyDocument& doc) {
  std::vector<std::string> out;
  for (const PolicyIssue& issue : doc.issues) out.push_back(FormatLocation(issue.loc) + ": " + issue.message);
  return out;
}

TEST_CASE("policy.parse: a single statement object with every element") {
  Value statement =
      Map({{"Sid", Str("Trust")},
           {"Effect", Str("Allow", 3)},
           {"Principal", Map({{"Federated", Str("cognito-identity.amazonaws.com")},
                              {"AWS", Value::List({Str("arn:aws:iam::111122223333:root"), Str("*")})}})},
           {"Action", Value::List({Str("sts:AssumeRoleWithWebIdentity"), Str("sts:TagSession")})},
           {"Condition",
            Map({{"StringEquals", Map({{"cognito-identity.amazonaws.com:aud", Str("us-east-1:pool", 9)}})},
                 {"ForAnyValue:StringLikeIfExists",
                  Map({{"Cognito-Identity.amazonaws.com:AMR", Value::List({Str("authenticated"), Str("x")}, At(11))}})},
                 {"Bool", Map({{"aws:SecureTransport", Value::Bool(true, At(12))}})},
                 {"NumericLessThan", Map({{"s3:max-keys", Value::Number("10", At(13))}})}})}},
          2, "Resources/Role/Properties/AssumeRolePolicyDocument/Statement");
  const PolicyDocument doc = ParsePolicyDocument(Doc(statement), "Resources/Role");
  CHECK(Messages(doc).empty());
  CHECK(doc.owner == "Resources/Role");
  CHECK(doc.version == "2012-10-17");
  REQUIRE(doc.statements.size() == 1);
  const Statement& st = doc.statements[0];
  CHECK(st.sid == "Trust");
  CHECK(st.allow);
  CHECK(st.has_principal);
  CHECK_FALSE(st.not_principal);
  CHECK_FALSE(st.conditional);
  CHECK(st.loc == At(2));
  CHECK(st.path == "Resources/Role/Properties/AssumeRolePolicyDocument/Statement");
  REQUIRE(st.principals.size() == 3);
  CHECK(st.principals[0].type == "Federated");
  CHECK(st.principals[0].value.text == "cognito-identity.amazonaws.com");
  CHECK(st.principals[2].type == "AWS");
  CHECK(st.principals[2].value.text == "*");
  REQUIRE(st.actions.size() == 2);
  CHECK(st.actions[1].text == "sts:TagSession");
  CHECK_FALSE(st.has_resource);
  REQUIRE(st.conditions.size() == 4);
  const Condition& aud = st.conditions[0];
  CHECK(aud.op == "StringEquals");
  CHECK(aud.loc == At(9));
  CHECK(aud.path ==
        "Resources/Role/Properties/AssumeRolePolicyDocument/Statement/Condition/StringEquals/"
        "cognito-identity.amazonaws.com:aud");
  const Condition& amr = st.conditions[1];
  CHECK(amr.op_text == "ForAnyValue:StringLikeIfExists");
  CHECK(amr.op == "StringLike");
  CHECK(amr.set == SetPrefix::kForAnyValue);
  CHECK(amr.if_exists);
  CHECK(amr.key == "Cognito-Identity.amazonaws.com:AMR");
  CHECK(amr.key_lower == "cognito-identity.amazonaws.com:amr");
  REQUIRE(amr.values.size() == 2);
  CHECK(amr.loc == At(11));
  CHECK(st.conditions[2].values[0].text == "true");
  CHECK(st.conditions[3].values[0].text == "10");
}

TEST_CASE("policy.parse: Principal \"*\", NotPrincipal, NotAction, Resource and NotResource") {
  Value statements = Value::List({Map({{"Effect", Str("Deny")},
                                       {"Principal", Str("*")},
                                       {"NotAction", Str("s3:*")},
                                       {"NotResource", Value::List({Str("arn:aws:s3:::a"), Str("arn:aws:s3:::b")})}}),
                                  Map({{"Effect", Str("Allow")},
                                       {"NotPrincipal", Map({{"Service", Str("ec2.amazonaws.com")}})},
                                       {"Action", Str("s3:GetObject")},
                                       {"Resource", Str("*")}})});
  const PolicyDocument doc = ParsePolicyDocument(Doc(statements), "r");
  CHECK(Messages(doc).empty());
  REQUIRE(doc.statements.size() == 2);
  const Statement& deny = doc.statements[0];
  CHECK_FALSE(deny.allow);
  REQUIRE(deny.principals.size() == 1);
  CHECK(deny.principals[0].type == "*");
  CHECK(deny.not_action);
  CHECK(deny.has_resource);
  CHECK(deny.not_resource);
  CHECK(deny.resources.size() == 2);
  CHECK(deny.path == "Resources/Role/Properties/AssumeRolePolicyDocument/Statement/0");
  const Statement& allow = doc.statements[1];
  CHECK(allow.index == 1);
  CHECK(allow.not_principal);
  CHECK(allow.principals[0].type == "Service");
  CHECK_FALSE(allow.not_resource);
  CHECK(allow.resources[0].text == "*");
}

TEST_CASE("policy.parse: symbolic and unknown strings") {
  Value aud = Value::Symbolic({StringPart{"", Symbol{Symbol::Kind::kPoolId, "IdentityPool"}}}, At(7));
  Value statement =
      Map({{"Effect", Str("Allow")},
           {"Principal", Map({{"Federated", Str("cognito-identity.amazonaws.com")}})},
           {"Action", Str("sts:AssumeRoleWithWebIdentity")},
           {"Condition", Map({{"StringEquals", Map({{"cognito-identity.amazonaws.com:aud", aud},
                                                    {"cognito-identity.amazonaws.com:sub",
                                                     Value::Unknown("parameter Sub has no default", At(8))}})}})}});
  const PolicyDocument doc = ParsePolicyDocument(Doc(statement), "r");
  REQUIRE(doc.statements.size() == 1);
  const Condition& c0 = doc.statements[0].conditions[0];
  CHECK(c0.values[0].text == RenderForMatching(aud.parts));
  CHECK(c0.values[0].display == RenderForDisplay(aud.parts));
  CHECK_FALSE(c0.values[0].unknown);
  const Condition& c1 = doc.statements[0].conditions[1];
  CHECK(c1.values[0].unknown);
  CHECK(c1.values[0].unknown_reason == "parameter Sub has no default");
  CHECK(RenderedHasUnknown(c1.values[0].text));
}

TEST_CASE("policy.parse: undecided Fn::If gives one statement per reading") {
  // Statement list item is itself an Fn::If between a statement and AWS::NoValue.
  Value guarded = Value::Alternatives({TrustStatement(20), Value::Null()}, At(19));
  // A statement whose amr condition value is an Fn::If.
  Value amr_if = Value::Alternatives({Str("authenticated", 31), Str("unauthenticated", 32)}, At(30));
  Value conditional_value =
      Map({{"Effect", Str("Allow")},
           {"Principal", Map({{"Federated", Str("cognito-identity.amazonaws.com")}})},
           {"Action", Str("sts:AssumeRoleWithWebIdentity")},
           {"Condition", Map({{"ForAnyValue:StringLike", Map({{"cognito-identity.amazonaws.com:amr", amr_if}})}})}},
          29);
  const PolicyDocument doc =
      ParsePolicyDocument(Doc(Value::List({TrustStatement(10), guarded, conditional_value})), "r");
  CHECK(Messages(doc).empty());
  REQUIRE(doc.statements.size() == 4);
  CHECK_FALSE(doc.statements[0].conditional);
  CHECK(doc.statements[1].conditional);
  CHECK(doc.statements[1].index == 1);
  CHECK(doc.statements[1].loc == At(20));
  CHECK(doc.statements[2].conditional);
  CHECK(doc.statements[3].conditional);
  CHECK(doc.statements[2].index == 2);
  CHECK(doc.statements[2].conditions[0].values[0].text == "authenticated");
  CHECK(doc.statements[3].conditions[0].values[0].text == "unauthenticated");
  CHECK(doc.statements[3].loc == At(29));
}

TEST_CASE("policy.parse: Fn::If readings are capped") {
  std::vector<Value> actions;
  for (int i = 0; i < 5; ++i) actions.push_back(Value::Alternatives({Str("a:X"), Str("a:Y")}));
  Value statement = Map({{"Effect", Str("Allow")}, {"Action", Value::List(actions)}}, 4);
  const PolicyDocument doc = ParsePolicyDocument(Doc(statement), "r");
  CHECK(doc.statements.size() == 16);
  // A limit of the analysis, not a problem of the policy: what the other readings allow is unknown.
  CHECK(Messages(doc).empty());
  CHECK(doc.unknown);
  CHECK(doc.unknown_reason ==
        "statement 0 has more than 16 readings through undecided conditions; only the first 16 are analysed");
}

TEST_CASE("policy.parse: AWS::NoValue removes an element") {
  Value statement = Map({{"Effect", Str("Allow")},
                         {"Action", Value::List({Str("a:X"), Value::Null()})},
                         {"Resource", Value::Null()},
                         {"Condition", Value::Null()}});
  const PolicyDocument doc = ParsePolicyDocument(Doc(statement), "r");
  CHECK(Messages(doc).empty());
  REQUIRE(doc.statements.size() == 1);
  CHECK(doc.statements[0].actions.size() == 1);
  CHECK_FALSE(doc.statements[0].has_resource);
  CHECK(doc.statements[0].conditions.empty());
}

TEST_CASE("policy.parse: a whole document behind Fn::If") {
  Value a = Doc(TrustStatement(3));
  Value b = Doc(Value::List({TrustStatement(10), TrustStatement(20)}));
  const PolicyDocument doc = ParsePolicyDocument(Value::Alternatives({a, b}), "r");
  REQUIRE(doc.statements.size() == 3);
  for (const Statement& st : doc.statements) CHECK(st.conditional);
}

TEST_CASE("policy.parse: a JSON string document") {
  const Location loc{"main.tf", 12, 3};
  Value text = Value::String(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
      "Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
      "Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:abc"}}}]})",
                             loc);
  text.path = "aws_iam_role.auth.assume_role_policy";
  const PolicyDocument doc = ParsePolicyDocument(text, "aws_iam_role.auth");
  CHECK(Messages(doc).empty());
  REQUIRE(doc.statements.size() == 1);
  CHECK(doc.statements[0].loc == loc);
  CHECK(doc.statements[0].path == "aws_iam_role.auth.assume_role_policy/Statement/0");
  REQUIRE(doc.statements[0].conditions.size() == 1);
  CHECK(doc.statements[0].conditions[0].loc == loc);
  CHECK(doc.statements[0].conditions[0].values[0].text == "us-east-1:abc");
}

TEST_CASE("policy.parse: JSON text with a symbol keeps the symbol as unknown or known text") {
  Value text = Value::Symbolic(
      {StringPart{R"({"Statement":{"Effect":"Allow","Action":"sts:*","Condition":{"StringEquals":{"k":")", {}},
       StringPart{"", Symbol{Symbol::Kind::kUnknown, R"(variable "pool" has no value)"}}, StringPart{R"("}}}})", {}}},
      At(2));
  const PolicyDocument doc = ParsePolicyDocument(text, "r");
  CHECK(Messages(doc).empty());
  REQUIRE(doc.statements.size() == 1);
  const PolicyString& value = doc.statements[0].conditions[0].values[0];
  CHECK(value.unknown);
  CHECK(value.text ==
        RenderForMatching({StringPart{"", Symbol{Symbol::Kind::kUnknown, R"(variable "pool" has no value)"}}}));
  // A symbol standing for a whole JSON value cannot be parsed: the document is unknown.
  Value whole = Value::Symbolic({StringPart{R"({"Statement": )", {}},
                                 StringPart{"", Symbol{Symbol::Kind::kUnknown, "var.statements"}}, StringPart{"}", {}}},
                                At(3));
  const PolicyDocument unknown = ParsePolicyDocument(whole, "r");
  CHECK(unknown.issues.empty());
  CHECK(unknown.unknown);
  CHECK(unknown.unknown_reason == "var.statements");
}

TEST_CASE("policy.parse: malformed shapes become located issues") {
  SUBCASE("scalar Statement") {
    const PolicyDocument doc = ParsePolicyDocument(Doc(Str("Allow everything", 4)), "r");
    CHECK(doc.statements.empty());
    CHECK(Messages(doc) ==
          std::vector<std::string>{"t.yaml:4:5: Statement must be a mapping or a list of mappings, got a string"});
  }
  SUBCASE("list Condition, bad Effect, and a good statement: every problem found, nothing granted") {
    Value bad_condition = Map(
        {{"Effect", Str("Allow")}, {"Action", Str("sts:*")}, {"Condition", Value::List({Str("StringEquals")}, At(6))}});
    Value bad_effect = Map({{"Effect", Str("Alow", 8)}, {"Action", Str("sts:*")}});
    Value number = Value::Number("42", At(9));
    const PolicyDocument doc =
        ParsePolicyDocument(Doc(Value::List({bad_condition, bad_effect, number, TrustStatement(10)})), "r");
    CHECK(Messages(doc) == std::vector<std::string>{
                               "t.yaml:6:5: Condition must be a mapping of operators to key/value mappings, got a list",
                               "t.yaml:8:5: Effect must be \"Allow\" or \"Deny\", got \"Alow\"",
                               "t.yaml:9:5: Statement must be a mapping or a list of mappings, got a number",
                           });
    // IAM rejects the whole document: the good statement grants nothing either.
    CHECK(doc.statements.empty());
  }
  SUBCASE("missing pieces and wrong nesting") {
    Value no_effect = Map({{"Action", Str("sts:*")}}, 3);
    Value no_action = Map({{"Effect", Str("Allow")}}, 4);
    Value both = Map({{"Effect", Str("Allow")}, {"Action", Str("a")}, {"NotAction", Str("b")}}, 5);
    Value bad_principal = Map({{"Effect", Str("Allow")}, {"Action", Str("a")}, {"Principal", Str("me", 6)}});
    Value bad_type =
        Map({{"Effect", Str("Allow")}, {"Action", Str("a")}, {"Principal", Map({{"Group", Str("x", 7)}})}});
    Value op_not_map =
        Map({{"Effect", Str("Allow")}, {"Action", Str("a")}, {"Condition", Map({{"Bool", Str("true", 8)}})}});
    Value nested = Map({{"Effect", Str("Allow")}, {"Action", Value::List({Value::List({Str("a")}, At(9))})}});
    const PolicyDocument doc = ParsePolicyDocument(
        Doc(Value::List({no_effect, no_action, both, bad_principal, bad_type, op_not_map, nested})), "r");
    CHECK(doc.statements.empty());
    CHECK(Messages(doc) ==
          std::vector<std::string>{
              "t.yaml:3:5: Statement has no Effect",
              "t.yaml:4:5: Statement has neither Action nor NotAction",
              "t.yaml:5:5: Statement has both Action and NotAction",
              "t.yaml:6:5: Principal must be \"*\" or a mapping of principal type to principals, got a string",
              "t.yaml:7:5: Principal type must be AWS, Federated, Service or CanonicalUser, got \"Group\"",
              "t.yaml:8:5: Condition operator Bool must map condition keys to values, got a string",
              "t.yaml:9:5: Action must be a string or a list of strings, got a list holding a list",
          });
  }
  SUBCASE("bad Version and unknown statement elements") {
    Value bad_version = Map({{"Version", Str("2012-10-18", 2)}, {"Statement", TrustStatement(3)}}, 1);
    CHECK(Messages(ParsePolicyDocument(bad_version, "r")) ==
          std::vector<std::string>{"t.yaml:2:5: Version must be \"2012-10-17\" or \"2008-10-17\", got \"2012-10-18\""});
    Value typo = Map({{"Effect", Str("Allow")}, {"Action", Str("a")}, {"Conditon", Map({}, 4)}}, 3);
    CHECK(Messages(ParsePolicyDocument(Doc(typo), "r")) ==
          std::vector<std::string>{"t.yaml:4:5: Statement has an unknown element \"Conditon\""});
  }
  SUBCASE("invalid JSON text") {
    const PolicyDocument doc = ParsePolicyDocument(Value::String("{\"Statement\": [", At(2)), "r");
    REQUIRE(doc.issues.size() == 1);
    CHECK(doc.issues[0].loc == At(2));
    CHECK(doc.issues[0].message.starts_with("Policy document is not valid JSON: "));
  }
  SUBCASE("not a document at all") {
    CHECK(Messages(ParsePolicyDocument(Value::List({}, At(3)), "r")) ==
          std::vector<std::string>{"t.yaml:3:5: Policy document must be a mapping, got a list"});
    CHECK(Messages(ParsePolicyDocument(Map({{"Version", Str("2012-10-17")}}, 4), "r")) ==
          std::vector<std::string>{"t.yaml:4:5: Policy document has no Statement"});
  }
}

TEST_CASE("policy.parse: issue kinds: absent, not JSON, invalid") {
  auto kinds = [](const PolicyDocument& doc) {
    std::vector<PolicyIssue::Kind> out;
    for (const PolicyIssue& issue : doc.issues) out.push_back(issue.kind);
    return out;
  };
  using Kind = PolicyIssue::Kind;
  const PolicyDocument absent = ParsePolicyDocument(Value::Null(At(3)), "r");
  CHECK(Messages(absent) == std::vector<std::string>{"t.yaml:3:5: Policy document is absent"});
  CHECK(kinds(absent) == std::vector<Kind>{Kind::kAbsent});
  const PolicyDocument empty = ParsePolicyDocument(Map({}, 4), "r");
  CHECK(Messages(empty) == std::vector<std::string>{"t.yaml:4:5: Policy document is empty"});
  CHECK(kinds(empty) == std::vector<Kind>{Kind::kInvalid});
  const PolicyDocument empty_text = ParsePolicyDocument(Value::String("{}", At(5)), "r");
  CHECK(Messages(empty_text) == std::vector<std::string>{"t.yaml:5:5: Policy document is empty"});
  const PolicyDocument not_json =
      ParsePolicyDocument(Value::String(R"({"Version": "2012-10-17" "Statement": []})", At(6)), "r");
  CHECK(kinds(not_json) == std::vector<Kind>{Kind::kNotJson});
  const PolicyDocument twice = ParsePolicyDocument(Value::String(R"("{\"Statement\": []}")", At(7)), "r");
  CHECK(kinds(twice) == std::vector<Kind>{Kind::kInvalid});
  for (const PolicyDocument* doc : {&absent, &empty, &empty_text, &not_json, &twice}) {
    CHECK(doc->statements.empty());
    CHECK_FALSE(doc->issues.front().conditional);
  }
}

TEST_CASE("policy.parse: an invalid document grants nothing, whatever its unknowns") {
  Value unknown_condition =
      Map({{"Effect", Str("Allow")}, {"Action", Str("sts:*")}, {"Condition", Value::Unknown("module output", At(5))}});
  Value both = Map({{"Effect", Str("Allow")}, {"Action", Str("a")}, {"NotAction", Str("b")}}, 6);
  const PolicyDocument doc = ParsePolicyDocument(Doc(Value::List({unknown_condition, TrustStatement(9), both})), "r");
  CHECK(Messages(doc) == std::vector<std::string>{"t.yaml:6:5: Statement has both Action and NotAction"});
  CHECK(doc.statements.empty());
  CHECK_FALSE(doc.unknown);
}

TEST_CASE("policy.parse: a problem in one reading of an undecided condition is conditional") {
  // Fn::If [c, {valid document}, {Version: blah, ...}]: the valid reading keeps its statements.
  Value bad = Map({{"Version", Str("blah", 3)}, {"Statement", TrustStatement(4)}}, 2);
  const PolicyDocument doc = ParsePolicyDocument(Value::Alternatives({Doc(TrustStatement(10)), bad}), "r");
  REQUIRE(doc.issues.size() == 1);
  CHECK(doc.issues[0].conditional);
  REQUIRE(doc.statements.size() == 1);
  CHECK(doc.statements[0].conditional);

  // A statement that is invalid in one reading only, beside one that is fine.
  Value effect = Value::Alternatives({Str("Allow"), Str("Alow", 13)});
  Value split = Map({{"Effect", effect}, {"Action", Str("a")}}, 12);
  const PolicyDocument one = ParsePolicyDocument(Doc(Value::List({split, TrustStatement(20)})), "r");
  REQUIRE(one.issues.size() == 1);
  CHECK(one.issues[0].conditional);
  CHECK(one.statements.size() == 2);  // the Allow reading of statement 0, and statement 1

  // Invalid in every reading (the typo is outside the condition): the whole document is rejected.
  Value typo = Map({{"Effect", effect}, {"Action", Str("a")}, {"Conditon", Map({}, 15)}}, 14);
  const PolicyDocument every = ParsePolicyDocument(Doc(Value::List({typo, TrustStatement(20)})), "r");
  REQUIRE_FALSE(every.issues.empty());
  for (const PolicyIssue& issue : every.issues) CHECK_FALSE(issue.conditional);
  CHECK(every.statements.empty());
}

TEST_CASE("policy.parse: unknown documents and fields") {
  const PolicyDocument whole = ParsePolicyDocument(Value::Unknown("parameter Policy has no default", At(1)), "r");
  CHECK(whole.unknown);
  CHECK(whole.unknown_reason == "parameter Policy has no default");
  CHECK(whole.issues.empty());

  Value statement =
      Map({{"Effect", Str("Allow")}, {"Action", Str("sts:*")}, {"Condition", Value::Unknown("module output", At(5))}});
  const PolicyDocument partial = ParsePolicyDocument(Doc(Value::List({statement, TrustStatement(9)})), "r");
  CHECK(partial.unknown);
  CHECK(partial.unknown_reason == "module output");
  CHECK(partial.statements.size() == 1);
}

TEST_CASE("policy.parse: never throws on odd shapes") {
  const std::vector<Value> odd = {
      Value::Null(),
      Value::Bool(true),
      Value::Number("1"),
      Value::String("null"),
      Value::String("\"text\""),
      Value::String("[1,2]"),
      Doc(Value::Alternatives({})),
      Doc(Value::List({Value::Alternatives({Value::Unknown("x"), Value::Null()})})),
      Doc(Map({{"Effect", Value::Alternatives({Str("Allow"), Str("Deny")})}, {"Action", Value::List({})}})),
      Doc(Map({{"Effect", Str("Allow")}, {"Action", Str("a")}, {"Condition", Map({{"StringEquals", Map({})}})}})),
  };
  for (const Value& v : odd) CHECK_NOTHROW(ParsePolicyDocument(v, "r"));
}

TEST_CASE("policy.parse: operator names") {
  SetPrefix set = SetPrefix::kNone;
  std::string op;
  bool if_exists = false;
  ParseConditionOperator("ForAllValues:StringNotEqualsIfExists", &set, &op, &if_exists);
  CHECK(set == SetPrefix::kForAllValues);
  CHECK(op == "StringNotEquals");
  CHECK(if_exists);
  ParseConditionOperator("IfExists", &set, &op, &if_exists);
  CHECK(set == SetPrefix::kNone);
  CHECK(op == "IfExists");
  CHECK_FALSE(if_exists);
}

}  // namespace
}  // namespace trustlint
