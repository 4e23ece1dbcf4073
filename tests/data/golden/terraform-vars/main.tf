# Whether guests and the basic flow are on is decided by variables: without
# --var / --var-file the defaults (off) apply and nothing is reported.
variable "allow_guests" {
  type    = bool
  default = false
}

variable "classic_flow" {
  type    = bool
  default = false
}

resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = var.allow_guests
  allow_classic_flow               = var.classic_flow
}
