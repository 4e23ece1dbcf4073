# A Terraform example for `make demo`: a notes app whose signed-in role has one
# deliberate fault (no aud condition, so any identity pool's users can assume it).
provider "aws" {
  region = "us-east-1"
}

resource "aws_cognito_identity_pool" "notes" {
  identity_pool_name               = "notes"
  allow_unauthenticated_identities = false
}

resource "aws_iam_role" "signed_in" {
  name = "notes-signed-in"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "authenticated" }
      }
    }]
  })
}

resource "aws_cognito_identity_pool_roles_attachment" "notes" {
  identity_pool_id = aws_cognito_identity_pool.notes.id
  roles = {
    authenticated = aws_iam_role.signed_in.arn
  }
}
