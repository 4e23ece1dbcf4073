// The permission engine's API: containment over (action, resource) with globs,
// NotAction/NotResource, Deny conditions, policy variables and layers, and the
// effective permissions built on it (denies, boundaries, dead Cognito actions).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "policy/containment.h"
#include "policy/permissions.h"

using namespace trustlint;

namespace {

constexpr char kId[] = "us-east-1:00000000-0000-0000-0000-00000000000a";
constexpr char kPool[] = "us-east-1:00000000-0000-0000-0000-000000000000";

PolicyDocument Doc(const std::string& statements, bool version = true) {
  const std::string head = version ? R"({"Version": "2012-10-17", "Statement": [)" : R"({"Statement": [)";
  return ParsePolicyDocument(Value::String(head + statements + "]}"), "TestRole");
}

PermissionSide Side(std::vector<const PolicyDocument*> docs, bool guest) {
  PermissionSide side;
  side.layers.push_back(std::move(docs));
  side.identity = IdentityRequest(kId, kPool, guest);
  side.decided_keys = {std::string(kAmrKey), std::string(kAudKey), std::string(kSubKey)};
  return side;
}

PermissionSide Never() {
  PermissionSide side;
  side.layers.push_back({});
  return side;
}

std::vector<const ActionInfo*> Actions(const std::vector<std::string>& names) {
  std::vector<const ActionInfo*> out;
  for (const std::string& n : names) {
    const std::size_t colon = n.find(':');
    out.push_back(ActionCatalogue::Get().Find(n.substr(0, colon), n.substr(colon + 1)));
  }
  return out;
}

PermissionSolver& Solver() {
  static PermissionSolver solver;
  return solver;
}

std::vector<std::string> ExcessNames(const ExcessAnswer& answer) {
  std::vector<std::string> out;
  for (const ExcessClass& c : answer.excess) {
    for (const ActionInfo* a : c.actions) out.push_back(a->FullName());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("engine: a guest grant on bucket/* is not contained in bucket/example* (no sampling)") {
  const PolicyDocument guest = Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"})");
  const PolicyDocument auth =
      Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/example*"})");
  const ExcessAnswer answer = Solver().Excess(Side({&guest}, true), Side({&auth}, false), Actions({"s3:GetObject"}));
  REQUIRE(answer.excess.size() == 1);
  CHECK(answer.excess[0].resource == "arn:aws:s3:::bucket/x");
  // The other way round it is a proof.
  const ExcessAnswer back = Solver().Excess(Side({&auth}, false), Side({&guest}, true), Actions({"s3:GetObject"}));
  CHECK(back.Contained());
}

TEST_CASE("engine: NotResource grants are compared, not skipped") {
  const PolicyDocument guest =
      Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::private/*"})");
  const PolicyDocument auth = Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public/*"})");
  const ExcessAnswer answer = Solver().Excess(Side({&guest}, true), Side({&auth}, false), Actions({"s3:GetObject"}));
  REQUIRE(answer.excess.size() == 1);
  CHECK(answer.excess[0].resource.rfind("arn:aws:s3:::public/", 0) != 0);
  CHECK(answer.excess[0].resource.rfind("arn:aws:s3:::private/", 0) != 0);
  const PolicyDocument all = Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})");
  CHECK(Solver().Excess(Side({&guest}, true), Side({&all}, false), Actions({"s3:GetObject"})).Contained());
}

TEST_CASE("engine: Deny NotAction leaves only the listed actions") {
  const PolicyDocument doc = Doc(R"({"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"})");
  const ExcessAnswer answer =
      Solver().Excess(Side({&doc}, true), Never(), Actions({"s3:GetObject", "s3:PutObject", "iam:PassRole"}));
  CHECK(ExcessNames(answer) == std::vector<std::string>{"s3:GetObject"});
  CHECK(answer.unsettled.empty());
}

TEST_CASE("engine: a Deny on amr = unauthenticated takes away for guests only") {
  const PolicyDocument doc = Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
       "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}}})");
  CHECK(Solver().Excess(Side({&doc}, true), Never(), Actions({"s3:GetObject"})).Contained());
  CHECK(Solver().Excess(Side({&doc}, false), Never(), Actions({"s3:GetObject"})).excess.size() == 1);
}

TEST_CASE("engine: a Deny on aws:SourceIp leaves the grant usable from elsewhere") {
  const PolicyDocument doc = Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
       "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}})");
  const ExcessAnswer answer = Solver().Excess(Side({&doc}, true), Never(), Actions({"s3:GetObject"}));
  REQUIRE(answer.excess.size() == 1);
  CHECK(answer.excess[0].context.count("aws:sourceip") == 1);
}

TEST_CASE("engine: policy variables only under Version 2012-10-17") {
  const std::string grant =
      R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*"})";
  const PolicyDocument with = Doc(grant);
  const PolicyDocument without = Doc(grant, false);
  const PolicyDocument own = Doc(std::string(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/)") +
                                 kId + R"(/*"})");
  CHECK(Solver().Excess(Side({&with}, true), Side({&own}, false), Actions({"s3:GetObject"})).Contained());
  const ExcessAnswer literal = Solver().Excess(Side({&without}, true), Side({&own}, false), Actions({"s3:GetObject"}));
  REQUIRE(literal.excess.size() == 1);
  CHECK(literal.excess[0].resource.find("${cognito-identity.amazonaws.com:sub}") != std::string::npos);
}

TEST_CASE("engine: a boundary layer bounds the side") {
  const PolicyDocument identity = Doc(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})");
  const PolicyDocument boundary = Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})");
  PermissionSide bounded = Side({&identity}, true);
  bounded.layers.push_back({&boundary});
  const ExcessAnswer answer = Solver().Excess(bounded, Never(), Actions({"s3:GetObject", "s3:PutObject"}));
  CHECK(ExcessNames(answer) == std::vector<std::string>{"s3:GetObject"});
}

TEST_CASE("effective permissions: denies, boundaries and dead Cognito actions") {
  static Role role;
  std::vector<PolicyDocument> docs;
  docs.push_back(Doc(R"({"Effect": "Allow", "Action": ["s3:*", "cognito-sync:*", "mobileanalytics:PutEvents"], "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*",
       "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}}},
      {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secret/*"})"));
  const auto has = [](const RolePermissions& p, const std::string& action) {
    return std::any_of(p.grants.begin(), p.grants.end(), [&](const Grant& g) { return g.action->FullName() == action; });
  };
  const RolePermissions guest = EffectivePermissions(role, docs, Boundary{}, IdentityClass::kGuest, Solver());
  const RolePermissions signed_in = EffectivePermissions(role, docs, Boundary{}, IdentityClass::kSignedIn, Solver());
  CHECK_FALSE(has(guest, "s3:PutObject"));
  CHECK(has(signed_in, "s3:PutObject"));
  // Partly denied: kept, naming the Deny.
  REQUIRE(has(guest, "s3:GetObject"));
  const auto get = std::find_if(guest.grants.begin(), guest.grants.end(),
                                [](const Grant& g) { return g.action->FullName() == "s3:GetObject"; });
  REQUIRE(get->reduced_by);
  CHECK(get->reduced_by->index == 2);
  CHECK(GrantOrigin(*get) == " (Statement[0] of TestRole) less what Statement[2] of TestRole denies");
  // Dead for identities: kept apart, never a grant.
  CHECK_FALSE(has(guest, "cognito-sync:ListDatasets"));
  CHECK_FALSE(guest.dead_grants.empty());
  CHECK(has(guest, "mobileanalytics:PutEvents"));
  CHECK_FALSE(GrantsWholePattern(guest, "s3:*"));
  CHECK(GrantsWholePattern(signed_in, "s3:*"));
  CHECK_FALSE(GrantsWholePattern(guest, "cognito-sync:*"));

  const PolicyDocument boundary_doc = Doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})");
  Boundary boundary;
  boundary.set = true;
  boundary.documents.push_back(&boundary_doc);
  const RolePermissions bounded = EffectivePermissions(role, docs, boundary, IdentityClass::kSignedIn, Solver());
  CHECK(has(bounded, "s3:GetObject"));
  CHECK_FALSE(has(bounded, "s3:PutObject"));
  CHECK_FALSE(has(bounded, "mobileanalytics:PutEvents"));
}
