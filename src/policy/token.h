// The Cognito token model of SPEC section 3.
#pragma once

#include <string>
#include <string_view>

namespace trustlint::cognito {

inline constexpr std::string_view kFederatedPrincipal = "cognito-identity.amazonaws.com";
inline constexpr std::string_view kAssumeAction = "sts:AssumeRoleWithWebIdentity";
inline constexpr std::string_view kAudKey = "cognito-identity.amazonaws.com:aud";  // single-valued
inline constexpr std::string_view kSubKey = "cognito-identity.amazonaws.com:sub";  // single-valued
inline constexpr std::string_view kAmrKey = "cognito-identity.amazonaws.com:amr";  // multivalued
inline constexpr std::string_view kGuestAmr = "unauthenticated";
inline constexpr std::string_view kSignedInAmr = "authenticated";
inline constexpr std::string_view kSubVariable = "${cognito-identity.amazonaws.com:sub}";

}  // namespace trustlint::cognito
