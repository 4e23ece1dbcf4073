# `providers = {}` passes nothing: as in Terraform, the child does not inherit the
# default provider, so its region is not known.
provider "aws" {
  region = "us-west-2"
}

module "child" {
  source    = "./child"
  providers = {}
}
