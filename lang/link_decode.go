package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

var linkBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "timeout"}, {Name: "latency"}, {Name: "load_balancing"}},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "retry"}, {Type: "circuit_breaker"}, {Type: "bulkhead"},
	},
}

// decodeLinkBlock decodes a `link "caller" "callee" {}` block.
func (st *loadState) decodeLinkBlock(b *hcl.Block) *Link {
	n := len(st.diags)
	c := st.content(b.Body, linkBlockSchema)
	hintLinkArguments(st.diags[n:], b.Body)
	a := st.attrsOf(c, st.ctx)
	l := &Link{From: b.Labels[0], To: b.Labels[1], LoadBalancing: LBRoundRobin, DeclRange: b.DefRange}
	a.duration("timeout", &l.Timeout)
	a.dist("latency", &l.Latency)
	a.enum("load_balancing", "load-balancing policy", &l.LoadBalancing, LBRoundRobin, LBRandom, LBLeastRequest, LBP2C)
	if a.has("timeout") {
		st.side.linkTimeouts = append(st.side.linkTimeouts, linkRange{l.Key(), a.rng("timeout")})
	}
	for _, nb := range c.Blocks {
		switch nb.Type {
		case "retry":
			l.Retry = st.decodeRetryBlock(nb)
		case "circuit_breaker":
			l.CircuitBreaker = st.decodeBreakerBlock(nb)
		case "bulkhead":
			l.Bulkhead = st.decodeBulkheadBlock(nb)
		}
	}
	if _, fleet := st.fleet(l.From); !fleet { // a fleet stands for its instances (addLinks)
		st.ref("service", l.From, b.LabelRanges[0], "the link's caller")
	}
	if _, fleet := st.fleet(l.To); !fleet {
		st.ref("service", l.To, b.LabelRanges[1], "the link's callee")
	}
	if l.From == l.To {
		st.add(errorAt(b.DefRange, "Link to itself",
			"A link goes from one service to another; %q cannot call itself. Remove the link.", l.From))
	}
	return l
}

// implicitLink is the link of a call with no link block: the defaults,
// with no timeout, retry or breaker.
func implicitLink(from, to string, rng hcl.Range) *Link {
	return &Link{From: from, To: to, LoadBalancing: LBRoundRobin, Implicit: true, DeclRange: rng}
}

var retryBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "attempts"}, {Name: "backoff"}, {Name: "base"}, {Name: "cap"}, {Name: "jitter"},
		{Name: "budget"}, {Name: "min_retry_concurrency"}, {Name: "on"},
	},
}

// allRetryOn is the default set of failure classes that are retried.
var allRetryOn = []string{RetryOnTimeout, RetryOnRefused, RetryOnRejected, RetryOn5xx}

func (st *loadState) decodeRetryBlock(b *hcl.Block) *Retry {
	c := st.content(b.Body, retryBlockSchema)
	a := st.attrsOf(c, st.ctx)
	r := &Retry{Attempts: 3, Backoff: BackoffExponential, Base: 25 * time.Millisecond,
		Jitter: JitterFull, MinRetryConcurrency: 3, DeclRange: b.DefRange}
	a.integer("attempts", &r.Attempts)
	a.enum("backoff", "backoff", &r.Backoff, BackoffExponential, BackoffConstant, BackoffNone)
	a.duration("base", &r.Base)
	r.Cap = 10 * r.Base
	a.duration("cap", &r.Cap)
	a.enum("jitter", "jitter", &r.Jitter, JitterFull, JitterEqual, JitterDecorrelated, JitterNone)
	a.number("budget", &r.Budget)
	a.integer("min_retry_concurrency", &r.MinRetryConcurrency)
	a.strings("on", &r.On)
	r.On = st.checkRetryOn(a, r.On)
	a.need(r.Attempts >= 1, "attempts", b.DefRange, "attempts must be at least 1, not %d: it counts every attempt, the first included.", r.Attempts)
	a.need(r.Attempts <= MaxRetryAttempts, "attempts", b.DefRange,
		"attempts = %d is more than the %d berth takes: each failed call would be tried that often, at once when nothing waits between attempts, and never end. Real clients make a few (resilience4j 3, Envoy 2); a retry storm needs no more.", r.Attempts, MaxRetryAttempts)
	a.need(r.Cap >= r.Base, "cap", b.DefRange, "cap (%s) must not be below base (%s).", r.Cap, r.Base)
	a.need(r.Budget >= 0 && r.Budget <= 1, "budget", b.DefRange, "budget must be between 0 (none) and 1, not %g.", r.Budget)
	a.need(r.MinRetryConcurrency >= 0, "min_retry_concurrency", b.DefRange, "min_retry_concurrency must be 0 or more, not %d.", r.MinRetryConcurrency)
	return r
}

// checkRetryOn reports unknown failure classes and returns the list, or
// every class when none is given.
func (st *loadState) checkRetryOn(a attrs, on []string) []string {
	if !a.has("on") {
		return append([]string(nil), allRetryOn...)
	}
	for _, o := range on {
		known := false
		for _, k := range allRetryOn {
			known = known || o == k
		}
		if !known {
			st.add(unknownEnum(a.rng("on"), "retry class", o, allRetryOn))
		}
	}
	return on
}

var breakerBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "window"}, {Name: "window_calls"}, {Name: "min_calls"}, {Name: "failure_rate"},
		{Name: "slow_call"}, {Name: "slow_call_rate"}, {Name: "open_for"}, {Name: "half_open_calls"},
	},
}

func (st *loadState) decodeBreakerBlock(b *hcl.Block) *CircuitBreaker {
	c := st.content(b.Body, breakerBlockSchema)
	a := st.attrsOf(c, st.ctx)
	cb := &CircuitBreaker{Window: 10 * time.Second, MinCalls: 20, FailureRate: 0.5,
		OpenFor: 5 * time.Second, HalfOpenCalls: 1, DeclRange: b.DefRange}
	a.duration("window", &cb.Window)
	a.integer("window_calls", &cb.WindowCalls)
	a.integer("min_calls", &cb.MinCalls)
	a.number("failure_rate", &cb.FailureRate)
	a.duration("slow_call", &cb.SlowCall)
	a.number("slow_call_rate", &cb.SlowCallRate)
	a.duration("open_for", &cb.OpenFor)
	a.integer("half_open_calls", &cb.HalfOpenCalls)
	a.need(cb.Window > 0, "window", b.DefRange, "window must be more than zero.")
	a.need(cb.WindowCalls >= 0, "window_calls", b.DefRange, "window_calls must be 0 (a time window) or more, not %d.", cb.WindowCalls)
	a.need(cb.MinCalls >= 1, "min_calls", b.DefRange, "min_calls must be at least 1, not %d.", cb.MinCalls)
	a.need(cb.FailureRate > 0 && cb.FailureRate <= 1, "failure_rate", b.DefRange, "failure_rate must be above 0 and at most 1, not %g.", cb.FailureRate)
	a.need(!a.has("slow_call_rate") || cb.SlowCallRate > 0 && cb.SlowCallRate <= 1, "slow_call_rate", b.DefRange,
		"slow_call_rate must be above 0 and at most 1, not %g: the share of slow calls in the window that opens the breaker (default 1).", cb.SlowCallRate)
	a.need(cb.OpenFor > 0, "open_for", b.DefRange, "open_for must be more than zero.")
	a.need(cb.HalfOpenCalls >= 1, "half_open_calls", b.DefRange, "half_open_calls must be at least 1, not %d.", cb.HalfOpenCalls)
	if a.has("slow_call_rate") && cb.SlowCall <= 0 {
		st.add(warningAt(a.rng("slow_call_rate"), "Slow-call rate without effect",
			"slow_call_rate counts the calls slower than slow_call, but slow_call is not set, so no call is slow. Set slow_call (a duration), or remove slow_call_rate."))
	}
	if cb.WindowCalls > 0 && a.has("window") {
		st.add(warningAt(a.rng("window"), "Window without effect",
			"With window_calls = %d the breaker counts failures over the last %d calls (resilience4j's count-based window), so this time window is ignored. Remove one of them.",
			cb.WindowCalls, cb.WindowCalls))
	}
	return cb
}

var bulkheadBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "max_concurrent"}, {Name: "max_wait"}},
}

func (st *loadState) decodeBulkheadBlock(b *hcl.Block) *Bulkhead {
	c := st.content(b.Body, bulkheadBlockSchema)
	a := st.attrsOf(c, st.ctx)
	bh := &Bulkhead{MaxConcurrent: 25, DeclRange: b.DefRange}
	a.integer("max_concurrent", &bh.MaxConcurrent)
	a.duration("max_wait", &bh.MaxWait)
	a.need(bh.MaxConcurrent >= 1, "max_concurrent", b.DefRange, "max_concurrent must be at least 1, not %d.", bh.MaxConcurrent)
	return bh
}
