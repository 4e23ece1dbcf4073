// bytes -> a policy document as JSON text -> the concrete evaluator (a trust
// request and a permission request) and the trust solver (a guest and a signed-in
// question), as the rules ask them.
#include <cstddef>
#include <cstdint>

#include "graph/value.h"
#include "policy/evaluator.h"
#include "policy/policy.h"
#include "policy/symbolic.h"

namespace {

using namespace trustlint;

constexpr const char* kPoolId = "us-east-1:11111111-2222-3333-4444-555555555555";

Request TrustRequest() {
  Request r;
  r.principal_type = "Federated";
  r.principal = "cognito-identity.amazonaws.com";
  r.action = "sts:AssumeRoleWithWebIdentity";
  r.context["cognito-identity.amazonaws.com:aud"] = {kPoolId};
  r.context["cognito-identity.amazonaws.com:amr"] = {"unauthenticated"};
  return r;
}

Request PermissionRequest() {
  Request r;
  r.action = "s3:GetObject";
  r.resource = "arn:aws:s3:::bucket/key";
  r.context["aws:sourceip"] = {"10.0.0.1"};
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const PolicyDocument doc =
      ParsePolicyDocument(Value::String(std::string(reinterpret_cast<const char*>(data), size)), "FuzzRole");
  (void)Evaluate({&doc}, TrustRequest());
  (void)Evaluate({&doc}, PermissionRequest());
  TrustSolver solver;
  TokenQuery guest;
  guest.amr = TokenQuery::Amr::kGuest;
  guest.aud = kPoolId;
  (void)solver.CanAssume(doc, guest);
  TokenQuery signed_in;
  signed_in.amr = TokenQuery::Amr::kSignedIn;
  signed_in.aud_excluded = {kPoolId};
  (void)solver.CanAssume(doc, signed_in);
  return 0;
}
