service "a" {
  labels = {
    note = <<-EOT
      hello
  }
}
