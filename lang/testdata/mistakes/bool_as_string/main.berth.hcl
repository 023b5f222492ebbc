network "n" {
  internal = "yes"
}
