# A small app: the identity pool lives in a child module; the roles and the
# attachment live here. Three deliberate faults (see the golden output).
provider "aws" {
  region = var.region
}

module "identity" {
  source       = "./modules/identity"
  pool_name    = "${var.app}-identities"
  allow_guests = var.allow_guests
}

# TL104: "*authenticated" also matches "unauthenticated".
data "aws_iam_policy_document" "app_user_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [module.identity.pool_id]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["*authenticated"]
    }
  }
}

resource "aws_iam_role" "app_user" {
  name               = "${var.app}-user"
  assume_role_policy = data.aws_iam_policy_document.app_user_trust.json
}

# TL102: no aud condition, so any pool's guests can assume it.
resource "aws_iam_role" "guest" {
  name = "${var.app}-guest"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "unauthenticated" }
      }
    }]
  })
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = module.identity.pool_id
  roles = {
    authenticated   = aws_iam_role.app_user.arn
    unauthenticated = aws_iam_role.guest.arn
  }
}
