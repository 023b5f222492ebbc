package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Load-balancing policies of a link.
const (
	LBRoundRobin   = "round_robin" // default
	LBRandom       = "random"
	LBLeastRequest = "least_request"
	LBP2C          = "p2c" // power of two random choices
)

// Link is a `link "caller" "callee" {}` block: the resilience policy of the
// edge. Implicit links are made for calls without a link block; they carry
// the defaults (no timeout, no retries, no breaker) and a warning.
type Link struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Timeout per attempt; 0 = none.
	Timeout time.Duration `json:"timeout,omitempty"`
	// Latency is the network delay of one hop, each way; zero unless
	// declared (then Spec.Defaults.HopLatency applies).
	Latency        Dist            `json:"latency"`
	Retry          *Retry          `json:"retry,omitempty"`
	CircuitBreaker *CircuitBreaker `json:"circuit_breaker,omitempty"`
	Bulkhead       *Bulkhead       `json:"bulkhead,omitempty"`
	LoadBalancing  string          `json:"load_balancing"`
	Implicit       bool            `json:"implicit,omitempty"`
	DeclRange      hcl.Range       `json:"-"`
}

// Key returns the link's edge.
func (l *Link) Key() LinkKey { return LinkKey{l.From, l.To} }

// Backoff kinds.
const (
	BackoffConstant    = "constant"
	BackoffExponential = "exponential"
	BackoffNone        = "none" // retry at once: no wait, whatever base, cap and jitter say
)

// Jitter kinds (AWS architecture blog).
const (
	JitterNone         = "none"
	JitterFull         = "full"
	JitterEqual        = "equal"
	JitterDecorrelated = "decorrelated"
)

// Failure classes a retry may be allowed on.
const (
	RetryOnTimeout  = "timeout"  // the attempt's timeout fired
	RetryOnRefused  = "refused"  // no replica / connection refused / breaker open / bulkhead full
	RetryOnRejected = "rejected" // the callee's queue was full (503)
	RetryOn5xx      = "5xx"      // any error answer of the callee
)

// MaxRetryAttempts bounds a retry's attempts: beyond it a failing call
// would be tried for ever, at once when nothing waits between attempts.
const MaxRetryAttempts = 1000

// Retry is a `retry {}` block.
type Retry struct {
	Attempts int           `json:"attempts"` // total attempts, the first included; default 3
	Backoff  string        `json:"backoff"`  // constant | exponential (default) | none
	Base     time.Duration `json:"base"`     // default 25ms
	Cap      time.Duration `json:"cap"`      // default 10 × base
	Jitter   string        `json:"jitter"`   // none | full (default) | equal | decorrelated
	// Budget caps retries to this fraction of the calls on the link in
	// flight (Envoy: 20 %); 0 = no budget.
	Budget float64 `json:"budget,omitempty"`
	// MinRetryConcurrency is the budget's floor (Envoy: 3).
	MinRetryConcurrency int `json:"min_retry_concurrency,omitempty"`
	// On lists the failure classes that are retried; default all of
	// timeout, refused, rejected and 5xx.
	On        []string  `json:"on"`
	DeclRange hcl.Range `json:"-"`
}

// CircuitBreaker is a `circuit_breaker {}` block (Hystrix/resilience4j).
type CircuitBreaker struct {
	// Window is a time-based rolling window (Hystrix: 10s). When
	// WindowCalls > 0 the window is count-based instead (resilience4j).
	Window      time.Duration `json:"window"`
	WindowCalls int           `json:"window_calls,omitempty"`
	MinCalls    int           `json:"min_calls"`    // default 20
	FailureRate float64       `json:"failure_rate"` // default 0.5
	// SlowCall makes a call slower than this slow (failed or not); 0 =
	// off. SlowCallRate is the share of slow calls in the window that
	// opens the breaker, as FailureRate is of failures (resilience4j's
	// slowCallRateThreshold); 0 = the default 1 (100 %).
	SlowCall      time.Duration `json:"slow_call,omitempty"`
	SlowCallRate  float64       `json:"slow_call_rate,omitempty"`
	OpenFor       time.Duration `json:"open_for"`        // default 5s
	HalfOpenCalls int           `json:"half_open_calls"` // default 1
	DeclRange     hcl.Range     `json:"-"`
}

// Bulkhead is a `bulkhead {}` block: a cap on concurrent calls over the link
// from one caller replica.
type Bulkhead struct {
	MaxConcurrent int           `json:"max_concurrent"` // default 25 (resilience4j)
	MaxWait       time.Duration `json:"max_wait"`       // default 0: reject at once
	DeclRange     hcl.Range     `json:"-"`
}
