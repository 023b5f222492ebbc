package backends

import (
	"context"
	"sync"
	"time"

	"github.com/berth-dev/berth/planner"
)

// StepFunc carries out one step. It gets a context that is not cancelled
// by an interrupt, so a step in flight always finishes.
type StepFunc func(ctx context.Context, s *planner.Step) error

// Execute walks the plan's DAG: a step starts once every step it waits for
// is done, up to parallelism at once. It decides nothing: it runs the steps
// the plan lists, in the plan's order where the DAG allows a choice.
//
// After the first failure, or once ctx is cancelled (SIGINT), it starts no
// new step, waits for the ones in flight and returns. The Result says
// exactly which steps were done, which failed and which never started.
func Execute(ctx context.Context, p *planner.Plan, parallelism int, prog *Progress, run StepFunc) *Result {
	start := time.Now()
	if parallelism <= 0 {
		parallelism = DefaultParallelism
	}
	w := &walker{
		p: p, run: run, prog: prog, parallelism: parallelism,
		state: make([]stepState, len(p.Steps)+1), waiting: map[int][]int{},
		doneCh: make(chan finished), inflightCtx: context.WithoutCancel(ctx),
	}
	for _, s := range p.Steps {
		for _, a := range s.After {
			w.waiting[a] = append(w.waiting[a], s.ID)
		}
	}
	res := w.walk(ctx)
	res.Elapsed = time.Since(start)
	return res
}

type stepState int

const (
	pending stepState = iota
	running
	done
	failed
)

type finished struct {
	id  int
	err error
}

type walker struct {
	p           *planner.Plan
	run         StepFunc
	prog        *Progress
	parallelism int
	state       []stepState
	waiting     map[int][]int // step id → steps waiting for it
	doneCh      chan finished
	inflightCtx context.Context
	wg          sync.WaitGroup
}

func (w *walker) ready(s *planner.Step) bool {
	if w.state[s.ID] != pending {
		return false
	}
	for _, a := range s.After {
		if w.state[a] != done {
			return false
		}
	}
	return true
}

func (w *walker) walk(ctx context.Context) *Result {
	res := &Result{}
	inflight := 0
	stop := false
	queue := []*planner.Step{}
	for _, s := range w.p.Steps {
		if w.ready(s) {
			queue = append(queue, s)
		}
	}
	for {
		if ctx.Err() != nil && !stop {
			stop, res.Interrupted = true, true
		}
		for !stop && len(queue) > 0 && inflight < w.parallelism {
			s := queue[0]
			queue = queue[1:]
			w.state[s.ID] = running
			inflight++
			w.wg.Add(1)
			go w.start(s)
		}
		if inflight == 0 {
			break
		}
		var f finished
		select {
		case f = <-w.doneCh:
		case <-ctx.Done():
			if !stop {
				stop, res.Interrupted = true, true
			}
			f = <-w.doneCh
		}
		inflight--
		s := w.p.Steps[f.id-1]
		if f.err != nil {
			w.state[f.id] = failed
			res.Failed = append(res.Failed, &StepError{Step: s, Err: f.err})
			stop = true
			continue
		}
		w.state[f.id] = done
		res.Done = append(res.Done, s)
		for _, n := range w.waiting[f.id] {
			if ns := w.p.Steps[n-1]; w.ready(ns) {
				queue = append(queue, ns)
			}
		}
	}
	w.wg.Wait()
	for _, s := range w.p.Steps {
		if w.state[s.ID] == pending {
			res.NotStarted = append(res.NotStarted, s)
		}
	}
	return res
}

func (w *walker) start(s *planner.Step) {
	defer w.wg.Done()
	w.prog.Step(s, PhaseStarted, nil)
	t0 := time.Now()
	err := w.run(w.inflightCtx, s)
	if err != nil {
		w.prog.Step(s, PhaseFailed, err)
	} else {
		w.prog.StepDone(s, time.Since(t0))
	}
	w.doneCh <- finished{s.ID, err}
}
