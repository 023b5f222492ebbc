package emulator

import (
	"context"
	"math/rand/v2"
	"sync"

	"github.com/berth-dev/berth/lang"
)

// failure is why a flow failed: a call without fallback (or a publish)
// that did not succeed.
type failure struct {
	timeout bool // the last attempt timed out (→ 504)
	msg     string
}

// flowRun runs one request's flow. Results land in slots fixed by the
// flow's shape, so the response lists them in declaration order even when
// parallel branches finish in another.
type flowRun struct {
	s         *Server
	ep        *endpointRT
	calls     []*CallResult
	published []*PublishResult
}

func newFlowRun(s *Server, ep *endpointRT) *flowRun {
	return &flowRun{
		s: s, ep: ep,
		calls:     make([]*CallResult, ep.nCalls),
		published: make([]*PublishResult, ep.nPublish),
	}
}

// step runs s and everything below it.
func (f *flowRun) step(ctx context.Context, r *rand.Rand, s *lang.Step) *failure {
	if s == nil {
		return nil
	}
	switch s.Kind {
	case lang.StepCall:
		return f.call(ctx, r, s)
	case lang.StepPublish:
		return f.publish(r, s)
	case lang.StepParallel:
		return f.parallel(ctx, r, s.Children)
	default: // sequence, and the endpoint body
		for _, c := range s.Children {
			if fl := f.step(ctx, r, c); fl != nil {
				return fl
			}
		}
	}
	return nil
}

// parallel runs children at once and waits for all of them. It fails with
// the first failure in declaration order.
func (f *flowRun) parallel(ctx context.Context, r *rand.Rand, children []*lang.Step) *failure {
	fails := make([]*failure, len(children))
	var wg sync.WaitGroup
	for i, c := range children {
		br := rand.New(rand.NewPCG(r.Uint64(), r.Uint64()))
		wg.Go(func() { fails[i] = f.step(ctx, br, c) })
	}
	wg.Wait()
	for _, fl := range fails {
		if fl != nil {
			return fl
		}
	}
	return nil
}

func (f *flowRun) call(ctx context.Context, r *rand.Rand, s *lang.Step) *failure {
	c := s.Call
	if !happens(r, c.Probability) {
		return nil
	}
	res := f.s.links[c.Service].call(ctx, r, c)
	f.calls[f.ep.index[s]] = &res
	if res.Class == "" || res.Fallback != "" {
		return nil
	}
	return &failure{timeout: res.Class == lang.RetryOnTimeout, msg: "call " + c.Service + ": " + res.Error}
}

func (f *flowRun) publish(r *rand.Rand, s *lang.Step) *failure {
	p := s.Publish
	if !happens(r, p.Probability) {
		return nil
	}
	ok := f.s.outboxes[p.Queue].publish()
	f.published[f.ep.index[s]] = &PublishResult{Queue: p.Queue, Accepted: ok}
	if !ok {
		return &failure{msg: "publish " + p.Queue + ": the outbox is full"}
	}
	return nil
}

// happens draws whether a step with probability p runs (the loader sets
// 1 unless the spec says otherwise; 0 never runs).
func happens(r *rand.Rand, p float64) bool {
	return p >= 1 || r.Float64() < p
}

// response assembles the body from the steps that ran.
func (f *flowRun) response(resp *Response) {
	for _, c := range f.calls {
		if c != nil {
			resp.Calls = append(resp.Calls, *c)
			resp.Degraded = resp.Degraded || c.Degraded
		}
	}
	for _, p := range f.published {
		if p != nil {
			resp.Published = append(resp.Published, *p)
		}
	}
}
