provider "aws" {
  region              = "us-west-2"
  allowed_account_ids = ["111122223333"]
}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "spellings"
  allow_unauthenticated_identities = false
}

# trustlint:ignore TL105 -- one pool, three spellings of one trust policy
resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated   = aws_iam_role.jsonencode.arn
    unauthenticated = aws_iam_role.heredoc.arn
  }
  role_mapping {
    identity_provider         = "cognito-idp.us-west-2.amazonaws.com/us-west-2_abc:client"
    type                      = "Rules"
    ambiguous_role_resolution = "AuthenticatedRole"
    mapping_rule {
      claim      = "isAdmin"
      match_type = "Equals"
      value      = "paid"
      role_arn   = aws_iam_role.document.arn
    }
  }
}
