resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name = "app"
}
