package swarm

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/docker/docker/api/types/swarm"
)

// rolloutGrace is how long a service update that should roll its tasks
// may show no update status before berth concludes swarm found nothing to
// roll (the status appears within milliseconds when it does).
const rolloutGrace = 2 * time.Second

// goal is what one service must reach.
type goal struct {
	id       string
	name     string // swarm name, for messages
	replicas uint64
	// rollout: the update changed the task template, so swarm rolls the
	// tasks and reports it in UpdateStatus.
	rollout bool
	start   time.Time
	// nodes names nodes by id, for messages.
	nodes map[string]string
}

// ErrRolledBack is wrapped by the error of an update that swarm rolled
// back.
var ErrRolledBack = errors.New("rolled back")

// state is one evaluation of a service against its goal.
type state struct {
	done    bool
	running uint64
	phase   string // "starting", "updating", "rolling back", ...
	err     error
}

// evaluate judges one snapshot. It never waits: the caller polls.
func (g *goal) evaluate(s snapshot, now time.Time) state {
	if s.err != nil {
		return state{phase: "unreachable: " + s.err.Error()}
	}
	if !s.found {
		return state{err: fmt.Errorf("service %s disappeared", g.name)}
	}
	st := state{running: runningTasks(s.tasks), phase: "starting"}
	if u := s.svc.UpdateStatus; u != nil {
		switch u.State {
		case swarm.UpdateStateUpdating:
			st.phase = "updating"
			return st
		case swarm.UpdateStateRollbackStarted:
			st.phase = "rolling back"
			return st
		case swarm.UpdateStatePaused:
			st.err = fmt.Errorf("update paused: %s%s (fix the spec and apply again, which resumes the update, or roll back with `docker service rollback %s`)",
				u.Message, g.taskError(s.tasks), g.name)
			return st
		case swarm.UpdateStateRollbackCompleted:
			st.err = fmt.Errorf("update %w: %s%s", ErrRolledBack, u.Message, g.taskError(s.tasks))
			return st
		case swarm.UpdateStateRollbackPaused:
			st.err = fmt.Errorf("update failed and its rollback paused: %s%s", u.Message, g.taskError(s.tasks))
			return st
		}
	} else if g.rollout && now.Sub(g.start) < rolloutGrace {
		st.phase = "updating"
		return st
	}
	st.done = st.running == g.replicas && pendingTasks(s.tasks) == 0
	return st
}

// runningTasks counts the tasks swarm wants running that run (and, with a
// health check, are healthy: swarm holds a task in "starting" until then).
func runningTasks(tasks []swarm.Task) uint64 {
	var n uint64
	for _, t := range tasks {
		if t.DesiredState == swarm.TaskStateRunning && t.Status.State == swarm.TaskStateRunning {
			n++
		}
	}
	return n
}

// pendingTasks counts the tasks swarm wants running that do not run yet.
func pendingTasks(tasks []swarm.Task) int {
	n := 0
	for _, t := range tasks {
		if t.DesiredState == swarm.TaskStateRunning && t.Status.State != swarm.TaskStateRunning {
			n++
		}
	}
	return n
}

// taskError describes the newest task error since the goal was set:
// "; task shop_orders.2 on node n2: starting container failed: ...".
func (g *goal) taskError(tasks []swarm.Task) string {
	t := g.newestProblem(tasks)
	if t == nil {
		return ""
	}
	return "; " + g.describe(t)
}

func (g *goal) newestProblem(tasks []swarm.Task) *swarm.Task {
	var found []swarm.Task
	for _, t := range tasks {
		if t.Status.Err != "" && !t.Status.Timestamp.Before(g.start.Add(-time.Second)) {
			found = append(found, t)
		}
	}
	if len(found) == 0 {
		return nil
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Status.Timestamp.After(found[j].Status.Timestamp) })
	return &found[0]
}

func (g *goal) describe(t *swarm.Task) string {
	node := g.nodes[t.NodeID]
	if node == "" {
		node = t.NodeID
	}
	where := ""
	if node != "" {
		where = " on node " + node
	}
	return fmt.Sprintf("task %s.%d%s (%s): %s", g.name, t.Slot, where, t.Status.State, t.Status.Err)
}

// converge follows the service's tasks until it reaches its goal, fails
// or ctx ends (the apply timeout); progress is told about every change.
func (g *goal) converge(ctx context.Context, w *watcher, progress func(string)) error {
	ch, cancel := w.subscribe(g.id)
	defer cancel()
	last := ""
	var latest snapshot
	for {
		select {
		case <-ctx.Done():
			return g.timeoutError(ctx, latest)
		case s := <-ch:
			latest = s
			st := g.evaluate(s, time.Now())
			if st.err != nil {
				return st.err
			}
			msg := fmt.Sprintf("%s, %d/%d running", st.phase, st.running, g.replicas)
			if st.done {
				progress(fmt.Sprintf("converged, %d/%d running (%.1fs)", st.running, g.replicas, time.Since(g.start).Seconds()))
				return nil
			}
			if msg != last {
				progress(msg)
				last = msg
			}
		}
	}
}

func (g *goal) timeoutError(ctx context.Context, s snapshot) error {
	msg := fmt.Sprintf("not converged after %s: %d/%d running", time.Since(g.start).Round(time.Second), runningTasks(s.tasks), g.replicas)
	if t := g.newestProblem(s.tasks); t != nil {
		msg += "; " + g.describe(t)
	} else if p := g.pendingReason(s.tasks); p != "" {
		msg += "; " + p
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("interrupted while waiting: %s", msg)
	}
	return errors.New(msg)
}

// pendingReason is why a task waits, as swarm says ("no suitable node"),
// named as describe names a failed task.
func (g *goal) pendingReason(tasks []swarm.Task) string {
	for _, t := range tasks {
		if t.DesiredState == swarm.TaskStateRunning && t.Status.State != swarm.TaskStateRunning && t.Status.Message != "" {
			t.Status.Err = t.Status.Message
			return g.describe(&t)
		}
	}
	return ""
}
