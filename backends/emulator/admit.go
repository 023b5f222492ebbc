package emulator

import (
	"container/list"
	"context"
	"errors"
	"sync"
)

// errRejected is returned by admit when the waiting room is full.
var errRejected = errors.New("rejected: all workers busy and the waiting room is full")

// admission is a replica's capacity: workers requests in progress and a
// FIFO waiting room of queue more. A request that finds both full is
// rejected at once. A freed worker is handed to the oldest waiter.
type admission struct {
	mu      sync.Mutex
	workers int
	queue   int
	busy    int
	waiting list.List // of chan struct{}, oldest first
}

func newAdmission(workers, queue int) *admission {
	return &admission{workers: workers, queue: queue}
}

// acquire takes a worker, waiting in line when all are busy. It fails with
// errRejected when the line is full, or with ctx's error when ctx ends
// first.
func (a *admission) acquire(ctx context.Context) error {
	a.mu.Lock()
	if a.busy < a.workers {
		a.busy++
		a.mu.Unlock()
		return nil
	}
	if a.waiting.Len() >= a.queue {
		a.mu.Unlock()
		return errRejected
	}
	ch := make(chan struct{})
	el := a.waiting.PushBack(ch)
	a.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		a.mu.Lock()
		defer a.mu.Unlock()
		select {
		case <-ch: // handed a worker while giving up: pass it on
			a.releaseLocked()
		default:
			a.waiting.Remove(el)
		}
		return ctx.Err()
	}
}

// release frees a worker, handing it to the oldest waiter if any.
func (a *admission) release() {
	a.mu.Lock()
	a.releaseLocked()
	a.mu.Unlock()
}

func (a *admission) releaseLocked() {
	if el := a.waiting.Front(); el != nil {
		a.waiting.Remove(el)
		close(el.Value.(chan struct{}))
		return
	}
	a.busy--
}

// load returns the busy workers and the waiting requests.
func (a *admission) load() (busy, waiting int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.busy, a.waiting.Len()
}
