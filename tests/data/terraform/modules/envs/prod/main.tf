provider "aws" {
  region = var.region
}

variable "region" {
  default = "eu-west-1"
}

variable "guests" {
  type = bool
}

variable "teams" {
  default = { red = "r", blue = "b" }
}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "prod"
  allow_unauthenticated_identities = var.guests
  allow_classic_flow               = var.region == "eu-west-1" ? true : false
}

module "auth" {
  source    = "../../modules/auth"
  pool_id   = aws_cognito_identity_pool.main.id
  role_name = "prod-auth"
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated   = module.auth.role_arn
    unauthenticated = aws_iam_role.team["red"].arn
  }
}

resource "aws_iam_role" "team" {
  for_each           = var.teams
  name               = "team-${each.key}"
  assume_role_policy = module.auth.trust
}

resource "aws_iam_role" "worker" {
  count              = 2
  name               = format("worker-%d", count.index)
  assume_role_policy = var.unset_policy
}

variable "unset_policy" {}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.worker[1].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
