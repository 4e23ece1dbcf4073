# Root variables without a value: one fixed unknown each, constrained by type and validation.
variable "identity_pool_id" {
  type = string
  validation {
    condition     = can(regex("^us-east-1:[0-9a-f-]+$", var.identity_pool_id))
    error_message = "An identity pool ID of us-east-1."
  }
}

variable "stage" {
  validation {
    condition     = contains(["dev", "prod"], var.stage)
    error_message = "dev or prod."
  }
}

variable "name_prefix" {
  type = string
  validation {
    condition     = length(var.name_prefix) > 2 && length(var.name_prefix) <= 20
    error_message = "3 to 20 characters."
  }
}

variable "guests" {
  type = bool
}

variable "teams" {
  type = map(object({ name = string }))
}

module "roles" {
  source  = "./roles"
  pool_id = var.identity_pool_id
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = var.identity_pool_id
  roles = {
    authenticated = module.roles.auth_arn
  }
}

resource "aws_iam_role" "team" {
  for_each = var.teams
  name     = each.value.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "cognito-identity.amazonaws.com:aud" = data.terraform_remote_state.auth.outputs.pool_id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = each.key }
      }
    }]
  })
}

data "terraform_remote_state" "auth" {
  backend = "s3"
}

data "aws_cognito_identity_pool" "shared" {
  identity_pool_name = "shared"
}

resource "aws_cognito_identity_pool_roles_attachment" "remote" {
  identity_pool_id = data.terraform_remote_state.auth.outputs.pool_id
  roles = {
    authenticated   = "arn:aws:iam::111122223333:role/${var.name_prefix}-auth"
    unauthenticated = "arn:aws:iam::111122223333:role/${var.stage}-guest"
  }
}

resource "aws_cognito_identity_pool_roles_attachment" "shared" {
  identity_pool_id = data.aws_cognito_identity_pool.shared.id
  roles = {
    authenticated = "arn:aws:iam::111122223333:role/shared"
  }
}
