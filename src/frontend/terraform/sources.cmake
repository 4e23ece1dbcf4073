list(APPEND TRUSTLINT_SOURCES
  src/frontend/terraform/hcl.cpp
  src/frontend/terraform/reach.cpp
  src/frontend/terraform/module.cpp
  src/frontend/terraform/json_value.cpp
  src/frontend/terraform/expressions.cpp
  src/frontend/terraform/references.cpp
  src/frontend/terraform/functions.cpp
  src/frontend/terraform/providers.cpp
  src/frontend/terraform/mapping.cpp
  src/frontend/terraform/policy_document.cpp
  src/frontend/terraform/terraform.cpp
)
