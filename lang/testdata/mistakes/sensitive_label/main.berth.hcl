variable "token" {
  type      = string
  sensitive = true
  default   = "hunter2"
}
service "api-${var.token}" {}
