network "n" {
  labels = ["a"]
}
