variable "pool_id" {}

resource "aws_iam_role" "auth" {
  name = "auth"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "cognito-identity.amazonaws.com:aud" = var.pool_id }
      }
    }]
  })
}

output "auth_arn" {
  value = aws_iam_role.auth.arn
}
