berth {
  defaults {
    hop_latency = "1ms"
  }
  defaults {
    hop_latency = "2ms"
  }
}
