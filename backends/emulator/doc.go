// Package emulator plays one berth service for real. A service without an
// image is run by berth's own binary (`berth emulate`) from a compiled
// Config: it serves the service's endpoints over HTTP, does the local work
// of each request as a real sleep of a service_time sample, admits requests
// within capacity.workers and a FIFO waiting room of capacity.queue, and
// calls its downstream services by name per the endpoint's parallel and
// sequence flow, through the link's timeout, retries, circuit breaker,
// bulkhead, load balancer and fallback.
//
// The resilience policies and the distributions are not implemented here:
// the emulator runs the simulator's own clock-agnostic code
// (simulate/policy, simulate/dist) against a real clock, so a simulation and
// a real deployment obey one implementation.
//
// The package also owns the emulator's container image: EnsureImage builds
// berth-emulator:<hash> through the Engine API, FROM scratch with a static
// berth binary, never pulling; SaveImage and LoadImage carry it to engines
// that have no registry in common (swarm nodes).
//
// What the emulator does not model, on purpose:
//   - resources.cpus: local work is a sleep, so it uses no CPU and cpus
//     does not cap how many sleeps run at once; workers does.
//   - link latency: the network between containers is real; a declared
//     link latency (a model of that network) is not added on top.
//   - queues: there is no broker. A publish is recorded in a bounded local
//     outbox and delivered at most once, fire-and-forget, by HTTP POST to
//     the consume endpoint of every consuming service (see publish.go).
//
// HTTP surface of one emulator (see response.go for the body):
//
//	GET|POST /<endpoint>   one request; "/" is the first endpoint
//	GET /healthz           200 while serving, 503 once shutting down (also
//	                       the spec's health.http path)
//	GET /_berth/stats      counters (Stats)
//	GET|POST /_berth/fault the fault in force / inject one (Fault: hang,
//	                       slow, error, clear), for real-load scenarios
//
// Files: config.go (the compiled Config and its env encoding), compile.go
// (lang.Spec → Config), container.go (what a backend needs to run one),
// server.go (HTTP, admission, local work), admit.go (workers and waiting
// room), endpoint.go and flow.go (the endpoint's steps), call.go (one
// downstream call through its link's policies), attempt.go (one HTTP
// attempt and its failure class), resolve.go (service name → replica
// addresses), publish.go, fault.go, stats.go, probe.go, response.go,
// image.go, binary.go and save.go (the image and its static binary).
package emulator
