package swarm

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
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
	// stuckSince is when the service last began to show no way forward
	// (stuck); zero while it has one.
	stuckSince time.Time
	// oneShot: the restart policy does not start a task again after it
	// exits 0 (condition none or on-failure), so a task that completed
	// since the goal was set has done its work (a migration, an init job).
	oneShot bool
	// summary is what the service converged to ("2/2 running", "0/2
	// running, 2 completed (exit 0)"), once it has.
	summary string
	// health says what the last failed health probe of a task's
	// container said (Backend.healthSaid); nil or "" when unknown. Asked
	// only when a wait ends in an error.
	health func(*swarm.Task) string
}

// stuckGrace is how long a service may show no way forward, a task that
// no node can run or tasks that keep failing, before berth stops waiting
// for it (compose gives an unhealthy container as long). Swarm itself
// keeps trying for ever, so without it apply waited the whole --wait.
const stuckGrace = 30 * time.Second

// notConverged is the error of a service that swarm did not converge:
// berth stopped waiting, and what the step asked of swarm is done.
type notConverged struct{ msg string }

func (e *notConverged) Error() string { return e.msg }

// ErrRolledBack is wrapped by the error of an update that swarm rolled
// back.
var ErrRolledBack = errors.New("rolled back")

// state is one evaluation of a service against its goal.
type state struct {
	done    bool
	running uint64
	// completed counts the slots of a one-shot service whose task ran to
	// completion (exit 0) since the goal was set.
	completed uint64
	phase     string // "starting", "updating", "rolling back", ...
	why       string // why it has no way forward now (checkStuck)
	err       error
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
			g.checkStuck(&st, s.tasks, now, false) // a failing task is the update's failure_action's
			return st
		case swarm.UpdateStateRollbackStarted:
			st.phase = "rolling back"
			g.checkStuck(&st, s.tasks, now, false)
			return st
		case swarm.UpdateStatePaused:
			st.err = fmt.Errorf("update paused: %s%s (fix the spec and apply again, which resumes the update, or roll back with `docker service rollback %s`)",
				u.Message, g.taskError(s.tasks), g.name)
			return st
		case swarm.UpdateStateRollbackCompleted:
			st.err = fmt.Errorf("update %w: %s%s (swarm runs the service as it was before this apply, so applying the same spec rolls back again: fix what fails first)",
				ErrRolledBack, u.Message, g.taskError(s.tasks))
			return st
		case swarm.UpdateStateRollbackPaused:
			st.err = fmt.Errorf("update failed and its rollback paused: %s%s", u.Message, g.taskError(s.tasks))
			return st
		}
	} else if g.rollout && now.Sub(g.start) < rolloutGrace {
		st.phase = "updating"
		return st
	}
	if g.oneShot {
		st.completed = completedSlots(s.tasks, g.start)
	}
	st.done = st.running+st.completed >= g.replicas && pendingTasks(s.tasks) == 0
	if st.done {
		g.stuckSince = time.Time{}
		return st
	}
	g.checkStuck(&st, s.tasks, now, true)
	return st
}

// checkStuck notes whether the service has a way forward: a task no node
// can run ("no suitable node": constraints, resources, host ports), or a
// task that failed since the goal was set while not every replica runs.
// The phase then says why it waits; after stuckGrace without a way
// forward, the state is an error. During a rolling update only a task
// that no node can run counts (a start-first update whose new task needs
// a host port every node holds waits for ever in "updating"); failing
// tasks are for the update's failure_action.
func (g *goal) checkStuck(st *state, tasks []swarm.Task, now time.Time, failing bool) {
	why, then := "", ""
	var failed *swarm.Task
	if t := unschedulable(tasks); t != nil {
		why, then = "no node can run it: "+g.describe(t), "swarm keeps the task pending and starts it once a node qualifies"
	} else if t := g.newestProblem(tasks); failing && t != nil {
		why, then = "its tasks keep failing: "+g.describe(t), "swarm keeps restarting them"
		failed = t
	}
	if why == "" {
		g.stuckSince = time.Time{}
		return
	}
	st.why = why
	if g.stuckSince.IsZero() {
		g.stuckSince = now
	}
	if waited := now.Sub(g.stuckSince); waited >= stuckGrace {
		st.err = &notConverged{fmt.Sprintf("not converged, %d/%d running; %s%s (for %s; %s)", st.running, g.replicas, why, g.said(failed), waited.Round(time.Second), then)}
	}
}

// unschedulable returns a task that swarm wants running and no node can
// run, with the scheduler's reason in Status.Err.
func unschedulable(tasks []swarm.Task) *swarm.Task {
	for i, t := range tasks {
		if t.DesiredState != swarm.TaskStateRunning || t.Status.State != swarm.TaskStatePending {
			continue
		}
		for _, why := range []string{t.Status.Err, t.Status.Message} {
			if strings.HasPrefix(why, "no suitable node") {
				tasks[i].Status.Err = why
				return &tasks[i]
			}
		}
	}
	return nil
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

// completedSlots counts the slots whose newest task, of those since
// since, ran to completion (exit 0: swarm's "complete"; a non-zero exit
// is "failed"). Under a restart policy that does not start it again,
// swarm leaves such a slot empty: the job is done.
func completedSlots(tasks []swarm.Task, since time.Time) uint64 {
	newest := map[int]swarm.Task{}
	for _, t := range tasks {
		if t.Status.Timestamp.Before(since) {
			continue
		}
		if cur, ok := newest[t.Slot]; !ok || t.Status.Timestamp.After(cur.Status.Timestamp) {
			newest[t.Slot] = t
		}
	}
	var n uint64
	for _, t := range newest {
		if t.Status.State == swarm.TaskStateComplete {
			n++
		}
	}
	return n
}

// oneShot reports a restart condition under which swarm does not start a
// task again after it exits 0.
func oneShot(condition string) bool {
	c := swarm.RestartPolicyCondition(condition)
	return c == swarm.RestartPolicyConditionNone || c == swarm.RestartPolicyConditionOnFailure
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
	return "; " + g.describe(t) + g.said(t)
}

// said is "; " and what the last failed health probe of t's container
// said, or "".
func (g *goal) said(t *swarm.Task) string {
	if g.health == nil || t == nil {
		return ""
	}
	if s := g.health(t); s != "" {
		return "; " + s
	}
	return ""
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
			if st.why != "" {
				msg += "; " + st.why
			}
			if st.done {
				what := fmt.Sprintf("%d/%d running", st.running, g.replicas)
				if st.completed > 0 {
					what += fmt.Sprintf(", %d completed (exit 0)", st.completed)
				}
				g.summary = what
				progress(fmt.Sprintf("converged, %s (%.1fs)", what, time.Since(g.start).Seconds()))
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
		msg += "; " + g.describe(t) + g.said(t)
	} else if p := g.pendingReason(s.tasks); p != "" {
		msg += "; " + p
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		msg = "interrupted while waiting: " + msg
	}
	return &notConverged{msg}
}

// pendingReason is why a task waits, as swarm says ("no suitable node"),
// named as describe names a failed task.
func (g *goal) pendingReason(tasks []swarm.Task) string {
	for _, t := range tasks {
		if t.DesiredState == swarm.TaskStateRunning && t.Status.State != swarm.TaskStateRunning && t.Status.Message != "" {
			t.Status.Err = t.Status.Message
			if t.Status.Message == string(t.Status.State) { // "(starting): starting" says nothing
				if t.Status.State != swarm.TaskStateStarting {
					return strings.TrimSuffix(g.describe(&t), ": "+t.Status.Message)
				}
				t.Status.Err = "its container runs; swarm counts it running once its health check passes"
			}
			return g.describe(&t)
		}
	}
	return ""
}
