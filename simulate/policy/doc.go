// Package policy holds the resilience policies of a link as clock-agnostic
// state machines: the retry schedule (backoff and jitter), the retry budget,
// the circuit breaker, the bulkhead and the load balancers.
//
// The same code runs inside the discrete-event simulator (simulated clock,
// one goroutine) and inside the container emulator (real clock, concurrent
// handlers that wrap these types in a mutex). So nothing here knows an event
// engine, starts a goroutine, reads a clock or owns a random source: every
// method that depends on time takes now in integer nanoseconds (any epoch,
// as long as it never runs backwards), and randomness comes from the
// *rand.Rand passed in. No method allocates after construction.
//
// A nil *Breaker, *Budget or *Bulkhead is a valid "no policy": it admits
// everything and counts nothing, so a caller can hold one pointer per link
// whether or not the spec declares the block.
//
// Reference semantics (shared/anchors/defaults.md): jitter as in the AWS
// architecture blog, the retry budget as in Envoy, the circuit breaker as in
// Hystrix (time window of 10 buckets) and resilience4j (count window, slow
// calls), least_request and p2c as in Envoy.
package policy
