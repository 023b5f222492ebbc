// Package simulate runs a lang.Spec through a discrete-event load simulator
// and returns a Report of metrics and SLO verdicts. It never imports
// backends. Run (every load and scenario, or the ones Options select) and
// RunCase (one case, for whatif and diff) are the API; both are quiet and
// return problems as diagnostics that point at the spec.
//
// # Engine
//
// Time is an int64 of nanoseconds. Events are 32-byte values in a 4-ary
// min-heap ordered by (time, insertion sequence), so ties fire first-in
// first-out and a run is a pure function of the spec, the options and the
// seed. Requests are pooled jobs; events that refer to a job carry its
// generation, and an event whose job has been recycled since is dropped
// (lazy cancellation). The load's next arrival waits beside the heap, and
// each link's attempt timeouts wait in a FIFO "pipe" of which only the
// first live entry is in a second heap of timers (pipe.go), with the
// time-series tick; the two heaps share one sequence counter, so together
// they fire in one (time, sequence) order while the main heap holds only
// the work in progress. There is no goroutine per entity; replications
// run in parallel, one goroutine each.
//
// Every component draws from its own PCG stream, seeded by the run's seed
// and a hash of the component's name (rng.go): changing one service leaves
// the draws of the others alone, so two specs compared by `berth diff`
// see common random numbers.
//
// # Model
//
// A replica has capacity.workers and a FIFO queue of capacity.queue; a
// request that finds the queue full is rejected (503). In the thread model
// a request holds its worker from admission to answer, downstream calls
// included; in the async model only during its local work. Local work
// (the endpoint's service_time, else capacity.service_time) runs on the
// replica's cores: resources.cpus = c is a CFS quota, so k requests
// working at once each run at min(1, c/k) of a core's speed, at most
// ceil(c) of them (0.5: one core at half speed; 1.5: one alone at full
// speed, two at 0.75; cpushare.go), and no limit when unset. The flow runs after the local work:
// a sequence stops at its first failure, a parallel block forks all its
// children and joins when all are done (so the branches' waits are
// correlated, as in the fork-join queue); a failed call without a fallback
// fails the request, which answers its caller with a 5xx.
//
// An open load sends at its rate whatever the answers do; a closed one
// (load.users) has users that each send, wait for the answer (or the
// client timeout), think for a draw of think_time and send again
// (users.go).
//
// A service with replicas = 0 has no instance: a call to it is refused at
// once, and every request of a load that enters it fails. A call or
// publish with probability 0 never happens (the loader sets 1 when the
// attribute is absent).
//
// A call picks a replica in rotation with the link's balancer, waits the
// link's latency (else berth.defaults.hop_latency, else nothing) each way,
// and has a timeout per attempt; on timeout the caller moves on and the
// callee keeps working, its late answer discarded. Retries, backoff and
// jitter, the retry budget, the circuit breaker and the bulkhead are
// simulate/policy, held per caller replica and link (each process has its
// own breaker and budget; a restarted replica starts with fresh ones).
// Failure classes for retry.on: timeout, refused (no replica in rotation,
// connection reset by a crash, breaker open, bulkhead full), rejected
// (queue full), 5xx (the callee failed).
//
// A publish returns at once and fails only when a capped queue is full.
// Every consuming service has its own subscription (consumer group) and
// gets every message; within it, rabbitmq consumers compete for one FIFO
// and kafka partitions are assigned round robin to the live consumers
// (those beyond the partitions idle); messages are keyed to partitions at
// random. A consumer thread (consume.concurrency per replica) takes one
// message at a time, uses the replica's cores but not its workers, and
// counts in the service's utilisation (only they do in a consumer that no
// request reaches: slots.go). A message in progress on a replica
// that dies is redelivered.
//
// # Faults and failover (Docker semantics)
//
//   - kill: the first up replicas crash; they leave rotation at once, what
//     they held fails (connection reset, class refused), and they restart
//     after restart.delay (default 5 s; never with condition "none"; not
//     after restart.max_attempts restarts, counted within restart.window
//     under swarm).
//   - hang: the replicas accept calls and answer nothing (everything they
//     hold freezes) until the hang ends, or under swarm until the health
//     check marks them unhealthy: moby's schedule, first probe one interval after start,
//     each probe of a hung replica failing after timeout, the next one an
//     interval after that, unhealthy after retries failures, so a hang at t
//     is detected at p + retries·timeout + (retries−1)·interval with p the
//     first probe after t (Docker's defaults 30 s/30 s/3: 150–180 s).
//     Swarm takes unhealthy tasks out of rotation and replaces them
//     (restart.delay, then in rotation once their first probe passes);
//     compose only marks them unhealthy, and they stay in rotation (only
//     swarm acts on health). Without a health block Docker never notices
//     a hang.
//   - slow: delay is added after the local work of the replicas (holding
//     the worker, not a core) for the fault's duration.
//   - node_down: replicas are placed as swarm spreads tasks (fewest of
//     the service, then fewest overall, max_replicas_per_node and
//     node.role constraints respected; node 1 is the manager). The node's
//     replicas become black holes, still in rotation, until swarm marks
//     the node down after 5 s × 3 = 15 s; what they held is lost without
//     an answer, and they are rescheduled on the other nodes after
//     restart.delay (≈ 20 s in all). Compose runs everything on one host
//     and never moves a container. A dead host neither answers nor
//     refuses: whoever sent a request to it, a client of the load or a
//     calling service, waits for its timeout, or without one until the
//     drain ends it as unanswered.
//   - partition: calls between the two services are lost both ways; the
//     caller's timeout ends them, or nothing does.
//
// # Measurement
//
// Requests that arrive after the warm-up are measured. A service's
// latency runs from its arrival at the service (queueing included) to its
// answer, errors included; throughput counts answers without error
// (degraded ones included) per second. Latency percentiles come from
// simulate/hist, so memory does not depend on the number of requests.
// Utilisation is the time average of workers (and consumer threads) in
// use over those of the replicas that are up. Time series have one point
// per second (wider for runs longer than MaxPoints seconds). With several
// replications, counts and histograms are pooled and the main metrics get
// Student-t 95 % confidence intervals; series and events are those of the
// first replication.
//
// After the load the run drains (drain.go): the requests in flight are
// followed to their answer, for at most the load's client timeout (else
// the run's length, at least 60 s); those still unanswered then fail
// (class unanswered) with their age as a censored latency, so an outage
// never vanishes from the verdicts. Time averages, series and events stop
// at the end of the load. arrivals = completed + failed + in_flight holds
// exactly for every service and the entry, with in_flight 0 after the
// drain.
package simulate
