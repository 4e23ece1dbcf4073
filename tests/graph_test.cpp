#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "graph/graph.h"

using namespace trustlint;

namespace {
Value RoleArnOf(const std::string& key) { return Value::SymbolString({Symbol::Kind::kRoleArn, key}); }
}  // namespace

TEST_CASE("symbols render to sentinels that only equal themselves") {
  Value a = Value::Symbolic({{"arn:", std::nullopt}, {"", Symbol{Symbol::Kind::kPseudo, "AWS::Partition"}}});
  Value b = Value::Symbolic({{"arn:", std::nullopt}, {"", Symbol{Symbol::Kind::kPseudo, "AWS::Partition"}}});
  CHECK(RenderForMatching(a.parts) == RenderForMatching(b.parts));
  CHECK(RenderForMatching(a.parts) != "arn:aws");
  CHECK(RenderForDisplay(a.parts) == "arn:\u27e8AWS::Partition\u27e9");
  CHECK_FALSE(a.DependsOnUnknown());
  std::string why;
  CHECK(Value::SymbolString({Symbol::Kind::kUnknown, "parameter P has no default"}).DependsOnUnknown(&why));
  CHECK(why == "parameter P has no default");
}

TEST_CASE("link resolves attachment roles by symbol and by ARN text, and pools by ID") {
  GraphBuilder b;
  IdentityPool pool;
  pool.key = "t.yaml#Pool";
  pool.address = "Pool";
  pool.id = Value::SymbolString({Symbol::Kind::kPoolId, pool.key});
  b.AddPool(pool);
  Role auth;
  auth.key = "t.yaml#Auth";
  auth.address = "Auth";
  auth.arn = RoleArnOf(auth.key);
  b.AddRole(auth);
  Role guest;
  guest.key = "t.yaml#Guest";
  guest.address = "Guest";
  guest.arn = Value::String("arn:aws:iam::111122223333:role/guest");
  b.AddRole(guest);
  RoleAttachment att;
  att.key = "t.yaml#Att";
  att.address = "Att";
  att.pool = Value::SymbolString({Symbol::Kind::kPoolId, "t.yaml#Pool"});
  att.authenticated = RoleArnOf("t.yaml#Auth");
  att.unauthenticated = Value::String("arn:aws:iam::111122223333:role/guest");
  b.AddAttachment(att);
  Graph g = b.Link();
  REQUIRE(g.attachments.size() == 1);
  CHECK(g.attachments[0].pool_id == 0);
  CHECK(g.roles[g.attachments[0].authenticated_role].address == "Auth");
  CHECK(g.roles[g.attachments[0].unauthenticated_role].address == "Guest");
}

TEST_CASE("link resolves Fn::ImportValue and qualifies duplicate addresses") {
  GraphBuilder b;
  b.AddExport("shared-pool", Value::SymbolString({Symbol::Kind::kPoolId, "a.yaml#Pool"}));
  IdentityPool pool;
  pool.key = "a.yaml#Pool";
  pool.address = "Pool";
  pool.id = Value::SymbolString({Symbol::Kind::kPoolId, pool.key});
  b.AddPool(pool);
  Role r1;
  r1.key = "a.yaml#Role";
  r1.address = "Role";
  b.AddRole(r1);
  Role r2;
  r2.key = "b.yaml#Role";
  r2.address = "Role";
  b.AddRole(r2);
  RoleAttachment att;
  att.key = "b.yaml#Att";
  att.address = "Att";
  att.pool = Value::SymbolString({Symbol::Kind::kImport, "shared-pool"});
  b.AddAttachment(att);
  Graph g = b.Link();
  CHECK(g.attachments[0].pool_id == 0);
  CHECK(g.roles[0].address == "a.yaml#Role");
  CHECK(g.roles[1].address == "b.yaml#Role");
  CHECK(g.pools[0].address == "Pool");
}

TEST_CASE("DisplayRendered turns sentinels in derived strings back into descriptions") {
  Value v = Value::Symbolic({{"arn:aws:kinesis:us-east-1:1:stream/", std::nullopt},
                             {"", Symbol{Symbol::Kind::kResourceRef, "dir#aws_kinesis_stream.s.name"}}});
  CHECK(DisplayRendered(RenderForMatching(v.parts) + "/x") ==
        "arn:aws:kinesis:us-east-1:1:stream/\u27e8aws_kinesis_stream.s.name\u27e9/x");
  CHECK(DisplayRendered("plain") == "plain");
  CHECK(DisplayRendered("\u27e8pool:t.yaml#Pool\u27e9") == "\u27e8ID of pool Pool\u27e9");
}

TEST_CASE("file names are interned: one copy per name, compared as the names are, from any thread") {
  const std::string spelled = "stacks/app/template.yaml";
  const Location a{spelled, 3, 1};
  const Location b{std::string_view("stacks/app/template.yaml"), 9, 2};
  CHECK(a.file == b.file);
  CHECK(&a.file.str() == &b.file.str());  // one shared copy
  CHECK(a.file == "stacks/app/template.yaml");
  CHECK(Location{}.file.empty());
  CHECK(Location{""}.file == Location{}.file);
  // Ordered as the strings are, whatever order they were first interned in.
  const Location z{"zeta.yaml"}, m{"mid.yaml"}, earlier{"alpha.yaml"};
  CHECK(earlier < m);
  CHECK(m < z);
  CHECK_FALSE(z < z);
  CHECK(FormatLocation(a) == "stacks/app/template.yaml:3:1");
  CHECK(a.file + "#Role" == "stacks/app/template.yaml#Role");

  // Threads interning the same names at once get the same copies.
  std::vector<const std::string*> seen(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&seen, t] {
      for (int i = 0; i < 2000; ++i) {
        const FileName mine("shared-" + std::to_string(i % 50) + ".yaml");
        if (i % 50 == 7) seen[t] = &mine.str();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const std::string* s : seen) CHECK(s == &FileName("shared-7.yaml").str());
}

TEST_CASE("a string part keeps its symbol by value: copies are deep, and compare by what they hold") {
  StringPart literal{"arn:", std::nullopt};
  CHECK_FALSE(literal.symbol);
  StringPart symbolic{"", Symbol{Symbol::Kind::kPoolId, "pool", "t.yaml"}};
  REQUIRE(symbolic.symbol.has_value());
  StringPart copy = symbolic;
  copy.symbol->name = "other";  // the copy's own symbol
  CHECK(symbolic.symbol->name == "pool");
  CHECK_FALSE(copy == symbolic);
  copy.symbol->name = "pool";
  CHECK(copy == symbolic);
  CHECK_FALSE(literal == StringPart{"arn:", Symbol{Symbol::Kind::kPoolId, ""}});
  copy = literal;
  CHECK_FALSE(copy.symbol);
  CHECK(copy == literal);
}

TEST_CASE("link orders nodes by file, line and key, keeping the merge order of equal ones") {
  auto role = [](std::string file, int line, std::string key, std::string address) {
    Role r;
    r.key = std::move(key);
    r.address = std::move(address);
    r.loc = Location{std::move(file), line, 1};
    return r;
  };
  auto addresses = [](const Graph& g) {
    std::vector<std::string> out;
    for (const Role& r : g.roles) out.push_back(r.address);
    return out;
  };
  GraphBuilder in_order;  // as a walk merges them: already sorted
  in_order.AddRole(role("a.yaml", 3, "a.yaml#A", "A"));
  in_order.AddRole(role("a.yaml", 9, "a.yaml#B", "B"));
  in_order.AddRole(role("b.yaml", 1, "b.yaml#C", "C"));
  CHECK(addresses(in_order.Link()) == std::vector<std::string>{"A", "B", "C"});

  GraphBuilder shuffled;  // a Terraform unit read after the templates, say
  shuffled.AddRole(role("z.tf", 1, "z#aws_iam_role.z", "aws_iam_role.z"));
  shuffled.AddRole(role("a.yaml", 9, "a.yaml#B", "B"));
  shuffled.AddRole(role("a.yaml", 3, "same", "first"));
  shuffled.AddRole(role("a.yaml", 3, "same", "second"));  // equal position and key: stays after "first"
  CHECK(addresses(shuffled.Link()) == std::vector<std::string>{"first", "second", "B", "aws_iam_role.z"});
}
