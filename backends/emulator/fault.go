package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/dist"
)

// pathFault is where faults are injected, for load tests of a real
// deployment that play a scenario's faults.
const pathFault = "/_berth/fault"

// Fault kinds an emulator can play (a scenario's hang and slow; kill,
// node_down and partition are Docker's to play: kill, stop a node, network
// disconnect).
const (
	FaultHang  = "hang"  // requests (and /healthz) get no answer until it ends
	FaultSlow  = "slow"  // every request does Delay more local work
	FaultError = "error" // requests answer 500 at once (a Probability share of them)
	FaultClear = "clear" // ends the current fault
)

// Fault is the JSON body of POST /_berth/fault. GET returns the current
// one.
type Fault struct {
	Kind string `json:"kind"`
	// Delay is a distribution (lang syntax: "const(200ms)", "exp(50ms)")
	// of the extra local work of a slow fault.
	Delay string `json:"delay,omitempty"`
	// Probability is the share of requests an error fault fails, each
	// independently, as a scenario's fault "error" does; absent or 0: all.
	Probability float64 `json:"probability,omitempty"`
	// Duration bounds the fault ("30s"); empty or 0 lasts until cleared.
	Duration string `json:"duration,omitempty"`
	// Until is when the fault ends (set by the emulator).
	Until time.Time `json:"until,omitzero"`
}

// faultState is the fault in force, if any.
type faultState struct {
	mu    sync.Mutex
	cur   Fault
	delay dist.Sampler
	end   chan struct{} // closed when the current fault ends
	timer *time.Timer
}

// get returns the fault in force ("" kind when none), the sampler of a
// slow one, and a channel closed when it ends.
func (f *faultState) get() (string, dist.Sampler, <-chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cur.Kind, f.delay, f.end
}

func (f *faultState) set(in Fault) (Fault, error) {
	var smp dist.Sampler
	var d time.Duration
	var err error
	switch in.Kind {
	case FaultHang, FaultClear:
	case FaultError:
		if in.Probability < 0 || in.Probability > 1 {
			return Fault{}, fmt.Errorf("probability %g: want a share above 0 and at most 1 (absent: 1)", in.Probability)
		}
	case FaultSlow:
		ld, perr := lang.ParseDist(in.Delay)
		if perr != nil {
			return Fault{}, fmt.Errorf("delay: %w", perr)
		}
		if smp, err = dist.New(ld); err != nil {
			return Fault{}, fmt.Errorf("delay: %w", err)
		}
	default:
		return Fault{}, fmt.Errorf("unknown fault kind %q: want hang, slow, error or clear", in.Kind)
	}
	if in.Duration != "" {
		if d, err = lang.ParseDuration(in.Duration); err != nil {
			return Fault{}, fmt.Errorf("duration: %w", err)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.endLocked()
	if in.Kind == FaultClear {
		return Fault{}, nil
	}
	f.cur, f.delay, f.end = in, smp, make(chan struct{})
	if d > 0 {
		f.cur.Until = time.Now().Add(d)
		end := f.end
		f.timer = time.AfterFunc(d, func() {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.end == end {
				f.endLocked()
			}
		})
	}
	return f.cur, nil
}

func (f *faultState) endLocked() {
	if f.timer != nil {
		f.timer.Stop()
		f.timer = nil
	}
	if f.end != nil {
		close(f.end)
	}
	f.cur, f.delay, f.end = Fault{}, nil, nil
}

func (s *Server) serveFault(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		f := s.fault.current()
		writeJSON(w, http.StatusOK, f, false)
		return
	}
	var in Fault
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&in); err != nil {
		http.Error(w, "fault: "+err.Error(), http.StatusBadRequest)
		return
	}
	out, err := s.fault.set(in)
	if err != nil {
		http.Error(w, "fault: "+err.Error(), http.StatusBadRequest)
		return
	}
	s.logs.printf("%s: fault %q %s", s.cfg.Service, in.Kind, in.Duration)
	writeJSON(w, http.StatusOK, out, false)
}

// fails reports whether the error fault in force fails a request, by a
// draw from r when its probability is below 1.
func (f *faultState) fails(r *rand.Rand) bool {
	f.mu.Lock()
	p := f.cur.Probability
	f.mu.Unlock()
	return p <= 0 || p >= 1 || r.Float64() < p
}

func (f *faultState) current() Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cur
}

// hang waits until the hang fault ends or ctx does.
func hang(ctx context.Context, end <-chan struct{}) error {
	select {
	case <-end:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
