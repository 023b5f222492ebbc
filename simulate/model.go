package simulate

import (
	"math/rand/v2"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/dist"
	"github.com/berth-dev/berth/simulate/policy"
)

// service is the compiled form of one lang.Service for one run.
type service struct {
	idx   int
	name  string
	spec  *lang.Service
	async bool // capacity.model = async: workers are held only during local work

	workers int
	// pool is how many of a replica's workers count in its capacity for
	// the utilisation (slots.go): workers, or 0 for a consumer no request
	// can reach.
	pool     int
	queueCap int
	cpuSlots int     // parallel local work per replica; 0 = unlimited
	cpuSpeed float64 // local work runs at this fraction of a core's speed
	cpus     float64 // resources.cpus (0: unlimited)
	// shared: a fractional cpus above 1, under which the speed of local
	// work depends on how much runs at once (cpushare.go).
	shared bool

	endpoints []*endpoint
	epCum     []float64 // cumulative endpoint weights, for entry requests
	replicas  []*replica
	rotation  []int // replicas the balancers may pick (sorted)
	outLinks  []*link

	health       *lang.Health // nil: no health check
	restartDelay int64
	restartNever bool
	restartMax   int          // restart.max_attempts (0: no limit)
	restartWin   int64        // restart.window, ns (0: every restart counts)
	startup      dist.Sampler // capacity.startup: (re)start to serving
	hasStartup   bool
	startRng     *rand.Rand

	workRng  *rand.Rand
	faultRng *rand.Rand      // error faults' draws; made when a scenario has one
	flowRng  *rand.Rand      // call and publish probabilities
	inflight func(i int) int // requests at replica i, for the balancers
	m        metric
	levels
	warmAreas areas // integrals at the warm-up cut
	endAreas  areas // integrals at the end of the load
	endQMax   int64 // the longest queue until the end of the load
	ivAreas   areas // integrals at the start of the current interval
	// batchAreas are the integrals at the start of the current batch,
	// batchUtil the utilisation of each batch so far (batch.go).
	batchAreas areas
	batchUtil  []float64

	subs []*subscription // queues this service consumes
}

// endpoint is one compiled lang.Endpoint (or the implicit one of a service
// without endpoints).
type endpoint struct {
	svc     *service
	name    string
	weight  float64
	work    dist.Sampler
	hasWork bool
	nodes   []flowNode // nodes[0] is the root; empty: local work only
	m       *metric    // own metrics when the service has several endpoints
	decl    hcl.Range
}

// node kinds.
const (
	nodeSequence uint8 = iota
	nodeParallel
	nodeCall
	nodePublish
)

// flowNode is one step of an endpoint's flow, flattened.
type flowNode struct {
	kind     uint8
	parent   int32 // -1 for the root
	children []uint16
	prob     float64 // call, publish: probability the step happens
	// call
	link     *link
	linkIdx  int // index in the caller's outLinks (its per-replica state)
	callee   *endpoint
	fallback bool
	// publish
	topic *topic
	decl  hcl.Range
}

// link is the compiled policy of one caller→callee edge.
type link struct {
	idx        int // in the caller's outLinks
	from, to   *service
	spec       *lang.Link
	timeout    int64
	latency    dist.Sampler
	hasLatency bool
	lane       int // a constant latency's lane, or -1
	// Constant delays go through pipes instead of the heap: the attempt
	// timeouts, and both hops when the latency is constant (hop > 0).
	timeouts       *pipe
	hop            int64
	sends, answers *pipe
	retry          *lang.Retry
	maxRetries     int
	backoff        policy.Backoff
	rng            *rand.Rand // latency, jitter, balancing
	m              linkMetric
}

// linkState is the policy state of one link at one caller replica: each
// replica has its own breaker, budget, bulkhead and balancer, as each
// process has its own Hystrix/resilience4j/Envoy instance.
type linkState struct {
	breaker  *policy.Breaker
	budget   *policy.Budget
	bulkhead *policy.Bulkhead
	lb       policy.Balancer
	waiting  ring[waiter] // calls waiting for a bulkhead slot
}

// waiter is a call waiting for a bulkhead slot.
type waiter struct {
	j    *job
	gen  uint32
	node uint16
}

// replica states.
const (
	repUp     uint8 = iota
	repFrozen       // hung, or on a node that is down: accepts, never answers
	repDown         // crashed or gone: calls are refused
)

// replica is one container of a service.
type replica struct {
	svc   *service
	idx   int
	id    uint32 // index in sim.replicas
	node  int    // 0-based node it runs on
	state uint8
	inRot bool   // in rotation: balancers may pick it
	inc   uint32 // incarnation: changes on every restart

	busy    int
	queue   ring[*job]
	cpuBusy int
	cpuQ    ring[*job]
	// running is the local work in progress of a shared-speed service,
	// and shareEpoch the epoch of its latest change of speed.
	running    []shareRun
	shareEpoch uint32
	active     int // requests at the replica (for least_request / p2c)
	jobs       *job
	parked     []event // events held while frozen

	slowUntil int64
	slowDelay dist.Sampler

	errorUntil int64   // an error fault is in force until then
	errorProb  float64 // the share of requests it fails

	links []linkState

	started     int64
	probeBase   int64 // passive probing: probes are due at probeBase + k·interval
	probeActive bool  // a probe chain is scheduled
	healthFails int
	unhealthy   bool
	lostNode    bool    // frozen because its node is down
	starting    bool    // down, serving after capacity.startup (actStarted)
	pending     bool    // swarm: a lost task no node could take, placed when a node comes back
	restarts    []int64 // when the restarts counted against max_attempts were scheduled

	consumers []*consumer
	consBusy  int // consumers running a message
}
