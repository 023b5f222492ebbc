volume "v" {
  drivr = "local"
}
