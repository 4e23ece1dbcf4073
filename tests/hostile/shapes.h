// The hostile input shapes that mutation fuzzing found (issue 8): each is a small
// generator, so the repository holds no multi-megabyte files, and the same shapes feed
// the regression test (tests/hostile/hostile_test.cpp) and the benchmark
// (`make bench-hostile`, which writes them out with tools/write_hostile_shapes).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace trustlint::hostile {

struct Shape {
  std::string name;                                        // folder name, also the test's subcase
  std::string fault;                                       // what the fuzzing run saw
  std::string expect;                                      // a finding's rule and message text the report must hold
  std::vector<std::pair<std::string, std::string>> files;  // relative path, content
};

namespace detail {

inline std::string Repeat(const std::string& piece, int times) {
  std::string out;
  out.reserve(piece.size() * static_cast<size_t>(times));
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// A Cognito pool and one role whose trust policy is the caller's YAML, so that the
// analysis (not only the parser) runs on whatever the shape built.
inline std::string CfnPoolAndRole(const std::string& parameters, const std::string& conditions,
                                  const std::string& role_extra, const std::string& aud) {
  return "AWSTemplateFormatVersion: '2010-09-09'\n" + parameters + conditions +
         "Resources:\n"
         "  Pool:\n"
         "    Type: AWS::Cognito::IdentityPool\n"
         "    Properties:\n"
         "      AllowUnauthenticatedIdentities: false\n"
         "  Role:\n"
         "    Type: AWS::IAM::Role\n" +
         role_extra +
         "    Properties:\n"
         "      AssumeRolePolicyDocument:\n"
         "        Version: '2012-10-17'\n"
         "        Statement:\n"
         "          - Effect: Allow\n"
         "            Principal: {Federated: cognito-identity.amazonaws.com}\n"
         "            Action: sts:AssumeRoleWithWebIdentity\n"
         "            Condition:\n"
         "              StringEquals:\n"
         "                cognito-identity.amazonaws.com:aud: " +
         aud +
         "\n"
         "  Attach:\n"
         "    Type: AWS::Cognito::IdentityPoolRoleAttachment\n"
         "    Properties:\n"
         "      IdentityPoolId: !Ref Pool\n"
         "      Roles: {authenticated: !GetAtt Role.Arn}\n";
}

inline std::string TfTrustPolicy(const std::string& aud) {
  return "jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Principal = {Federated = "
         "\"cognito-identity.amazonaws.com\"}, Action = \"sts:AssumeRoleWithWebIdentity\", Condition = "
         "{StringEquals = {\"cognito-identity.amazonaws.com:aud\" = " +
         aud + "}}}]})";
}

// A JSON text whose value at `hole` is a YAML anchor/alias bomb: yaml-cpp reads JSON
// as YAML, so without a check `*a` would expand (exponentially, or forever for the
// self-referencing anchor).
inline std::string AliasBomb(int levels) {
  std::string out = "&l0 [\"lol\", \"lol\"]";
  for (int i = 1; i < levels; ++i) {
    out =
        "[" + out + ", &l" + std::to_string(i) + " [*l" + std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + "]]";
  }
  return out;
}

inline std::string TfPoolAndRole(const std::string& aud) {
  return "resource \"aws_cognito_identity_pool\" \"pool\" {\n"
         "  identity_pool_name = \"p\"\n"
         "}\n"
         "resource \"aws_iam_role\" \"role\" {\n"
         "  assume_role_policy = " +
         TfTrustPolicy(aud) +
         "\n}\n"
         "resource \"aws_cognito_identity_pool_roles_attachment\" \"a\" {\n"
         "  identity_pool_id = aws_cognito_identity_pool.pool.id\n"
         "  roles = { authenticated = aws_iam_role.role.arn }\n"
         "}\n";
}

}  // namespace detail

inline std::vector<Shape> Shapes() {
  using detail::Repeat;
  std::vector<Shape> out;

  out.push_back({"01-module-providers",
                 "module with a local source and providers = {} segfaulted",
                 "TL104 role module.n.aws_iam_role.role admits guests",
                 {{"main.tf",
                   "module \"m\" {\n  source = \"./m\"\n  providers = {}\n}\n"
                   "module \"n\" {\n  source = \"./m\"\n  providers = { aws = aws.east }\n}\n"},
                  {"m/main.tf", detail::TfPoolAndRole("aws_cognito_identity_pool.pool.id")}}});

  out.push_back({"02-plan-alias-cycle",
                 "plan holding a YAML anchor/alias cycle overflowed the stack",
                 "JSON has no anchors",
                 {{"plan.json",
                   "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": "
                   "{\"resources\": &a [*a, *a]}}, \"prior_state\": &b {\"x\": *b}}\n"}}});

  {
    std::string conditions = "Conditions:\n";
    const int n = 10000;
    for (int i = 0; i < n; ++i) {
      conditions += "  C" + std::to_string(i) + ": !Condition C" + std::to_string(i + 1) + "\n";
    }
    conditions += "  C" + std::to_string(n) + ": !Equals [a, a]\n";
    out.push_back({"03-condition-chain",
                   "10,000 chained Conditions overflowed the stack",
                   "TL001 nesting deeper than 128 levels",
                   {{"template.yaml", detail::CfnPoolAndRole("", conditions, "    Condition: C0\n", "!Ref Pool")}}});
  }

  out.push_back({"04-parameter-default-self",
                 "parameter Default {Ref: itself} overflowed the ASan stack",
                 "TL001 circular parameter Default: P -> P",
                 {{"template.yaml", detail::CfnPoolAndRole("Parameters:\n  P:\n    Type: String\n"
                                                           "    Default: {Ref: P}\n",
                                                           "", "", "!Ref P")}}});

  out.push_back({"05-tf-json-alias",
                 "alias bomb in .tf.json expanded exponentially",
                 "JSON has no anchors",
                 {{"main.tf.json", "{\"locals\": {\"x\": " + detail::AliasBomb(40) +
                                       ", \"y\": &s [*s, *s]}, \"resource\": {\"aws_iam_role\": {\"r\": "
                                       "{\"name\": \"${local.x}\"}}}}\n"}}});

  out.push_back({"06-plan-planned-values-alias",
                 "alias bomb in a plan's planned_values hung at ~3 GB",
                 "JSON has no anchors",
                 {{"plan.json",
                   "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": "
                   "{\"resources\": [{\"address\": \"aws_iam_role.r\", \"type\": \"aws_iam_role\", "
                   "\"name\": \"r\", \"mode\": \"managed\", \"values\": {\"tags\": " +
                       detail::AliasBomb(40) + "}}]}}}\n"}}});

  out.push_back({"07-policy-string-alias",
                 "alias bomb inside a policy string of a .tf file hung at ~4.4 GB",
                 "TL004 trust policy of role",
                 {{"main.tf",
                   "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = <<EOF\n"
                   "{\"Version\": \"2012-10-17\", \"Statement\": " +
                       detail::AliasBomb(40) + "}\nEOF\n}\n"}}});

  {
    std::string yaml = "AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  Big: &big \"" + std::string(1 << 20, 'x') +
                       "\"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n"
                       "    Properties:\n      Tags:\n";
    for (int i = 0; i < 5000; ++i) yaml += "        - {Key: k, Value: *big}\n";
    out.push_back({"08-alias-bytes",
                   "a 1 MB scalar aliased 5,000 times took ~5 GB",
                   "TL001 scan budget \"bytes\" exhausted",
                   {{"template.yaml", yaml}}});
  }

  {
    std::string aud = "\n                  Fn::Join:\n                    - ''\n                    -\n";
    std::string join_items;
    for (int i = 0; i < 100000; ++i)
      join_items += i % 2 ? "                      - !Ref P\n" : "                      - x\n";
    out.push_back({"09-join-100k",
                   "Fn::Join of 100,000 items was quadratic",
                   "bytes on cognito-identity.amazonaws.com:aud is longer than the 1024 "
                   "bytes the solver models",
                   {{"template.yaml",
                     detail::CfnPoolAndRole("Parameters:\n  P:\n    Type: String\n", "", "", aud + join_items)}}});
  }

  {
    std::string main = "variable \"unset\" {}\nlocals {\n";
    const int n = 40;
    for (int i = 0; i < n; ++i) {
      main += "  l" + std::to_string(i) + " = format(\"%s-%s\", local.l" + std::to_string(i + 1) + ", local.l" +
              std::to_string(i + 1) + ")\n";
    }
    main += "  l" + std::to_string(n) + " = var.unset\n}\n";
    out.push_back({"10-locals-doubling",
                   "40 locals each using the next twice took 2^40 evaluations",
                   "TL001 scan budget \"bytes\" exhausted",
                   {{"main.tf", main + detail::TfPoolAndRole("local.l0")}}});
  }

  out.push_back({"11-count-across-modules",
                 "count = 1000 over a module with count = 1000 made 10^6 instances",
                 "TL001 scan budget \"instances\" exhausted",
                 {{"main.tf", "module \"m\" {\n  source = \"./m\"\n  count = 1000\n}\n"},
                  {"m/main.tf",
                   "resource \"aws_iam_role\" \"r\" {\n  count = 1000\n  name = \"r-${count.index}\"\n"
                   "  assume_role_policy = " +
                       detail::TfTrustPolicy("\"us-east-1:${count.index}\"") + "\n}\n"}}});

  {
    std::string names = "[";
    for (int i = 0; i < 3000; ++i) names += (i ? ", \"n" : "\"n") + std::to_string(i) + "\"";
    names += "]";
    out.push_back(
        {"12-for-each-times-for",
         "for_each over 3,000 keys, each policy a 3,000-element for, took 3.4 GB",
         "TL001 scan budget \"values\" exhausted",
         {{"main.tf", "locals {\n  names = " + names +
                          "\n}\n"
                          "resource \"aws_iam_role\" \"r\" {\n  for_each = toset(local.names)\n  name = each.key\n"
                          "  assume_role_policy = jsonencode({Version = \"2012-10-17\", Statement = [for n in "
                          "local.names : {Effect = \"Allow\", Principal = {Federated = "
                          "\"cognito-identity.amazonaws.com\"}, Action = \"sts:AssumeRoleWithWebIdentity\", "
                          "Condition = {StringEquals = {\"cognito-identity.amazonaws.com:aud\" = "
                          "\"us-east-1:${n}-${each.key}\"}}}]})\n}\n"}}});
  }

  out.push_back({"13-tree-sitter-nesting",
                 "a 600 KB line of 100,000 nested {\"a\": took seconds to parse",
                 "TL001 nesting deeper than 512 levels",
                 {{"main.tf", "locals {\n  x = " + Repeat("{\"a\":", 100000) + "\n}\n"}}});

  out.push_back({"14-long-literal",
                 "a 30,000-character trust condition value overflowed libz3's stack",
                 "bytes on cognito-identity.amazonaws.com:aud is longer than the 1024 bytes "
                 "the solver models",
                 {{"template.yaml", detail::CfnPoolAndRole("", "", "", std::string(30000, 'a'))}}});

  out.push_back({"15-templatefile-self",
                 "a template that calls templatefile() on itself twice hung at 2 GB",
                 "is already being rendered (Terraform refuses templatefile inside a template)",
                 {{"main.tf", "locals {\n  t = templatefile(\"${path.module}/t.tpl\", {})\n}\n" +
                                  detail::TfPoolAndRole("local.t")},
                  {"t.tpl", "${templatefile(\"t.tpl\", {})}${templatefile(\"t.tpl\", {})}\n"}}});

  {
    std::string body;
    std::string vars;
    for (int i = 0; i < 10000; ++i) {
      body += "${v" + std::to_string(i) + "}";
      vars += "                      v" + std::to_string(i) + ": !Ref P\n";
    }
    std::string aud =
        "\n                  Fn::Sub:\n                    - '" + body + "'\n                    -\n" + vars;
    out.push_back({"16-sub-10k-vars",
                   "Fn::Sub with 10,000 variables took 4.7 s (over 30 s under ASan)",
                   "bytes on cognito-identity.amazonaws.com:aud is longer than the 1024 "
                   "bytes the solver models",
                   {{"template.yaml", detail::CfnPoolAndRole("Parameters:\n  P:\n    Type: String\n", "", "", aud)}}});
  }
  // Found while auditing the recursive walks (not in the fuzzing run): a trust policy
  // given as JSON text nested 100,000 levels kept every level's path (15 GB).
  {
    const std::string deep = Repeat("[", 100000) + "\"x\"" + Repeat("]", 100000);
    const std::string policy =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": "
        "\"cognito-identity.amazonaws.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
        "{\"StringEquals\": {\"cognito-identity.amazonaws.com:aud\": " +
        deep + "}}}]}";
    out.push_back(
        {"17-policy-text-deep",
         "a trust policy as JSON text nested 100,000 levels took 15 GB",
         "TL004 trust policy of role Role is invalid: Policy document is not valid JSON: JSON text nests deeper than "
         "32 levels",
         {{"template.yaml",
           "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
           "      AssumeRolePolicyDocument: '" +
               policy + "'\n"},
          {"main.tf", "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = <<EOF\n" + policy + "\nEOF\n}\n"}}});
  }
  return out;
}

}  // namespace trustlint::hostile
