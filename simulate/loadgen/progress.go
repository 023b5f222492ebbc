package loadgen

import (
	"context"
	"time"
)

// Progress is where a running load test is, for a progress line
// (Options.Progress): how long it has run of the planned time, and the
// requests sent (dropped ones included), answered, failed (of the
// answered) and dropped so far, warm-up included.
type Progress struct {
	Elapsed, Planned                time.Duration
	Sent, Answered, Failed, Dropped int64
}

// startProgress starts the progress reports of Options.Progress, if any,
// and returns the function that ends them (they have ended when it
// returns).
func (g *generator) startProgress(ctx context.Context, planned time.Duration) func() {
	if g.opts.Progress == nil || g.opts.ProgressEvery <= 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		g.progress(ctx, g.opts.ProgressEvery, planned, g.opts.Progress)
	}()
	return func() { cancel(); <-done }
}

// progress calls report every interval with the test's progress until
// ctx ends.
func (g *generator) progress(ctx context.Context, every time.Duration, planned time.Duration, report func(Progress)) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			report(g.rec.progress(min(time.Since(g.start), planned), planned))
		}
	}
}

// progress returns the counts so far.
func (r *recorder) progress(elapsed, planned time.Duration) Progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	a := r.all
	return Progress{Elapsed: elapsed, Planned: planned, Sent: a.sent + r.dropped, Answered: a.answered, Failed: a.failed, Dropped: r.dropped}
}
