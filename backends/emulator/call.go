package emulator

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/policy"
)

// linkRT is one outgoing link at run time: the simulator's own policy
// state machines (simulate/policy), driven by the real clock and guarded by
// one mutex, since the handlers of concurrent requests share them.
type linkRT struct {
	cfg        *Link
	caller     string
	res        *resolver
	logs       *logger
	epoch      time.Time
	backoff    policy.Backoff
	maxRetries int
	n          linkCounters

	mu       sync.Mutex
	breaker  *policy.Breaker
	budget   *policy.Budget
	bulkhead *policy.Bulkhead
	freed    chan struct{} // closed and replaced when a bulkhead slot frees
	balancer policy.Balancer
	inflight map[string]int // attempts in flight by replica address
}

func newLinkRT(cfg *Link, caller string, res *resolver, logs *logger) (*linkRT, error) {
	lb, err := policy.NewBalancer(cfg.LoadBalancing)
	if err != nil {
		return nil, err
	}
	return &linkRT{
		cfg: cfg, caller: caller, res: res, logs: logs, epoch: time.Now(),
		backoff:    policy.NewBackoff(cfg.Retry),
		maxRetries: policy.MaxRetries(cfg.Retry),
		breaker:    policy.NewBreaker(cfg.CircuitBreaker),
		budget:     policy.NewBudget(cfg.Retry),
		bulkhead:   policy.NewBulkhead(cfg.Bulkhead),
		freed:      make(chan struct{}),
		balancer:   lb,
		inflight:   map[string]int{},
	}, nil
}

// now is the policies' clock: nanoseconds since the link was made, from
// the monotonic clock.
func (l *linkRT) now() int64 { return int64(time.Since(l.epoch)) }

// call makes one call with its retries; a failure with a fallback comes
// back degraded.
func (l *linkRT) call(ctx context.Context, r *rand.Rand, c *lang.Call) CallResult {
	res := CallResult{Service: c.Service, Endpoint: c.Endpoint}
	path := l.cfg.Paths[c.Endpoint]
	l.n.calls.Add(1)
	rs := l.backoff.Start()
	for retrying := false; ; retrying = true {
		o := l.attempt(ctx, r, path)
		res.Attempts++
		if retrying {
			l.locked(l.budget.RetryEnd)
		}
		res.Status, res.Body, res.Degraded, res.Class, res.Error = o.status, o.body, o.degraded, o.class, o.err
		if o.class == "" {
			return res
		}
		again, why := l.retry(ctx, r, &rs, o.class, res.Attempts)
		if !again {
			if why != "" {
				res.Error += " (" + why + ")"
			}
			break
		}
	}
	l.n.failures.Add(1)
	if c.Fallback != "" {
		res.Fallback, res.Degraded = c.Fallback, true
		l.n.fallbacks.Add(1)
	}
	l.logs.errorf("%s → %s: %s after %d attempt(s)", l.caller, c.Service, res.Error, res.Attempts)
	return res
}

// retry decides whether a failure of class after attempts tries is retried
// and, if so, waits the backoff. The reason is set when the retry budget
// refused it.
func (l *linkRT) retry(ctx context.Context, r *rand.Rand, rs *policy.RetryState, class string, attempts int) (bool, string) {
	if attempts > l.maxRetries || class == class4xx || !policy.Retryable(l.cfg.Retry, class) {
		return false, ""
	}
	l.mu.Lock()
	ok := l.budget.TryRetry()
	l.mu.Unlock()
	if !ok {
		return false, "retry budget spent"
	}
	l.n.retries.Add(1)
	if sleep(ctx, time.Duration(rs.Next(r))) != nil {
		l.locked(l.budget.RetryEnd)
		return false, ""
	}
	return true, ""
}

// attempt sends one attempt through the bulkhead, the breaker and the
// load balancer. The bulkhead is taken first, so a call it refuses never
// holds a half-open breaker's trial slot. A full bulkhead refuses the
// call, class refused as in the simulator: the caller's own limit, no
// answer of the callee (rejected is the callee's full queue, a 503).
func (l *linkRT) attempt(ctx context.Context, r *rand.Rand, path string) outcome {
	if !l.acquireBulkhead(ctx) {
		l.n.bulkheadFull.Add(1)
		return outcome{class: lang.RetryOnRefused, err: "bulkhead full"}
	}
	defer l.releaseBulkhead()
	l.mu.Lock()
	ticket, ok := l.breaker.Allow(l.now())
	l.mu.Unlock()
	if !ok {
		l.n.shortCircuited.Add(1)
		return outcome{class: lang.RetryOnRefused, err: "circuit breaker open"}
	}
	addr, o := l.pick(ctx, r)
	start := time.Now()
	if addr != "" {
		l.n.attempts.Add(1)
		o = send(ctx, addr, path, l.caller, l.cfg.Timeout)
	}
	took := int64(time.Since(start))
	l.mu.Lock()
	if addr != "" {
		l.budget.AttemptEnd()
		if l.inflight[addr]--; l.inflight[addr] <= 0 {
			delete(l.inflight, addr)
		}
	}
	if ctx.Err() != nil {
		l.breaker.Release(ticket) // stopped, not an outcome
	} else {
		l.breaker.Record(l.now(), ticket, o.class == "", took)
	}
	l.mu.Unlock()
	if o.class == lang.RetryOnTimeout {
		l.n.timeouts.Add(1)
	}
	return o
}

// pick resolves the callee and lets the balancer choose a replica, counted
// in flight. With no replica it returns "" and a refused outcome.
func (l *linkRT) pick(ctx context.Context, r *rand.Rand) (string, outcome) {
	addrs, err := l.res.addrs(ctx, l.cfg.To, l.cfg.Port)
	if err != nil || len(addrs) == 0 {
		msg := "no replica"
		if err != nil {
			msg = err.Error()
		}
		return "", outcome{class: lang.RetryOnRefused, err: msg}
	}
	cands := make([]int, len(addrs))
	for i := range cands {
		cands[i] = i
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	addr := addrs[l.balancer.Pick(cands, func(i int) int { return l.inflight[addrs[i]] }, r)]
	l.inflight[addr]++
	l.budget.AttemptStart()
	return addr, outcome{}
}

// acquireBulkhead takes a bulkhead slot, waiting up to its max_wait.
func (l *linkRT) acquireBulkhead(ctx context.Context) bool {
	l.mu.Lock()
	if l.bulkhead.TryAcquire() {
		l.mu.Unlock()
		return true
	}
	wait := time.Duration(l.bulkhead.MaxWait())
	l.mu.Unlock()
	if wait <= 0 {
		return false
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		l.mu.Lock()
		if l.bulkhead.TryAcquire() {
			l.mu.Unlock()
			return true
		}
		freed := l.freed
		l.mu.Unlock()
		select {
		case <-freed:
		case <-deadline.C:
			l.locked(l.bulkhead.Reject)
			return false
		case <-ctx.Done():
			return false
		}
	}
}

func (l *linkRT) releaseBulkhead() {
	if l.bulkhead == nil {
		return
	}
	l.mu.Lock()
	l.bulkhead.Release()
	close(l.freed)
	l.freed = make(chan struct{})
	l.mu.Unlock()
}

func (l *linkRT) locked(fn func()) {
	l.mu.Lock()
	fn()
	l.mu.Unlock()
}

func (l *linkRT) stats() LinkStats {
	st := LinkStats{
		Calls: l.n.calls.Load(), Attempts: l.n.attempts.Load(), Retries: l.n.retries.Load(),
		Failures: l.n.failures.Load(), Timeouts: l.n.timeouts.Load(), Fallbacks: l.n.fallbacks.Load(),
		ShortCircuited: l.n.shortCircuited.Load(), BulkheadFull: l.n.bulkheadFull.Load(),
	}
	if l.breaker != nil {
		l.mu.Lock()
		st.Breaker = l.breaker.State(l.now()).String()
		l.mu.Unlock()
	}
	return st
}
