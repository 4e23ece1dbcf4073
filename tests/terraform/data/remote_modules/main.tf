# Module calls whose source is not a local folder are not analysed, and are no error.
module "registry" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc"
  version = "~> 5.0"
  role_name = "from-registry"
}

module "git" {
  source = "git::https://example.com/infra/cognito.git?ref=v1.2.0"
  pool   = aws_cognito_identity_pool.main.id
}

module "http" {
  source = "https://example.com/modules/auth.zip"
}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name = "app"
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated = module.registry.iam_role_arn
  }
}
