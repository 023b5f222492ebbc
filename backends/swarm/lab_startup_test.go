package swarm

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/lang"
)

// labStartup measures how long the lab takes to start a task's container:
// from the task's creation to its container's start, over the project's
// running tasks (those of the apply just made), as min/median/max seconds.
// It is the lab's capacity.startup, which the spec cannot know.
func labStartup(ctx context.Context, t *testing.T, lab *swarmtest.Lab, project string) []float64 {
	t.Helper()
	var out []float64
	for _, tk := range projectTasks(ctx, t, lab, project) {
		if tk.DesiredState != swarm.TaskStateRunning || tk.Status.ContainerStatus == nil {
			continue
		}
		n := lab.NodeByID(tk.NodeID)
		if n == nil {
			continue
		}
		c, err := n.Client.ContainerInspect(ctx, tk.Status.ContainerStatus.ContainerID)
		if err != nil {
			continue
		}
		st, err := time.Parse(time.RFC3339Nano, c.State.StartedAt)
		if err != nil || st.Before(tk.CreatedAt) {
			continue
		}
		out = append(out, st.Sub(tk.CreatedAt).Seconds())
	}
	if len(out) == 0 {
		t.Fatalf("no running task of %s to measure the start-up on", project)
	}
	sort.Float64s(out)
	return out
}

// withStartup returns a copy of spec in which every service takes
// seconds to start (capacity.startup = const).
func withStartup(spec *lang.Spec, seconds float64) *lang.Spec {
	c := spec.Clone()
	for _, s := range c.Services {
		s.Capacity.Startup = lang.Dist{Kind: lang.DistConst, Params: []float64{seconds}, Source: fmt.Sprintf("%.3fs", seconds)}
	}
	return c
}
