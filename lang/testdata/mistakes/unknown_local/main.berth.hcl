locals {
  n = 2
}
service "api" {
  replicas = local.m
}
