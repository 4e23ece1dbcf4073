resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = true
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
        StringEquals = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.pool.id }
      }
    }]
  })
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.pool.id
  roles = {
    authenticated = aws_iam_role.auth.arn
  }
}
