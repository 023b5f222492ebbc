# A block on one line may hold several arguments, but berth needs a space
# between the braces and the arguments to write the block out; with none,
# HCL's rule stands.
service "api" {
  port {published = 8080 target = 80} # ERROR: Invalid single-argument block definition
}
