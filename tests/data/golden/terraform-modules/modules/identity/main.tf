variable "pool_name" {
  type = string
}

variable "allow_guests" {
  type = bool
}

# TL301 when the caller lets guests in.
resource "aws_cognito_identity_pool" "this" {
  identity_pool_name               = var.pool_name
  allow_unauthenticated_identities = var.allow_guests
}

output "pool_id" {
  value = aws_cognito_identity_pool.this.id
}
