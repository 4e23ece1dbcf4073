# The provider sets no region: the configured region and account (--region/--account) apply.
provider "aws" {}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name = "app"
}

resource "aws_iam_role" "auth" {
  name = "auth"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = { "cognito-identity.amazonaws.com:aud" = "${data.aws_region.current.name}:*" }
      }
    }]
  })
  inline_policy {
    name = "own"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${data.aws_caller_identity.current.account_id}-data/*" }]
    })
  }
}
