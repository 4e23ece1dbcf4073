// Where trustlint lives on the web, for the formats that link to it (SARIF's
// helpUri, rule pages). The repository URL is defined once, by the CMake cache
// variable TRUSTLINT_REPOSITORY_URL, so a fork changes one setting.
#pragma once

#include <string>

namespace trustlint {

// "https://github.com/trustlint/trustlint" (no trailing slash).
std::string RepositoryUrl();

// The rule's page in the repository: <repository>/blob/main/docs/rules/<ID>.md.
std::string RulePageUrl(const std::string& rule_id);

}  // namespace trustlint
