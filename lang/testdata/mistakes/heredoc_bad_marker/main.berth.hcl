config "c" {
  content = <<EOT
hello
EOF
}
