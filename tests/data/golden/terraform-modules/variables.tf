variable "app" {
  type = string
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "allow_guests" {
  type    = bool
  default = false
}
