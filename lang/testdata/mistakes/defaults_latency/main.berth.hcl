berth {
  defaults {
    hop_latency = "-1ms"
  }
}
