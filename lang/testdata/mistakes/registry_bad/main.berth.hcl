berth {
  registry = "https://registry.example.com/team"
}
