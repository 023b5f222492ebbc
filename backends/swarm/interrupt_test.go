package swarm

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// An interrupt (Ctrl-C) ends the waits of the steps in flight at once:
// the steps' own context ignores it so a call in flight finishes, and the
// waits used that context, so an apply interrupted while a service could
// not converge went on waiting until --wait (3 minutes by default).
func TestInterruptEndsTheWaits(t *testing.T) {
	f := &fakeEngine{
		services: []swarm.Service{{ID: "svc1", Spec: swarm.ServiceSpec{Annotations: swarm.Annotations{Name: "p_web"}}}},
		tasks: []swarm.Task{{ServiceID: "svc1", Slot: 1, DesiredState: swarm.TaskStateRunning,
			Status: swarm.TaskStatus{State: swarm.TaskStatePending, Timestamp: time.Now()}}},
	}
	cli := f.client(t)
	c := &planner.Change{Address: planner.Address{Type: TypeService, Name: "web"}, Before: &planner.ObservedResource{ID: "svc1"}}
	waits := map[string]func(x *executor) error{
		"convergence": func(x *executor) error {
			return x.converge(context.Background(), c, &goal{id: "svc1", name: "p_web", replicas: 1, start: time.Now()})
		},
		"removal": func(x *executor) error { return x.deleteService(context.Background(), c) },
	}
	for name, wait := range waits {
		t.Run(name, func(t *testing.T) {
			interrupt, stop := context.WithCancel(context.Background())
			var out bytes.Buffer
			x := &executor{
				cli: cli, project: "p", interrupt: interrupt, calls: make(chan struct{}, 1),
				opts:  backends.ApplyOptions{Wait: time.Minute, Progress: backends.NewProgress(&out, false)},
				watch: newWatcher(cli, 20*time.Millisecond, "p"),
			}
			defer x.watch.close()
			time.AfterFunc(300*time.Millisecond, stop)
			done := make(chan error, 1)
			t0 := time.Now()
			go func() { done <- wait(x) }()
			select {
			case err := <-done:
				if name == "convergence" && (err == nil || !strings.Contains(err.Error(), "interrupted while waiting")) {
					t.Errorf("err = %v, want one saying the wait was interrupted", err)
				}
				if d := time.Since(t0); d > 5*time.Second {
					t.Errorf("the wait ended %s after the interrupt", d)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("the %s wait went on 10s after the interrupt:\n%s", name, out.String())
			}
		})
	}
}
