package compose

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/events"
	"github.com/docker/docker/api/types/filters"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// waitReady waits until every container the plan created or updated is
// running (for MinRunning since its last start), or healthy when it has a
// health check. It reads the project's containers with one list call per
// round; a round starts when the engine reports an event of one of them
// (start, health status, die...), or after a backstop delay, or when a
// running container may have settled. It returns those that did not get there before the
// deadline, or that exited, with why.
func (x *executor) waitReady(ctx context.Context, p *planner.Plan, res *backends.Result, wait time.Duration, prog *backends.Progress) []*backends.StepError {
	pending := map[string]*planner.Step{} // container name → its last step
	for _, s := range res.Done {
		c := s.Change
		if c.Type == TypeContainer && c.After != nil && s.Op != planner.OpDelete {
			name := ContainerName(x.project, c.Group, c.Index)
			if pending[name] == nil {
				prog.Resource(c, backends.PhaseWaiting, waitGoal(c))
			}
			pending[name] = s
		}
	}
	if len(pending) == 0 {
		return nil
	}
	deadline := time.Now().Add(wait)
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(x.project)))
	wctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	wake, maxDelay := x.watch(wctx, f)
	var unready []*backends.StepError
	unhealthySince := map[string]time.Time{}
	lastStatus := map[string]string{} // container name → its last status, for "not ready"
	lastWhy := map[string]string{}    // container name → why it was not ready last round
	lastID := map[string]string{}     // container name → its id, for the health check's output
	st := &settle{seen: map[string]seenStart{}}
	for delay := 20 * time.Millisecond; len(pending) > 0; delay = min(delay*2, maxDelay) {
		list, err := x.cli.ContainerList(wctx, container.ListOptions{All: true, Filters: f})
		if err != nil {
			return append(unready, fail(pending, err.Error(), prog)...)
		}
		var again time.Time // the earliest a running container may have settled
		for _, ctr := range list {
			name := strings.TrimPrefix(firstName(ctr.Names), "/")
			s := pending[name]
			if s == nil {
				continue
			}
			lastStatus[name], lastID[name] = ctr.Status, ctr.ID
			ready, why, final := readiness(s.Change, ctr)
			if ready && why == "running" { // no health check: it must stay up a while
				var at time.Time
				ready, why, at = st.check(wctx, x, name, ctr.ID)
				if !at.IsZero() && (again.IsZero() || at.Before(again)) {
					again = at
				}
			}
			lastWhy[name] = why
			if !ready && why != "" && !final {
				// unhealthy or restarting may still recover: give it a while
				if unhealthySince[name].IsZero() {
					unhealthySince[name] = time.Now()
				}
				final = time.Since(unhealthySince[name]) > UnhealthyGrace
			} else {
				delete(unhealthySince, name)
			}
			switch {
			case ready:
				prog.Resource(s.Change, backends.PhaseReady, why)
				delete(pending, name)
			case final:
				why += x.oomNote(wctx, ctr.ID) + x.restartNote(wctx, ctr.ID, why)
				if strings.HasPrefix(why, "unhealthy") {
					why += x.healthNote(wctx, ctr.ID)
				}
				unready = append(unready, &backends.StepError{Step: s, Err: fmt.Errorf("%s", why)})
				prog.Resource(s.Change, backends.PhaseUnready, why)
				delete(pending, name)
			}
		}
		if len(pending) == 0 {
			break
		}
		if time.Now().After(deadline) {
			return append(unready, failEach(pending, func(name string) string {
				msg := notReady(wait, lastStatus[name], lastWhy[name])
				return msg + x.restartNote(wctx, lastID[name], msg) + x.healthNote(wctx, lastID[name])
			}, prog)...)
		}
		if ctx.Err() != nil {
			return append(unready, fail(pending, "interrupted while waiting", prog)...)
		}
		if !again.IsZero() {
			delay = max(min(delay, time.Until(again)+time.Millisecond), time.Millisecond)
		}
		select {
		case <-time.After(min(delay, time.Until(deadline)+time.Millisecond)):
		case <-wake:
		case <-ctx.Done():
		}
	}
	return unready
}

// notReady says why a container was given up on at the deadline: its
// last status, and why it was not ready when that adds to the status. A
// crash loop caught just after a restart shows "Up Less than a second";
// the restarts are what the user needs to read. The status is the list's,
// read before the inspect that learnt why (it may have exited since), so
// it is "last status", not "now".
func notReady(wait time.Duration, status, why string) string {
	switch {
	case status == "":
		return fmt.Sprintf("not ready after %s: not found", wait)
	case why != "" && why != "running" && !strings.Contains(why, status):
		return fmt.Sprintf("not ready after %s: %s (last status: %s)", wait, why, status)
	}
	return fmt.Sprintf("not ready after %s: %s", wait, status)
}

// Backstop delays between two rounds of waitReady: with the engine's event
// stream a round starts at each event, and the delay only bounds how late
// an unhealthy container's grace is checked; without it, rounds poll.
const (
	eventBackstop = time.Second
	pollDelay     = 250 * time.Millisecond
)

// watch subscribes to the events of the project's containers; wake gets a
// value (without blocking) at each one, until ctx is done. When the engine
// refuses the subscription, wake never fires and the delay is pollDelay.
func (x *executor) watch(ctx context.Context, f filters.Args) (wake <-chan struct{}, maxDelay time.Duration) {
	ef := f.Clone()
	ef.Add("type", string(events.ContainerEventType))
	for _, a := range []events.Action{events.ActionStart, events.ActionRestart, events.ActionDie, events.ActionDestroy, events.ActionHealthStatus} {
		ef.Add("event", string(a)) // not the exec events of every health probe
	}
	msgs, errs := x.cli.Events(ctx, events.ListOptions{Filters: ef})
	w := make(chan struct{}, 1)
	select {
	case err := <-errs: // Events returns once the engine answered, or failed
		if err != nil {
			return w, pollDelay
		}
	default:
	}
	go func() {
		for {
			select {
			case <-msgs:
				select {
				case w <- struct{}{}:
				default:
				}
			case <-errs:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return w, eventBackstop
}

func waitGoal(c *planner.Change) string {
	if len(c.After.Attrs.Map("health")) > 0 {
		return "healthy"
	}
	return "running"
}

// UnhealthyGrace is how long a container may stay unhealthy (or keep
// restarting) before apply gives up on it: a health check can recover.
const UnhealthyGrace = 30 * time.Second

// readiness reads a container's summary: ready (running, and healthy when
// it has a check, the spec's or its image's); or not, with why, final when
// it never will be (it exited); or neither yet.
func readiness(c *planner.Change, ctr container.Summary) (ready bool, why string, final bool) {
	// A health check from the spec, or from the image (HEALTHCHECK) when
	// the spec has none: the engine reports either in the status.
	health := len(c.After.Attrs.Map("health")) > 0 || imageHealth(ctr.Status)
	switch {
	case ctr.State == "running" && !health:
		return true, "running", false
	case ctr.State == "running" && strings.Contains(ctr.Status, "(healthy)"):
		return true, "healthy", false
	case ctr.State == "running" && strings.Contains(ctr.Status, "(unhealthy)"):
		return false, "unhealthy: " + ctr.Status, false
	case ctr.State == "restarting":
		return false, "restarting after it exited: " + ctr.Status, false
	case ctr.State == "exited" && exitedZero.MatchString(ctr.Status) && !restartsOnSuccess(c.After.Attrs.String("restart")):
		return true, "completed (exited 0)", false // a one-shot job (observe_state.go)
	case ctr.State == "exited" || ctr.State == "dead":
		return false, "exited: " + ctr.Status, true
	}
	return false, "", false
}

// oomNote says, for a container given up on, that the kernel killed it
// for lack of memory: "exited (137)" alone does not say the limit is the
// cause.
//
// The engine can record the exit (137, SIGKILL) a moment before the
// kernel's OOM event reaches it, so a SIGKILL without the OOM mark is
// looked at again for up to oomSettle before it is taken for a plain kill.
func (x *executor) oomNote(ctx context.Context, id string) string {
	for deadline := time.Now().Add(oomSettle); ; time.Sleep(50 * time.Millisecond) {
		ins, err := x.cli.ContainerInspect(ctx, id)
		if err != nil || ins.ContainerJSONBase == nil || ins.State == nil {
			return ""
		}
		if ins.State.OOMKilled {
			return " (killed for lack of memory: its resources.memory limit is too small for it)"
		}
		if ins.State.ExitCode != 137 || time.Now().After(deadline) || ctx.Err() != nil {
			return ""
		}
	}
}

// oomSettle is how long a container killed by SIGKILL may wait for the
// engine to mark it OOM-killed.
const oomSettle = time.Second

// imageHealth tells whether a container's status shows a health check
// ("Up 3 seconds (health: starting)", "(healthy)", "(unhealthy)").
func imageHealth(status string) bool {
	return strings.Contains(status, "(health: ") || strings.Contains(status, "(healthy)") || strings.Contains(status, "(unhealthy)")
}

func fail(pending map[string]*planner.Step, why string, prog *backends.Progress) []*backends.StepError {
	return failEach(pending, func(string) string { return why }, prog)
}

// failEach reports every pending container unready, each with why(name).
func failEach(pending map[string]*planner.Step, why func(name string) string, prog *backends.Progress) []*backends.StepError {
	var out []*backends.StepError
	for name, s := range pending {
		w := why(name)
		out = append(out, &backends.StepError{Step: s, Err: fmt.Errorf("%s", w)})
		prog.Resource(s.Change, backends.PhaseUnready, w)
	}
	return out
}

func firstName(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[0]
}
