provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = var.west_region
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/deployer"
  }
}

variable "west_region" {}
variable "guest_mode" {}

data "aws_caller_identity" "me" {}
data "aws_partition" "p" {}

locals {
  guest_trust = templatefile("${path.module}/trust.json.tpl", { pool = aws_cognito_identity_pool.west.id, amr = "unauthenticated" })
  admin_arn   = "arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.me.account_id}:role/admin"
  buckets     = { logs = "l", data = "d" }
  arns        = [for k, v in local.buckets : "arn:aws:s3:::${k}-${v}/*" if k != "logs"]
}

# trustlint:ignore TL104
# trustlint:ignore TL301,TL302 -- guests are the product
resource "aws_cognito_identity_pool" "west" {
  provider                         = aws.west
  identity_pool_name               = "west"
  allow_unauthenticated_identities = var.guest_mode ? true : false
}

resource "aws_iam_role" "guest" {
  provider           = aws.west
  name_prefix        = "guest-"
  assume_role_policy = local.guest_trust
  inline_policy {
    name   = "outside"
    policy = file("${path.module}/../outside.json")
  }
  managed_policy_arns = concat([local.admin_arn], [lookup({ a = "x" }, "a", "y")])
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = local.arns
  }
  statement {
    sid       = "Own"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::d/&{cognito-identity.amazonaws.com:sub}/*"]
  }
}

data "aws_iam_policy_document" "final" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Read", Effect = "Deny", Action = "s3:*", Resource = "*" }] })]
  dynamic "statement" {
    for_each = toset(["sqs", "sns"])
    content {
      actions   = ["${statement.value}:Publish"]
      resources = [join(":", ["arn", "aws", statement.key])]
    }
  }
}

resource "aws_iam_policy" "final" {
  name   = format("final-%s", "x")
  policy = data.aws_iam_policy_document.final.json
}

resource "aws_iam_policy_attachment" "final" {
  name       = "final"
  roles      = [aws_iam_role.guest.name]
  policy_arn = aws_iam_policy.final.arn
}

resource "aws_organizations_policy" "rcp" {
  name    = "rcp"
  type    = "RESOURCE_CONTROL_POLICY"
  content = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "cognito-identity:GetId", "Resource": "*", "Principal": "*"}]}
EOT
}
