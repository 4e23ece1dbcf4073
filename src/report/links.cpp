#include "report/links.h"

#ifndef TRUSTLINT_REPOSITORY_URL
#error "TRUSTLINT_REPOSITORY_URL comes from CMake (the cache variable of the same name)"
#endif

namespace trustlint {

std::string RepositoryUrl() { return TRUSTLINT_REPOSITORY_URL; }

std::string RulePageUrl(const std::string& rule_id) {
  return RepositoryUrl() + "/blob/main/docs/rules/" + rule_id + ".md";
}

}  // namespace trustlint
