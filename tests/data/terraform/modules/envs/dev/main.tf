module "auth" {
  source    = "../../modules/auth"
  pool_id   = var.pool_id
  role_name = "dev-auth"
}

variable "pool_id" {}

resource "aws_iam_role" "maybe" {
  count              = var.enabled ? 1 : 0
  name               = "maybe"
  assume_role_policy = module.auth.trust
}

variable "enabled" {}
