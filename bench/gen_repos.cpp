// Writes the generated repositories `make bench` scans (bench/run.sh): CloudFormation
// repositories of N templates and Terraform repositories of about N MB across modules.
// Deterministic: the same arguments write the same bytes (a fixed-seed mt19937 and our
// own arithmetic on its output, since <random>'s distributions differ between
// standard libraries).
//
//   gen_repos cfn DIR TEMPLATES      one folder of .yaml and .json templates
//   gen_repos tf DIR MEGABYTES       a root module calling modules/mNNN/*.tf
//   gen_repos tf-file FILE BYTES     one .tf file of at most BYTES bytes
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace {

class Dice {
 public:
  explicit Dice(std::uint32_t seed) : engine_(seed) {}
  // In [0, n): modulo bias is irrelevant for test data.
  int Below(int n) { return static_cast<int>(engine_() % static_cast<std::uint32_t>(n)); }
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool OneIn(int n) { return Below(n) == 0; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(Below(static_cast<int>(items.size())))];
  }
  std::string Hex(int digits) {
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < digits; ++i) out += kDigits[Below(16)];
    return out;
  }

 private:
  std::mt19937 engine_;
};

const std::vector<std::string> kWords = {"orders",  "billing", "profile", "search",  "catalog", "media",
                                         "invoice", "audit",   "events",  "reports", "inbox",   "sessions",
                                         "ledger",  "assets",  "uploads", "metrics", "alerts",  "checkout"};
const std::vector<std::string> kRuntimes = {"nodejs20.x", "python3.12", "java21", "nodejs18.x", "python3.11"};
const std::vector<std::string> kTeams = {"payments", "growth", "platform", "identity", "data", "mobile"};

// ---------------------------------------------------------------- CloudFormation

// A template as a tree, written out as YAML (short-form intrinsics) or JSON.
struct Node {
  enum class Kind { kString, kNumber, kBool, kMap, kList, kRef, kGetAtt, kSub };
  Kind kind = Kind::kString;
  std::string text;
  std::vector<std::pair<std::string, Node>> entries;
  std::vector<Node> items;
};

Node Str(std::string s) { return Node{Node::Kind::kString, std::move(s), {}, {}}; }
Node Num(long n) { return Node{Node::Kind::kNumber, std::to_string(n), {}, {}}; }
Node Bool(bool b) { return Node{Node::Kind::kBool, b ? "true" : "false", {}, {}}; }
Node Ref(std::string s) { return Node{Node::Kind::kRef, std::move(s), {}, {}}; }
Node GetAtt(std::string s) { return Node{Node::Kind::kGetAtt, std::move(s), {}, {}}; }
Node Sub(std::string s) { return Node{Node::Kind::kSub, std::move(s), {}, {}}; }
Node Map(std::vector<std::pair<std::string, Node>> entries) {
  Node n{Node::Kind::kMap, "", std::move(entries), {}};
  return n;
}
Node List(std::vector<Node> items) {
  Node n{Node::Kind::kList, "", {}, std::move(items)};
  return n;
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool IsInline(const Node& n) {
  return !(n.kind == Node::Kind::kMap && !n.entries.empty()) && !(n.kind == Node::Kind::kList && !n.items.empty());
}

// Plain (unquoted) where YAML reads it back as the same string, as people write it.
bool PlainIsSafe(const std::string& s) {
  static const std::vector<std::string> kKeywords = {"true", "false", "yes", "no", "null", "on", "off", "~"};
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '/' || s[0] == '$')) return false;
  for (const std::string& k : kKeywords) {
    if (s.size() == k.size() && std::equal(s.begin(), s.end(), k.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return false;
    }
  }
  return s.find(": ") == std::string::npos && s.find(" #") == std::string::npos && s.back() != ':' &&
         s.find_first_of("\"'\\\n") == std::string::npos;
}

std::string YamlString(const std::string& s) { return PlainIsSafe(s) ? s : Quoted(s); }

std::string YamlScalar(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kString: return YamlString(n.text);
    case Node::Kind::kNumber:
    case Node::Kind::kBool: return n.text;
    case Node::Kind::kRef: return "!Ref " + n.text;
    case Node::Kind::kGetAtt: return "!GetAtt " + n.text;
    case Node::Kind::kSub: return "!Sub " + YamlString(n.text);
    case Node::Kind::kMap: return "{}";
    case Node::Kind::kList: return "[]";
  }
  return "";
}

void WriteYaml(const Node& n, int indent, std::string& out);

void WriteYamlEntries(const Node& map, int indent, bool first_inline, std::string& out) {
  bool first = true;
  for (const auto& [key, value] : map.entries) {
    if (!(first && first_inline)) out.append(static_cast<std::size_t>(indent), ' ');
    first = false;
    out += YamlString(key);
    if (IsInline(value)) {
      out += ": " + YamlScalar(value) + "\n";
    } else {
      out += ":\n";
      WriteYaml(value, indent + 2, out);
    }
  }
}

void WriteYaml(const Node& n, int indent, std::string& out) {
  if (n.kind == Node::Kind::kMap) {
    WriteYamlEntries(n, indent, false, out);
    return;
  }
  for (const Node& item : n.items) {
    out.append(static_cast<std::size_t>(indent), ' ');
    out += "- ";
    if (IsInline(item)) {
      out += YamlScalar(item) + "\n";
    } else if (item.kind == Node::Kind::kMap) {
      WriteYamlEntries(item, indent + 2, true, out);
    } else {
      out += "\n";
      WriteYaml(item, indent + 2, out);
    }
  }
}

void WriteJson(const Node& n, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  switch (n.kind) {
    case Node::Kind::kString: out += Quoted(n.text); return;
    case Node::Kind::kNumber:
    case Node::Kind::kBool: out += n.text; return;
    case Node::Kind::kRef: out += "{\"Ref\": " + Quoted(n.text) + "}"; return;
    case Node::Kind::kSub: out += "{\"Fn::Sub\": " + Quoted(n.text) + "}"; return;
    case Node::Kind::kGetAtt: {
      const std::size_t dot = n.text.find('.');
      out += "{\"Fn::GetAtt\": [" + Quoted(n.text.substr(0, dot)) + ", " + Quoted(n.text.substr(dot + 1)) + "]}";
      return;
    }
    case Node::Kind::kMap: {
      if (n.entries.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (std::size_t i = 0; i < n.entries.size(); ++i) {
        out += pad + Quoted(n.entries[i].first) + ": ";
        WriteJson(n.entries[i].second, indent + 2, out);
        out += i + 1 < n.entries.size() ? ",\n" : "\n";
      }
      out.append(static_cast<std::size_t>(indent), ' ');
      out += "}";
      return;
    }
    case Node::Kind::kList: {
      if (n.items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        out += pad;
        WriteJson(n.items[i], indent + 2, out);
        out += i + 1 < n.items.size() ? ",\n" : "\n";
      }
      out.append(static_cast<std::size_t>(indent), ' ');
      out += "]";
      return;
    }
  }
}

Node Tags(Dice& dice, const std::string& name) {
  return List({Map({{"Key", Str("team")}, {"Value", Str(dice.Pick(kTeams))}}),
               Map({{"Key", Str("service")}, {"Value", Str(name)}}),
               Map({{"Key", Str("cost-center")}, {"Value", Str("cc-" + std::to_string(dice.Between(1000, 9999)))}})});
}

Node Resource(const std::string& type, Node properties) {
  return Map({{"Type", Str(type)}, {"Properties", std::move(properties)}});
}

Node Statement(Node action, Node resource) {
  return Map({{"Effect", Str("Allow")}, {"Action", std::move(action)}, {"Resource", std::move(resource)}});
}

Node PolicyDocument(std::vector<Node> statements) {
  return Map({{"Version", Str("2012-10-17")}, {"Statement", List(std::move(statements))}});
}

using Resources = std::vector<std::pair<std::string, Node>>;

void AddBucket(Dice& dice, const std::string& id, const std::string& name, Resources& out) {
  std::vector<Node> rules;
  for (int r = dice.Between(1, 3); r > 0; --r) {
    rules.push_back(Map({{"Id", Str("expire-" + dice.Hex(6))},
                         {"Status", Str("Enabled")},
                         {"Prefix", Str(dice.Pick(kWords) + "/")},
                         {"ExpirationInDays", Num(dice.Between(7, 400))}}));
  }
  out.emplace_back(
      id + "Bucket",
      Resource("AWS::S3::Bucket",
               Map({{"BucketName", Sub(name + "-${AWS::AccountId}-${AWS::Region}-" + dice.Hex(4))},
                    {"VersioningConfiguration", Map({{"Status", Str("Enabled")}})},
                    {"BucketEncryption",
                     Map({{"ServerSideEncryptionConfiguration",
                           List({Map({{"ServerSideEncryptionByDefault", Map({{"SSEAlgorithm", Str("aws:kms")}})}})})}})},
                    {"PublicAccessBlockConfiguration", Map({{"BlockPublicAcls", Bool(true)},
                                                            {"BlockPublicPolicy", Bool(true)},
                                                            {"IgnorePublicAcls", Bool(true)},
                                                            {"RestrictPublicBuckets", Bool(true)}})},
                    {"LifecycleConfiguration", Map({{"Rules", List(std::move(rules))}})},
                    {"Tags", Tags(dice, name)}})));
}

void AddTable(Dice& dice, const std::string& id, const std::string& name, Resources& out) {
  std::vector<Node> indexes;
  std::vector<Node> attributes{Map({{"AttributeName", Str("pk")}, {"AttributeType", Str("S")}}),
                               Map({{"AttributeName", Str("sk")}, {"AttributeType", Str("S")}})};
  for (int g = dice.Between(0, 2); g > 0; --g) {
    const std::string attr = "gsi" + std::to_string(g) + "pk";
    attributes.push_back(Map({{"AttributeName", Str(attr)}, {"AttributeType", Str("S")}}));
    indexes.push_back(Map({{"IndexName", Str("by-" + dice.Pick(kWords) + std::to_string(g))},
                           {"KeySchema", List({Map({{"AttributeName", Str(attr)}, {"KeyType", Str("HASH")}})})},
                           {"Projection", Map({{"ProjectionType", Str("ALL")}})}}));
  }
  Resources props{{"TableName", Sub("${AWS::StackName}-" + name)},
                  {"BillingMode", Str("PAY_PER_REQUEST")},
                  {"AttributeDefinitions", List(std::move(attributes))},
                  {"KeySchema", List({Map({{"AttributeName", Str("pk")}, {"KeyType", Str("HASH")}}),
                                      Map({{"AttributeName", Str("sk")}, {"KeyType", Str("RANGE")}})})},
                  {"PointInTimeRecoverySpecification", Map({{"PointInTimeRecoveryEnabled", Bool(true)}})},
                  {"Tags", Tags(dice, name)}};
  if (!indexes.empty()) props.emplace_back("GlobalSecondaryIndexes", List(std::move(indexes)));
  out.emplace_back(id + "Table", Resource("AWS::DynamoDB::Table", Map(std::move(props))));
}

void AddQueue(Dice& dice, const std::string& id, const std::string& name, Resources& out) {
  out.emplace_back(id + "DeadLetters",
                   Resource("AWS::SQS::Queue", Map({{"QueueName", Sub("${AWS::StackName}-" + name + "-dlq")},
                                                    {"MessageRetentionPeriod", Num(1209600)}})));
  out.emplace_back(
      id + "Queue",
      Resource("AWS::SQS::Queue",
               Map({{"QueueName", Sub("${AWS::StackName}-" + name)},
                    {"VisibilityTimeout", Num(dice.Between(30, 900))},
                    {"RedrivePolicy", Map({{"deadLetterTargetArn", GetAtt(id + "DeadLetters.Arn")},
                                           {"maxReceiveCount", Num(dice.Between(3, 10))}})},
                    {"Tags", Tags(dice, name)}})));
}

// A function, its execution role (a service trust, not Cognito) and its log group.
void AddFunction(Dice& dice, const std::string& id, const std::string& name, Resources& out) {
  Resources variables;
  for (int v = dice.Between(6, 14); v > 0; --v) {
    variables.emplace_back("SETTING_" + std::to_string(v) + "_" + dice.Hex(3),
                           dice.OneIn(3) ? Ref(id + "Queue") : Str(dice.Pick(kWords) + "-" + dice.Hex(8)));
  }
  variables.emplace_back("TABLE_NAME", Sub("${AWS::StackName}-" + name));
  out.emplace_back(
      id + "FunctionRole",
      Resource("AWS::IAM::Role",
               Map({{"AssumeRolePolicyDocument",
                     PolicyDocument({Map({{"Effect", Str("Allow")},
                                          {"Principal", Map({{"Service", Str("lambda.amazonaws.com")}})},
                                          {"Action", Str("sts:AssumeRole")}})})},
                    {"ManagedPolicyArns",
                     List({Str("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")})},
                    {"Policies",
                     List({Map({{"PolicyName", Str(name + "-data")},
                                {"PolicyDocument",
                                 PolicyDocument({Statement(List({Str("dynamodb:GetItem"), Str("dynamodb:PutItem"),
                                                                 Str("dynamodb:Query")}),
                                                           GetAtt(id + "Table.Arn")),
                                                 Statement(List({Str("sqs:SendMessage")}),
                                                           GetAtt(id + "Queue.Arn"))})}})})}})));
  out.emplace_back(
      id + "Function",
      Resource("AWS::Lambda::Function",
               Map({{"FunctionName", Sub("${AWS::StackName}-" + name + "-" + dice.Hex(4))},
                    {"Runtime", Str(dice.Pick(kRuntimes))},
                    {"Handler", Str("index.handler")},
                    {"Role", GetAtt(id + "FunctionRole.Arn")},
                    {"MemorySize", Num(128 << dice.Below(4))},
                    {"Timeout", Num(dice.Between(3, 60))},
                    {"Code", Map({{"S3Bucket", Ref("ArtifactBucket")},
                                  {"S3Key", Str("lambda/" + name + "/" + dice.Hex(12) + ".zip")}})},
                    {"Environment", Map({{"Variables", Map(std::move(variables))}})},
                    {"TracingConfig", Map({{"Mode", Str("Active")}})},
                    {"Tags", Tags(dice, name)}})));
  out.emplace_back(id + "Logs", Resource("AWS::Logs::LogGroup",
                                         Map({{"LogGroupName", Sub("/aws/lambda/${AWS::StackName}-" + name)},
                                              {"RetentionInDays", Num(dice.Pick(std::vector<int>{7, 14, 30, 90}))}})));
}

void AddApi(Dice& dice, const std::string& id, const std::string& name, Resources& out) {
  out.emplace_back(id + "Api", Resource("AWS::ApiGateway::RestApi",
                                        Map({{"Name", Sub("${AWS::StackName}-" + name)},
                                             {"EndpointConfiguration", Map({{"Types", List({Str("REGIONAL")})}})}})));
  out.emplace_back(id + "ApiResource",
                   Resource("AWS::ApiGateway::Resource", Map({{"RestApiId", Ref(id + "Api")},
                                                              {"ParentId", GetAtt(id + "Api.RootResourceId")},
                                                              {"PathPart", Str(dice.Pick(kWords))}})));
  out.emplace_back(
      id + "ApiMethod",
      Resource("AWS::ApiGateway::Method",
               Map({{"RestApiId", Ref(id + "Api")},
                    {"ResourceId", Ref(id + "ApiResource")},
                    {"HttpMethod", Str(dice.Pick(std::vector<std::string>{"GET", "POST", "PUT"}))},
                    {"AuthorizationType", Str("AWS_IAM")},
                    {"Integration", Map({{"Type", Str("AWS_PROXY")},
                                         {"IntegrationHttpMethod", Str("POST")},
                                         {"Uri", Sub("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/"
                                                     "functions/${" +
                                                     id + "Function.Arn}/invocations")}})}})));
}

// How an identity-pool role's trust goes wrong, if it does.
enum class TrustFault { kNone, kGuestAssumable, kMissingAud };

Node CognitoTrust(const std::string& pool, const std::string& amr, TrustFault fault) {
  Resources conditions;
  if (fault != TrustFault::kMissingAud) {
    conditions.emplace_back("StringEquals", Map({{"cognito-identity.amazonaws.com:aud", Ref(pool)}}));
  }
  conditions.emplace_back("ForAnyValue:StringLike",
                          Map({{"cognito-identity.amazonaws.com:amr",
                                Str(fault == TrustFault::kGuestAssumable ? "*" : amr)}}));
  return PolicyDocument({Map({{"Effect", Str("Allow")},
                              {"Principal", Map({{"Federated", Str("cognito-identity.amazonaws.com")}})},
                              {"Action", Str("sts:AssumeRoleWithWebIdentity")},
                              {"Condition", Map(std::move(conditions))}})});
}

void AddIdentityPool(Dice& dice, const std::string& name, TrustFault fault, Resources& out) {
  out.emplace_back("IdentityPool",
                   Resource("AWS::Cognito::IdentityPool",
                            Map({{"IdentityPoolName", Str(name + "_identities_" + dice.Hex(4))},
                                 {"AllowUnauthenticatedIdentities", Bool(true)},
                                 {"CognitoIdentityProviders",
                                  List({Map({{"ClientId", Ref("UserPoolClient")},
                                             {"ProviderName", GetAtt("UserPool.ProviderName")}})})}})));
  out.emplace_back("UserPool", Resource("AWS::Cognito::UserPool",
                                        Map({{"UserPoolName", Sub("${AWS::StackName}-" + name)},
                                             {"AutoVerifiedAttributes", List({Str("email")})}})));
  out.emplace_back("UserPoolClient",
                   Resource("AWS::Cognito::UserPoolClient",
                            Map({{"UserPoolId", Ref("UserPool")}, {"GenerateSecret", Bool(false)}})));
  const std::string prefix = "arn:aws:s3:::" + name + "-uploads/";
  out.emplace_back(
      "AuthenticatedRole",
      Resource("AWS::IAM::Role",
               Map({{"AssumeRolePolicyDocument", CognitoTrust("IdentityPool", "authenticated", fault)},
                    {"Policies",
                     List({Map({{"PolicyName", Str("user-data")},
                                {"PolicyDocument",
                                 PolicyDocument({Statement(List({Str("s3:GetObject"), Str("s3:PutObject")}),
                                                           Sub(prefix + "${!cognito-identity.amazonaws.com:sub}/*")),
                                                 Statement(Str("dynamodb:Query"), GetAtt("MainTable.Arn"))})}})})}})));
  out.emplace_back(
      "GuestRole",
      Resource("AWS::IAM::Role",
               Map({{"AssumeRolePolicyDocument", CognitoTrust("IdentityPool", "unauthenticated", TrustFault::kNone)},
                    {"Policies", List({Map({{"PolicyName", Str("guest-read")},
                                            {"PolicyDocument", PolicyDocument({Statement(
                                                                   Str("s3:GetObject"), Str(prefix + "public/*"))})}})})}})));
  out.emplace_back("ReportingPolicy",
                   Resource("AWS::IAM::ManagedPolicy",
                            Map({{"Roles", List({Ref("AuthenticatedRole")})},
                                 {"PolicyDocument", PolicyDocument({Statement(List({Str("cloudwatch:PutMetricData")}),
                                                                              Str("*"))})}})));
  out.emplace_back("IdentityPoolRoles",
                   Resource("AWS::Cognito::IdentityPoolRoleAttachment",
                            Map({{"IdentityPoolId", Ref("IdentityPool")},
                                 {"Roles", Map({{"authenticated", GetAtt("AuthenticatedRole.Arn")},
                                                {"unauthenticated", GetAtt("GuestRole.Arn")}})}})));
}

std::size_t EntrySize(const std::string& id, const Node& resource) {
  std::string text;
  WriteYaml(Map({{id, resource}}), 2, text);
  return text.size();
}

std::string CloudFormationTemplate(Dice& dice, int index, bool json) {
  const std::string stack = dice.Pick(kWords) + "-" + std::to_string(index);
  Resources resources;
  // One template in five has an identity pool; one pooled template in ten has a
  // guest-assumable authenticated role and one in ten a trust without aud.
  if (dice.OneIn(5)) {
    const int roll = dice.Below(10);
    const TrustFault fault = roll == 0 ? TrustFault::kGuestAssumable : roll == 1 ? TrustFault::kMissingAud
                                                                                 : TrustFault::kNone;
    AddIdentityPool(dice, stack, fault, resources);
    AddTable(dice, "Main", stack + "-main", resources);
  }
  resources.emplace_back("ArtifactBucket", Resource("AWS::S3::Bucket", Map({{"Tags", Tags(dice, stack)}})));
  // 15-25 KB as YAML; the same resources take about 1.4 times that as JSON.
  const std::size_t target = static_cast<std::size_t>(dice.Between(15, 25)) * (json ? 730 : 1024);
  std::size_t size = 200;
  for (const auto& [id, r] : resources) size += EntrySize(id, r);
  for (int s = 0; size < target; ++s) {
    const std::string id = "Svc" + std::to_string(s);
    const std::string name = stack + "-" + dice.Pick(kWords) + std::to_string(s);
    const std::size_t before = resources.size();
    AddTable(dice, id, name, resources);
    AddQueue(dice, id, name, resources);
    AddFunction(dice, id, name, resources);
    if (dice.OneIn(2)) AddBucket(dice, id, name, resources);
    if (dice.OneIn(3)) AddApi(dice, id, name, resources);
    for (std::size_t r = before; r < resources.size(); ++r) size += EntrySize(resources[r].first, resources[r].second);
  }
  Node root = Map({{"AWSTemplateFormatVersion", Str("2010-09-09")},
                   {"Description", Str("Service stack " + stack + " (generated for trustlint's benchmark)")},
                   {"Parameters", Map({{"Stage", Map({{"Type", Str("String")}, {"Default", Str("prod")}})}})},
                   {"Resources", Map(std::move(resources))}});
  std::string out;
  if (json) {
    WriteJson(root, 0, out);
    out += "\n";
  } else {
    WriteYaml(root, 0, out);
  }
  return out;
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

int GenerateCloudFormation(const fs::path& dir, int templates) {
  fs::create_directories(dir);
  Dice dice(11);
  for (int i = 0; i < templates; ++i) {
    const bool json = dice.OneIn(4);
    char name[32];
    std::snprintf(name, sizeof name, "stack%05d.%s", i, json ? "json" : "yaml");
    WriteFile(dir / name, CloudFormationTemplate(dice, i, json));
  }
  return 0;
}

// ---------------------------------------------------------------- Terraform

std::string TfBucket(Dice& dice, int i) {
  const std::string name = dice.Pick(kWords);
  return "resource \"aws_s3_bucket\" \"" + name + "_" + std::to_string(i) + "\" {\n" +
         "  bucket = \"${var.prefix}-" + name + "-" + dice.Hex(6) + "\"\n" +
         "  tags = merge(local.common_tags, {\n    service = \"" + name + "\"\n    index   = " + std::to_string(i) +
         "\n  })\n}\n\n" + "resource \"aws_s3_bucket_versioning\" \"" + name + "_" + std::to_string(i) + "\" {\n" +
         "  bucket = aws_s3_bucket." + name + "_" + std::to_string(i) + ".id\n" +
         "  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n\n";
}

std::string TfFunction(Dice& dice, int i) {
  const std::string name = dice.Pick(kWords) + "_" + std::to_string(i);
  std::string vars;
  for (int v = dice.Between(6, 14); v > 0; --v) {
    vars += "      SETTING_" + std::to_string(v) + "_" + dice.Hex(3) + " = \"" + dice.Pick(kWords) + "-" + dice.Hex(8) +
            "\"\n";
  }
  return "resource \"aws_lambda_function\" \"" + name + "\" {\n" + "  function_name = \"${var.prefix}-" + name + "\"\n" +
         "  runtime       = \"" + dice.Pick(kRuntimes) + "\"\n  handler       = \"index.handler\"\n" +
         "  role          = aws_iam_role.lambda.arn\n  memory_size   = " + std::to_string(128 << dice.Below(4)) +
         "\n  timeout       = " + std::to_string(dice.Between(3, 60)) + "\n  s3_bucket     = var.artifact_bucket\n" +
         "  s3_key        = \"lambda/" + name + "/" + dice.Hex(12) + ".zip\"\n\n  environment {\n    variables = {\n" +
         vars + "      STAGE = var.stage\n    }\n  }\n\n  tags = local.common_tags\n}\n\n";
}

std::string TfTable(Dice& dice, int i) {
  const std::string name = dice.Pick(kWords) + "_" + std::to_string(i);
  return "resource \"aws_dynamodb_table\" \"" + name + "\" {\n  name         = \"${var.prefix}-" + name + "\"\n" +
         "  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"pk\"\n  range_key    = \"sk\"\n\n" +
         "  attribute {\n    name = \"pk\"\n    type = \"S\"\n  }\n\n  attribute {\n    name = \"sk\"\n    type = \"S\"\n  }\n\n" +
         "  point_in_time_recovery {\n    enabled = true\n  }\n\n  tags = local.common_tags\n}\n\n";
}

std::string TfQueues(Dice& dice, int i) {
  const std::string name = "q" + std::to_string(i) + "_" + dice.Hex(4);
  return "resource \"aws_sqs_queue\" \"" + name + "\" {\n  for_each = toset(var.queue_names)\n" +
         "  name     = \"${var.prefix}-${each.key}-" + std::to_string(i) + "\"\n" +
         "  visibility_timeout_seconds = " + std::to_string(dice.Between(30, 900)) + "\n" +
         "  redrive_policy = jsonencode({\n    deadLetterTargetArn = aws_sqs_queue.dead_letters.arn\n" +
         "    maxReceiveCount     = " + std::to_string(dice.Between(3, 10)) + "\n  })\n  tags = local.common_tags\n}\n\n";
}

std::string TfServiceRole(Dice& dice, int i) {
  const std::string name = "svc_" + std::to_string(i) + "_" + dice.Hex(4);
  return "data \"aws_iam_policy_document\" \"" + name + "\" {\n  statement {\n    effect    = \"Allow\"\n" +
         "    actions   = [\"dynamodb:GetItem\", \"dynamodb:PutItem\", \"dynamodb:Query\"]\n" +
         "    resources = [\"arn:aws:dynamodb:*:*:table/${var.prefix}-*\"]\n  }\n}\n\n" + "resource \"aws_iam_role_policy\" \"" +
         name + "\" {\n  role   = aws_iam_role.lambda.id\n  policy = data.aws_iam_policy_document." + name + ".json\n}\n\n";
}

std::string TfHeader() {
  return "resource \"aws_iam_role\" \"lambda\" {\n  name = \"${var.prefix}-lambda\"\n"
         "  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
         "      Effect    = \"Allow\"\n      Principal = { Service = \"lambda.amazonaws.com\" }\n"
         "      Action    = \"sts:AssumeRole\"\n    }]\n  })\n}\n\n"
         "resource \"aws_sqs_queue\" \"dead_letters\" {\n  name = \"${var.prefix}-dead-letters\"\n}\n\n";
}

// Services up to `bytes` (the header above counts too).
std::string TfServices(Dice& dice, std::size_t bytes, int& counter, bool header) {
  std::string out = header ? TfHeader() : "";
  while (true) {
    std::string block;
    switch (dice.Below(6)) {
      case 0: block = TfBucket(dice, counter); break;
      case 1:
      case 2: block = TfFunction(dice, counter); break;
      case 3: block = TfTable(dice, counter); break;
      case 4: block = TfQueues(dice, counter); break;
      default: block = TfServiceRole(dice, counter); break;
    }
    if (out.size() + block.size() > bytes) return out;
    out += block;
    ++counter;
  }
}

std::string TfVariables(Dice& dice) {
  return "variable \"prefix\" {\n  type = string\n}\n\nvariable \"stage\" {\n  type    = string\n  default = \"prod\"\n}\n\n"
         "variable \"artifact_bucket\" {\n  type    = string\n  default = \"artifacts-" +
         dice.Hex(8) +
         "\"\n}\n\nvariable \"queue_names\" {\n  type    = list(string)\n  default = [\"ingest\", \"retry\"]\n}\n\n"
         "locals {\n  common_tags = {\n    team  = \"" +
         dice.Pick(kTeams) + "\"\n    stage = var.stage\n  }\n}\n";
}

std::string TfIdentity(Dice& dice, int module) {
  const int roll = dice.Below(10);
  const TrustFault fault = roll == 0 ? TrustFault::kGuestAssumable : roll == 1 ? TrustFault::kMissingAud
                                                                               : TrustFault::kNone;
  const std::string aud = fault == TrustFault::kMissingAud
                              ? ""
                              : "    condition {\n      test     = \"StringEquals\"\n"
                                "      variable = \"cognito-identity.amazonaws.com:aud\"\n"
                                "      values   = [aws_cognito_identity_pool.main.id]\n    }\n";
  const std::string amr = fault == TrustFault::kGuestAssumable ? "*" : "authenticated";
  return "resource \"aws_cognito_identity_pool\" \"main\" {\n  identity_pool_name               = \"m" +
         std::to_string(module) + "_" + dice.Hex(6) +
         "\"\n  allow_unauthenticated_identities = true\n}\n\n"
         "data \"aws_iam_policy_document\" \"authenticated_trust\" {\n  statement {\n    effect  = \"Allow\"\n"
         "    actions = [\"sts:AssumeRoleWithWebIdentity\"]\n    principals {\n      type        = \"Federated\"\n"
         "      identifiers = [\"cognito-identity.amazonaws.com\"]\n    }\n" +
         aud +
         "    condition {\n      test     = \"ForAnyValue:StringLike\"\n"
         "      variable = \"cognito-identity.amazonaws.com:amr\"\n      values   = [\"" +
         amr +
         "\"]\n    }\n  }\n}\n\n"
         "resource \"aws_iam_role\" \"authenticated\" {\n  name               = \"${var.prefix}-authenticated\"\n"
         "  assume_role_policy = data.aws_iam_policy_document.authenticated_trust.json\n}\n\n"
         "resource \"aws_iam_role\" \"guest\" {\n  name = \"${var.prefix}-guest\"\n  assume_role_policy = jsonencode({\n"
         "    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n"
         "      Principal = { Federated = \"cognito-identity.amazonaws.com\" }\n"
         "      Action    = \"sts:AssumeRoleWithWebIdentity\"\n      Condition = {\n"
         "        StringEquals = { \"cognito-identity.amazonaws.com:aud\" = aws_cognito_identity_pool.main.id }\n"
         "        \"ForAnyValue:StringLike\" = { \"cognito-identity.amazonaws.com:amr\" = \"unauthenticated\" }\n"
         "      }\n    }]\n  })\n}\n\n"
         "resource \"aws_iam_role_policy\" \"authenticated_data\" {\n  role = aws_iam_role.authenticated.id\n"
         "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n"
         "      Action   = [\"s3:GetObject\", \"s3:PutObject\"]\n"
         "      Resource = \"arn:aws:s3:::${var.prefix}-uploads/$${cognito-identity.amazonaws.com:sub}/*\"\n"
         "    }]\n  })\n}\n\n"
         "resource \"aws_iam_policy\" \"reporting\" {\n  name   = \"${var.prefix}-reporting\"\n"
         "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n"
         "      Action   = \"cloudwatch:PutMetricData\"\n      Resource = \"*\"\n    }]\n  })\n}\n\n"
         "resource \"aws_iam_role_policy_attachment\" \"reporting\" {\n  role       = aws_iam_role.authenticated.name\n"
         "  policy_arn = aws_iam_policy.reporting.arn\n}\n\n"
         "resource \"aws_cognito_identity_pool_roles_attachment\" \"main\" {\n"
         "  identity_pool_id = aws_cognito_identity_pool.main.id\n  roles = {\n"
         "    authenticated   = aws_iam_role.authenticated.arn\n    unauthenticated = aws_iam_role.guest.arn\n  }\n}\n";
}

// A root module calling modules/mNNN, each of a few files of 50-300 KB; one module
// in four has an identity pool.
int GenerateTerraform(const fs::path& dir, double megabytes) {
  fs::create_directories(dir);
  Dice dice(23);
  const auto limit = static_cast<std::size_t>(megabytes * 1024 * 1024);
  std::size_t written = 0;
  std::string root = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\n";
  int counter = 0;
  for (int m = 0; written < limit; ++m) {
    char name[16];
    std::snprintf(name, sizeof name, "m%03d", m);
    const fs::path module = dir / "modules" / name;
    fs::create_directories(module);
    const std::string variables = TfVariables(dice);
    WriteFile(module / "variables.tf", variables);
    written += variables.size();
    const int files = dice.Between(1, 3);
    for (int f = 0; f < files && written < limit; ++f) {
      const std::size_t budget = std::min<std::size_t>(limit - written, dice.Between(50, 300) * 1024u);
      const std::string text = TfServices(dice, budget, counter, f == 0);
      WriteFile(module / (f == 0 ? "main.tf" : "services" + std::to_string(f) + ".tf"), text);
      written += text.size();
    }
    if (dice.OneIn(4)) {
      const std::string identity = TfIdentity(dice, m);
      WriteFile(module / "identity.tf", identity);
      written += identity.size();
    }
    root += std::string("module \"") + name + "\" {\n  source = \"./modules/" + name + "\"\n  prefix = \"" + name + "-" +
            dice.Hex(4) + "\"\n}\n\n";
  }
  WriteFile(dir / "main.tf", root);
  return 0;
}

int GenerateTerraformFile(const fs::path& file, std::size_t bytes) {
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  Dice dice(37);
  const std::string variables = TfVariables(dice);
  const std::string identity = TfIdentity(dice, 0);
  int counter = 0;
  WriteFile(file, variables + identity + TfServices(dice, bytes - variables.size() - identity.size(), counter, true));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "cfn") return GenerateCloudFormation(args[1], std::stoi(args[2]));
  if (args.size() == 3 && args[0] == "tf") return GenerateTerraform(args[1], std::stod(args[2]));
  if (args.size() == 3 && args[0] == "tf-file") return GenerateTerraformFile(args[1], std::stoul(args[2]));
  std::cerr << "usage: gen_repos cfn DIR TEMPLATES | tf DIR MEGABYTES | tf-file FILE BYTES\n";
  return 2;
}
