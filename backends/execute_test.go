package backends

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berth-dev/berth/planner"
)

// chainPlan is a plan whose steps a, b, c, d run one after another, and x
// is independent.
func chainPlan(t *testing.T) *planner.Plan {
	t.Helper()
	mk := func(name string, deps ...string) *planner.Resource {
		r := &planner.Resource{Address: planner.Address{Type: "thing", Name: name}, Attrs: planner.Attrs{}}
		for _, d := range deps {
			r.Deps = append(r.Deps, planner.Dep{To: planner.Address{Type: "thing", Name: d}, Kind: planner.DepStartAfter})
		}
		return r
	}
	p, err := planner.Reconcile("test", func(string) planner.Schema { return planner.Schema{} },
		[]*planner.Resource{mk("a"), mk("b", "a"), mk("c", "b"), mk("d", "c"), mk("x")}, &planner.Observed{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func names(steps []*planner.Step) string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Address().Name)
	}
	return strings.Join(out, " ")
}

func TestExecuteRunsInDependencyOrder(t *testing.T) {
	p := chainPlan(t)
	var mu sync.Mutex
	var order []string
	res := Execute(context.Background(), p, 4, nil, func(_ context.Context, s *planner.Step) error {
		mu.Lock()
		order = append(order, s.Address().Name)
		mu.Unlock()
		return nil
	})
	if !res.OK() || len(res.Done) != 5 {
		t.Fatalf("result %+v", res)
	}
	pos := map[string]int{}
	for i, n := range order {
		pos[n] = i
	}
	if !(pos["a"] < pos["b"] && pos["b"] < pos["c"] && pos["c"] < pos["d"]) {
		t.Errorf("order %v breaks a → b → c → d", order)
	}
}

func TestExecuteStopsAfterAFailure(t *testing.T) {
	p := chainPlan(t)
	res := Execute(context.Background(), p, 1, nil, func(_ context.Context, s *planner.Step) error {
		if s.Address().Name == "b" {
			return errors.New("boom")
		}
		return nil
	})
	if len(res.Failed) != 1 || res.Failed[0].Step.Address().Name != "b" || !strings.Contains(res.Failed[0].Error(), "boom") {
		t.Fatalf("failed = %v", res.Failed)
	}
	if got := names(res.NotStarted); got != "c d" && got != "c d x" {
		t.Errorf("not started = %q", got)
	}
	if res.OK() {
		t.Error("a failed apply is OK")
	}
}

// An interrupt lets the step in flight finish, with a context that is not
// cancelled, and starts no other.
func TestExecuteInterruptFinishesInFlight(t *testing.T) {
	p := chainPlan(t)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var inflightErr error
	res := Execute(ctx, p, 1, nil, func(sctx context.Context, s *planner.Step) error {
		if s.Address().Name == "a" {
			close(started)
			cancel()
			time.Sleep(50 * time.Millisecond)
			inflightErr = sctx.Err()
		}
		return nil
	})
	<-started
	if !res.Interrupted {
		t.Error("not marked interrupted")
	}
	if inflightErr != nil {
		t.Errorf("the step in flight saw its context cancelled: %v", inflightErr)
	}
	if names(res.Done) != "a" || names(res.NotStarted) != "b c d x" {
		t.Errorf("done %q, not started %q", names(res.Done), names(res.NotStarted))
	}
}
