list(APPEND TRUSTLINT_SOURCES
  src/frontend/plan/plan.cpp
  # Terraform JSON syntax: listed here so that src/frontend/terraform/sources.cmake
  # stays with the HCL front end's owner.
  src/frontend/terraform/json_syntax.cpp
)
