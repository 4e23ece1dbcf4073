# 101 module instances of a module whose resource has count = 100: 10,100 instances in one
# root module, over the 10,000-instance budget although each count alone is small.
module "m" {
  source = "./m"
  count  = 101
}
