package lang

import "github.com/hashicorp/hcl/v2"

// Endpoint is an `endpoint "name" {}` block inside a service: an operation
// the service offers. A request first does the local work (ServiceTime, or
// the service's capacity.service_time when unset), then runs Flow.
type Endpoint struct {
	Name        string  `json:"name"`
	Weight      float64 `json:"weight"` // share of the load entering this service; default 1
	ServiceTime *Dist   `json:"service_time,omitempty"`
	// Flow is the endpoint body: its calls, parallel, sequence and publish
	// blocks in declaration order, run one after another.
	Flow      *Step     `json:"flow"`
	DeclRange hcl.Range `json:"-"`
}

// StepKind is the kind of a Step.
type StepKind string

// Step kinds.
const (
	StepSequence StepKind = "sequence" // children one after another
	StepParallel StepKind = "parallel" // children at once; done when all are done
	StepCall     StepKind = "call"     // a synchronous call to another service
	StepPublish  StepKind = "publish"  // an asynchronous message to a queue
)

// Step is a node of an endpoint's flow tree.
type Step struct {
	Kind      StepKind  `json:"kind"`
	Children  []*Step   `json:"children,omitempty"` // sequence, parallel
	Call      *Call     `json:"call,omitempty"`     // call
	Publish   *Publish  `json:"publish,omitempty"`  // publish
	DeclRange hcl.Range `json:"-"`
}

// Fallback values of a call.
const (
	FallbackNone    = ""        // a failure of the call fails the request
	FallbackDefault = "default" // a failure degrades to a default value; the request still succeeds
	FallbackCache   = "cache"   // same, described as a stale cached value
	FallbackSkip    = "skip"    // same, the part is left out
)

// Call is a `call "service" {}` block.
type Call struct {
	Service  string `json:"service"`
	Endpoint string `json:"endpoint,omitempty"` // callee endpoint; "" = its first
	// Fallback turns a failure of this call into a degraded success.
	Fallback string `json:"fallback,omitempty"`
	// Probability that the call happens at all (cache hit ratios and the
	// like). The loader sets 1 when the attribute is absent, so 0 is an
	// explicit "never called".
	Probability float64   `json:"probability"`
	DeclRange   hcl.Range `json:"-"`
}

// Publish is a `publish "queue" {}` step.
type Publish struct {
	Queue       string    `json:"queue"`
	Probability float64   `json:"probability"` // set to 1 when absent; 0: never published
	DeclRange   hcl.Range `json:"-"`
}

// Consume is a `consume "queue" {}` block inside a service: the service's
// replicas drain the queue.
type Consume struct {
	Queue string `json:"queue"`
	// Concurrency is the number of consumers per replica; default 1.
	Concurrency int `json:"concurrency"`
	// Endpoint handles each message; "" = the service's first endpoint.
	Endpoint  string    `json:"endpoint,omitempty"`
	DeclRange hcl.Range `json:"-"`
}

// Walk calls fn for s and every step below it, depth first.
func (s *Step) Walk(fn func(*Step)) {
	if s == nil {
		return
	}
	fn(s)
	for _, c := range s.Children {
		c.Walk(fn)
	}
}
