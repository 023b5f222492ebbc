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
// running tasks (those of the apply just made), as sorted seconds. It is
// the lab's capacity.startup, which the spec cannot know.
func labStartup(ctx context.Context, t *testing.T, lab *swarmtest.Lab, project string) []float64 {
	t.Helper()
	var out []float64
	for _, c := range runningContainers(ctx, t, lab, project, time.Time{}) {
		if !c.started.Before(c.task.CreatedAt) {
			out = append(out, c.started.Sub(c.task.CreatedAt).Seconds())
		}
	}
	if len(out) == 0 {
		t.Fatalf("no running task of %s to measure the start-up on", project)
	}
	sort.Float64s(out)
	return out
}

// taskContainer is a task swarm wants running and its container's
// timeline.
type taskContainer struct {
	task             swarm.Task
	created, started time.Time
	healthy          time.Time // the end of the first probe that passed; zero: none
}

// runningContainers returns the project's tasks that swarm wants running,
// created after since, with their containers' timelines (tasks whose
// container cannot be inspected are left out).
func runningContainers(ctx context.Context, t *testing.T, lab *swarmtest.Lab, project string, since time.Time) []taskContainer {
	t.Helper()
	var out []taskContainer
	for _, tk := range projectTasks(ctx, t, lab, project) {
		if tk.DesiredState != swarm.TaskStateRunning || tk.Status.ContainerStatus == nil || tk.CreatedAt.Before(since) {
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
		cr, err1 := time.Parse(time.RFC3339Nano, c.Created)
		st, err2 := time.Parse(time.RFC3339Nano, c.State.StartedAt)
		if err1 != nil || err2 != nil {
			continue
		}
		tc := taskContainer{task: tk, created: cr, started: st}
		if h := c.State.Health; h != nil {
			for _, r := range h.Log {
				if r.ExitCode == 0 {
					tc.healthy = r.End
					break
				}
			}
		}
		out = append(out, tc)
	}
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
