service "a" {
  image = "a\qb"
}
