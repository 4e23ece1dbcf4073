resource "aws_cognito_identity_pool" "main" {
  identity_pool_name = "legacy"
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = "${aws_cognito_identity_pool.main.id}"

  roles {
    "authenticated" = "${aws_iam_role.auth.arn}"

    "unauthenticated" = "${aws_iam_role.guest.arn}"
  }
}

resource "aws_iam_role" "auth" {
  assume_role_policy = "{}"
}

resource "aws_iam_role" "guest" {
  assume_role_policy = "{}"
}
