network "n" {
  internal = "maybe"
}
