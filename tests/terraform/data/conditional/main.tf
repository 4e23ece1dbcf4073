variable "guests" {
  type = bool
}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name = "app"
}

resource "aws_iam_role" "auth" {
  name               = "auth"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = "{}"
}

# Exists only when var.guests is true.
resource "aws_cognito_identity_pool_roles_attachment" "maybe" {
  count            = var.guests ? 1 : 0
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated = aws_iam_role.auth.arn
  }
}

# Names its unauthenticated role through an undecided conditional.
resource "aws_cognito_identity_pool_roles_attachment" "either" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated   = aws_iam_role.auth.arn
    unauthenticated = var.guests ? aws_iam_role.guest.arn : aws_iam_role.auth.arn
  }
}

# Always there.
resource "aws_cognito_identity_pool_roles_attachment" "plain" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated = aws_iam_role.auth.arn
  }
}
