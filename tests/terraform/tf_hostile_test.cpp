// Issue 8, the Terraform faults: inputs that made the front end hang, eat gigabytes or
// crash now end with a TL001 that names the budget they exhausted, or with the
// findings Terraform's own reading gives. Each input is generated here; none is timed.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "frontend/terraform/terraform.h"
#include "terraform_test_util.h"

namespace fs = std::filesystem;
using namespace trustlint;

using trustlint::testing::TempFolder;

namespace {

std::string Errors(const Graph& g) {
  std::string out;
  for (const auto& e : g.parse_errors) out += FormatLocation(e.loc) + " " + e.message + "\n";
  return out;
}

std::string TrustPolicy(const std::string& aud) {
  return "jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Principal = {Federated = "
         "\"cognito-identity.amazonaws.com\"}, Action = \"sts:AssumeRoleWithWebIdentity\", Condition = "
         "{StringEquals = {\"cognito-identity.amazonaws.com:aud\" = " +
         aud + "}}}]})";
}

// A pool, a role trusting `aud`, and the attachment that hands the role out.
std::string PoolAndRole(const std::string& aud) {
  return "resource \"aws_cognito_identity_pool\" \"pool\" {\n"
         "  identity_pool_name = \"p\"\n"
         "}\n"
         "resource \"aws_iam_role\" \"role\" {\n"
         "  assume_role_policy = " +
         TrustPolicy(aud) +
         "\n}\n"
         "resource \"aws_cognito_identity_pool_roles_attachment\" \"a\" {\n"
         "  identity_pool_id = aws_cognito_identity_pool.pool.id\n"
         "  roles = { authenticated = aws_iam_role.role.arn }\n"
         "}\n";
}

// The aud condition value of the only role's trust policy.
std::string Aud(const Graph& g) {
  REQUIRE(g.roles.size() == 1);
  const Value* statements = g.roles[0].trust_policy.Find("Statement");
  REQUIRE(statements != nullptr);
  REQUIRE(statements->IsList());
  REQUIRE(statements->items.size() == 1);
  const Value* condition = statements->items[0].Find("Condition");
  REQUIRE(condition != nullptr);
  const Value* equals = condition->Find("StringEquals");
  REQUIRE(equals != nullptr);
  const Value* aud = equals->Find("cognito-identity.amazonaws.com:aud");
  REQUIRE(aud != nullptr);
  return DumpValue(*aud);
}

}  // namespace

TEST_CASE("terraform hostile 01: a module call with providers = {} is read, not a crash") {
  TempFolder f({{"main.tf",
                 "module \"m\" {\n  source = \"./m\"\n  providers = {}\n}\n"
                 "module \"n\" {\n  source = \"./m\"\n  providers = { aws = aws.east }\n}\n"},
                {"m/main.tf", PoolAndRole("aws_cognito_identity_pool.pool.id")}});
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  CHECK(g.FindRole("module.m.aws_iam_role.role") != nullptr);
  CHECK(g.FindRole("module.n.aws_iam_role.role") != nullptr);
}

TEST_CASE("terraform hostile 10: locals that each use the next twice are evaluated once each") {
  // l0 = format("%s-%s", l1, l1), ..., l40 = var.unset: 2^40 evaluations without the
  // memo; with it 41, but the string still doubles per level, so the bytes budget ends it.
  std::string main = "variable \"unset\" {}\nlocals {\n";
  for (int i = 0; i < 40; ++i) {
    main += "  l" + std::to_string(i) + " = format(\"%s-%s\", local.l" + std::to_string(i + 1) + ", local.l" +
            std::to_string(i + 1) + ")\n";
  }
  main += "  l40 = var.unset\n}\n";
  TempFolder f({{"main.tf", main + PoolAndRole("local.l0")}});
  Graph g = f.Load();
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].loc.file == f.Path("main.tf"));
  CHECK(g.parse_errors[0].message.starts_with("scan budget \"bytes\" exhausted: "));
  // A root module that ran out contributes nothing but the TL001: a partial graph could
  // give wrong verdicts.
  CHECK(g.roles.empty());
  CHECK(g.pools.empty());
  CHECK(g.attachments.empty());
  REQUIRE(g.inputs.size() == 1);
}

TEST_CASE("terraform hostile 10: a short doubling chain is memoised and evaluated") {
  // The same shape, shallow enough to finish: each local once, the value exact.
  TempFolder f({{"main.tf",
                 "variable \"unset\" {}\nlocals {\n"
                 "  l0 = format(\"%s-%s\", local.l1, local.l1)\n"
                 "  l1 = format(\"%s-%s\", local.l2, local.l2)\n"
                 "  l2 = var.unset\n}\n" +
                     PoolAndRole("local.l0")}});
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  const std::string aud = Aud(g);
  size_t symbols = 0;
  for (size_t at = aud.find("variable unset has no value"); at != std::string::npos;
       at = aud.find("variable unset has no value", at + 1)) {
    ++symbols;
  }
  CHECK(symbols == 4);
}

TEST_CASE("terraform hostile: a local that refers to itself through another is unknown, not a recursion") {
  TempFolder f({{"main.tf", "locals {\n  a = \"x-${local.b}\"\n  b = \"y-${local.a}\"\n}\n" + PoolAndRole("local.a")}});
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  CHECK(Aud(g).find("local.a refers to itself") != std::string::npos);
}

TEST_CASE("terraform hostile 11: count = 1000 over a module whose resource has count = 1000") {
  TempFolder f({{"main.tf", "module \"m\" {\n  source = \"./m\"\n  count = 1000\n}\n"},
                {"m/main.tf",
                 "resource \"aws_iam_role\" \"r\" {\n  count = 1000\n  name = \"r-${count.index}\"\n"
                 "  assume_role_policy = " +
                     TrustPolicy("\"us-east-1:${count.index}\"") + "\n}\n"}});
  Graph g = f.Load();
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].loc.file == f.Path("m/main.tf"));
  CHECK(g.parse_errors[0].loc.line == 1);
  CHECK(g.parse_errors[0].message.starts_with("scan budget \"instances\" exhausted: more than 10000 "));
  CHECK(g.roles.empty());
  CHECK(g.inputs.size() == 2);
}

TEST_CASE("terraform hostile 11: instances of modules at every level add up to the product") {
  // 100 x 100 is within the budget: every role is there.
  TempFolder f({{"main.tf", "module \"m\" {\n  source = \"./m\"\n  count = 10\n}\n"},
                {"m/main.tf", "module \"n\" {\n  source = \"../n\"\n  count = 10\n}\n"},
                {"n/main.tf", "resource \"aws_iam_role\" \"r\" {\n  count = 10\n  name = \"r-${count.index}\"\n}\n"}});
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  CHECK(g.roles.size() == 1000);
  CHECK(g.FindRole("module.m[9].module.n[9].aws_iam_role.r[9]") != nullptr);
}

TEST_CASE("terraform hostile 12: for_each over 3,000 keys, each policy a 3,000-element for") {
  std::string names = "[";
  for (int i = 0; i < 3000; ++i) names += (i ? ", \"n" : "\"n") + std::to_string(i) + "\"";
  names += "]";
  TempFolder f({{"main.tf", "locals {\n  names = " + names +
                                "\n}\n"
                                "resource \"aws_iam_role\" \"r\" {\n  for_each = toset(local.names)\n"
                                "  name = each.key\n"
                                "  assume_role_policy = jsonencode({Version = \"2012-10-17\", Statement = [for n in "
                                "local.names : {Effect = \"Allow\", Principal = {Federated = "
                                "\"cognito-identity.amazonaws.com\"}, Action = \"sts:AssumeRoleWithWebIdentity\", "
                                "Condition = {StringEquals = {\"cognito-identity.amazonaws.com:aud\" = "
                                "\"us-east-1:${n}-${each.key}\"}}}]})\n}\n"}});
  // 9 M statements. With the default limits the strings they hold exhaust the bytes
  // budget after about 20 roles, just before their values would exhaust the values
  // budget (`trustlint check` on the shape shows it); a tenth of the values budget
  // ends it sooner, so that the sanitizer build runs this in seconds.
  BudgetLimits limits;
  limits.values = 100'000;
  Graph g = f.Load(limits);
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].loc.file == f.Path("main.tf"));
  CHECK(g.parse_errors[0].message.starts_with("scan budget \"values\" exhausted: more than 100000 values built"));
  CHECK(g.roles.empty());
}

TEST_CASE("terraform hostile 13: 100,000 nested objects on one line are refused before they are parsed") {
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "{\"a\":";
  TempFolder f({{"main.tf", "locals {\n  x = " + nested + "\n}\n" + PoolAndRole("\"us-east-1:x\"")}});
  Graph g = f.Load();
  REQUIRE(g.parse_errors.size() == 1);
  // `locals {` is level 1, so the 512th `{"a":` opens level 513: column 7 + 511 * 5.
  CHECK(FormatLocation(g.parse_errors[0].loc) + " " + g.parse_errors[0].message ==
        f.Path("main.tf") + ":2:2562 nesting deeper than 512 levels");
  // The file is refused whole: none of its declarations is read.
  CHECK(g.roles.empty());
  REQUIRE(g.inputs.size() == 1);
  CHECK(g.inputs[0].status == "error");
}

TEST_CASE("terraform hostile 13: brackets inside strings, comments and heredocs do not count as nesting") {
  const std::string many(600, '[');
  TempFolder f({{"main.tf", "# " + many + "\n/* " + many + " */\nlocals {\n  s = \"" + many + "\"\n  h = <<EOF\n" +
                                many + "\nEOF\n  t = \"${\"" + many + "\"}\"\n}\n" + PoolAndRole("\"us-east-1:x\"")}});
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  CHECK(g.roles.size() == 1);
}

TEST_CASE("terraform hostile: 100,000 unary operators are refused, not a stack overflow") {
  for (const std::string& piece : {std::string("!"), std::string("-")}) {
    std::string chain;
    for (int i = 0; i < 100000; ++i) chain += piece;
    TempFolder f({{"main.tf", "resource \"aws_iam_role\" \"r\" {\n  name = " + chain + "true\n}\n"}});
    Graph g = f.Load();
    REQUIRE(g.parse_errors.size() == 1);
    CHECK(g.parse_errors[0].message == "nesting deeper than 512 levels");
    CHECK(g.roles.empty());
  }
}

TEST_CASE("terraform hostile: 100,000 chained binary operators are refused, not a stack overflow") {
  std::string chain = "1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  TempFolder f({{"main.tf", "resource \"aws_iam_role\" \"r\" {\n  name = " + chain + "\n}\n"}});
  Graph g = f.Load();
  REQUIRE(g.parse_errors.size() == 1);
  CHECK(g.parse_errors[0].message == "nesting deeper than 512 levels");
}

TEST_CASE("terraform hostile: memoised locals do not stack into a value deeper than the cap") {
  // Each local nests the previous one 100 levels deeper, and each is first used by its own
  // resource, so no single evaluation is deep, but without a cap on memoised values the
  // last one would be 20,000 levels deep.
  std::string main = "locals {\n  l0 = \"x\"\n";
  std::string resources;
  for (int i = 1; i <= 200; ++i) {
    main += "  l" + std::to_string(i) + " = " + std::string(100, '[') + "local.l" + std::to_string(i - 1) +
            std::string(100, ']') + "\n";
    resources += "resource \"aws_iam_role\" \"r" + std::to_string(i) + "\" {\n  name = \"r" + std::to_string(i) +
                 "\"\n  assume_role_policy = jsonencode({Statement = local.l" + std::to_string(i) + "})\n}\n";
  }
  TempFolder f({{"main.tf", main + "}\n" + resources}});
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  CHECK(g.roles.size() == 200);
  const Role* last = g.FindRole("aws_iam_role.r200");
  REQUIRE(last != nullptr);
  CHECK(DumpValue(last->trust_policy).find("nested deeper than") != std::string::npos);
}

TEST_CASE("terraform hostile 15: a template that calls templatefile() on itself") {
  // The template names itself relative to the root module's folder, as Terraform reads it
  // (not the working directory of the scan), and by its absolute path.
  for (bool absolute : {false, true}) {
    INFO("absolute path: ", absolute);
    TempFolder f(
        {{"main.tf", "locals {\n  t = templatefile(\"${path.module}/t.tpl\", {})\n}\n" + PoolAndRole("local.t")},
         {"t.tpl", ""}});
    const std::string self = absolute ? f.Path("t.tpl") : "t.tpl";
    std::ofstream(f.Path("t.tpl"), std::ios::binary)
        << "${templatefile(\"" + self + "\", {})}${templatefile(\"" + self + "\", {})}\n";
    Graph g = f.Load();
    CHECK(Errors(g) == "");
    const std::string aud = Aud(g);
    CHECK(aud.find("is already being rendered") != std::string::npos);
    CHECK(aud.find("cannot be read") == std::string::npos);
  }
}

TEST_CASE("terraform hostile 15: a template's relative file() path is read from the root module's folder") {
  TempFolder f({{"main.tf", "locals {\n  t = templatefile(\"${path.module}/t.tpl\", {})\n}\n" + PoolAndRole("local.t")},
                {"t.tpl", "${file(\"aud.txt\")}"},
                {"aud.txt", "us-east-1:from-the-root"}});
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  CHECK(Aud(g) == "\"us-east-1:from-the-root\"");
}

TEST_CASE("terraform hostile: the deepest evaluations fit the stack (run by the sanitizer build too)") {
  // Each chain is longer than the evaluation depth cap, through a different path:
  // locals through function calls, templates rendering other templates, nested %{if}
  // directives, and conditionals nested in their else branch.
  std::vector<std::pair<std::string, std::string>> files;
  std::string main = "locals {\n";
  for (int i = 0; i < 200; ++i) {
    main += "  l" + std::to_string(i) + " = format(\"%s\", local.l" + std::to_string(i + 1) + ")\n";
  }
  main += "  l200 = \"us-east-1:x\"\n";
  main += "  t = templatefile(\"t0.tpl\", {})\n";
  std::string conditional = "\"us-east-1:x\"";
  for (int i = 0; i < 200; ++i) conditional = "var.c" + std::to_string(i % 7) + " ? \"a\" : " + conditional;
  main += "  c = " + conditional + "\n";
  main += "  i = templatefile(\"if.tpl\", {})\n}\n";
  for (int i = 0; i < 200; ++i) {
    files.emplace_back("t" + std::to_string(i) + ".tpl", "${templatefile(\"t" + std::to_string(i + 1) + ".tpl\", {})}");
  }
  files.emplace_back("t200.tpl", "us-east-1:x");
  files.emplace_back("if.tpl", [] {
    std::string t;
    for (int i = 0; i < 120; ++i) t += "%{if true}a";
    t += "us-east-1:x";
    for (int i = 0; i < 120; ++i) t += "%{endif}";
    return t;
  }());
  std::string roles;
  for (const char* local : {"l0", "t", "c", "i"}) {
    roles += "resource \"aws_iam_role\" \"" + std::string(local) +
             "\" {\n  assume_role_policy = " + TrustPolicy("local." + std::string(local)) + "\n}\n";
  }
  files.emplace_back("main.tf", main + roles);
  TempFolder f(files);
  Graph g = f.Load();
  CHECK(Errors(g) == "");
  CHECK(g.roles.size() == 4);
}
