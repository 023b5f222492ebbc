{
  "service": {}
}
