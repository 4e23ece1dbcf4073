provider "aws" {
  alias  = "eu_west"
  region = "eu-west-1"
}

module "grandchild" {
  source = "./grandchild"
  providers = {
    aws = aws.eu_west
  }
}
