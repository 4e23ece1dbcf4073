variable "amr" {
  type = string
}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name = "app"
}

# Rendered from a file, with a resource attribute and a literal.
data "template_file" "from_file" {
  template = file("${path.module}/trust.json.tpl")
  vars = {
    pool_id = aws_cognito_identity_pool.main.id
    amr     = "authenticated"
  }
}

resource "aws_iam_role" "from_file" {
  assume_role_policy = data.template_file.from_file.rendered
}

# Rendered from a heredoc ($${} reaches the template as ${}), with an unknown var.
data "template_file" "heredoc" {
  template = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": { "Federated": "cognito-identity.amazonaws.com" },
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
          "StringEquals": { "cognito-identity.amazonaws.com:aud": "$${pool}" },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "$${amr}" }
        }
      }]
    }
  EOT
  vars = {
    pool = aws_cognito_identity_pool.main.id
    amr  = var.amr
  }
}

resource "aws_iam_role" "heredoc" {
  assume_role_policy = data.template_file.heredoc.rendered
}

# A directive over an unknown list: the text is not computed.
data "template_file" "directive" {
  template = "{\"Version\": \"2012-10-17\", \"Statement\": [%%{ for s in statements }$${s},%%{ endfor }]}"
  vars = {
    statements = var.amr
  }
}

resource "aws_iam_role" "directive" {
  assume_role_policy = data.template_file.directive.rendered
}
