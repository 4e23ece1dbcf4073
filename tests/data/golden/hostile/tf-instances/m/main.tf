resource "aws_iam_role" "r" {
  count = 100
  name  = "r-${count.index}"
}
