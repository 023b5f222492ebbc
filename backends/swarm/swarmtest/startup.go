package swarmtest

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/lang"
)

// TaskContainer is a task swarm wants running and its container's
// timeline.
type TaskContainer struct {
	Task             swarm.Task
	Created, Started time.Time
	Healthy          time.Time // the end of the first probe that passed; zero: none
}

// Containers returns the tasks of berth project that swarm wants running,
// created after since, with their containers' timelines, read from the
// nodes that run them (tasks whose container cannot be inspected are left
// out).
func (l *Lab) Containers(ctx context.Context, project string, since time.Time) ([]TaskContainer, error) {
	svcs, err := l.Manager.ServiceList(ctx, swarm.ServiceListOptions{Filters: filters.NewArgs(filters.Arg("label", "io.berth.project="+project))})
	if err != nil || len(svcs) == 0 {
		return nil, fmt.Errorf("the services of %s: %d, %v", project, len(svcs), err)
	}
	f := filters.NewArgs(filters.Arg("desired-state", "running"))
	for _, s := range svcs {
		f.Add("service", s.ID)
	}
	tasks, err := l.Manager.TaskList(ctx, swarm.TaskListOptions{Filters: f})
	if err != nil {
		return nil, err
	}
	var out []TaskContainer
	for _, tk := range tasks {
		n := l.NodeByID(tk.NodeID)
		if tk.DesiredState != swarm.TaskStateRunning || tk.Status.ContainerStatus == nil || tk.CreatedAt.Before(since) || n == nil {
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
		tc := TaskContainer{Task: tk, Created: cr, Started: st}
		if h := c.State.Health; h != nil {
			for _, r := range h.Log {
				if r.ExitCode == 0 {
					tc.Healthy = r.End
					break
				}
			}
		}
		out = append(out, tc)
	}
	return out, nil
}

// Startup measures how long the lab takes to start a task's container:
// from the task's creation to its container's start, over the project's
// running tasks (those of the apply just made), as sorted seconds. It is
// the lab's capacity.startup, which the spec cannot know.
func (l *Lab) Startup(ctx context.Context, project string) ([]float64, error) {
	cs, err := l.Containers(ctx, project, time.Time{})
	if err != nil {
		return nil, err
	}
	var out []float64
	for _, c := range cs {
		if !c.Started.Before(c.Task.CreatedAt) {
			out = append(out, c.Started.Sub(c.Task.CreatedAt).Seconds())
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no running task of %s to measure the start-up on", project)
	}
	sort.Float64s(out)
	return out, nil
}

// WithStartup returns a copy of spec in which every service takes
// seconds to start (capacity.startup = const): the simulator calibrated
// to the lab's container start (Startup).
func WithStartup(spec *lang.Spec, seconds float64) *lang.Spec {
	c := spec.Clone()
	for _, s := range c.Services {
		s.Capacity.Startup = lang.Dist{Kind: lang.DistConst, Params: []float64{seconds}, Source: fmt.Sprintf("%.3fs", seconds)}
	}
	return c
}
