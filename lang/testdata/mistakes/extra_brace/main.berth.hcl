service "a" {
}
}
