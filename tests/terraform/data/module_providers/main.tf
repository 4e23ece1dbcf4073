# A root module calls ./child, which configures an aliased provider and passes it on.
provider "aws" {
  region = "us-east-1"
}

module "child" {
  source = "./child"
}
