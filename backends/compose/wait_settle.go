package compose

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
)

// MinRunning is how long a container without a health check must have
// run since its last start before apply counts it ready. A program that
// exits at once (a bad flag, a missing file) is running for a moment
// after its start; without this, apply would report it running while the
// engine restarts it, or after it has stopped.
const MinRunning = time.Second

// settle tells whether running containers without a health check have
// run MinRunning since their last start. The engine's StartedAt is read
// against this machine's clock, and a start first seen here MinRunning
// ago counts too, so a remote engine whose clock is ahead delays the
// verdict by MinRunning at most.
type settle struct {
	seen map[string]seenStart // container name → its start as first seen
}

type seenStart struct {
	startedAt string    // the engine's State.StartedAt
	at        time.Time // when this machine first saw it
}

// check inspects the running container id (named name): ready once it
// has run MinRunning; otherwise not yet, with when to look again, and
// why when the engine has restarted it since it was last started (it
// exits: apply gives it the grace of a restarting container).
func (st *settle) check(ctx context.Context, x *executor, name, id string) (ready bool, why string, again time.Time) {
	ins, err := x.cli.ContainerInspect(ctx, id)
	if err != nil || ins.ContainerJSONBase == nil || ins.State == nil {
		return false, "", time.Time{} // the next round's list says what it became
	}
	if !ins.State.Running || ins.State.Restarting {
		// It stopped since the list said running. The engine counts a
		// container waiting to be restarted as running, with the StartedAt
		// of the run that just ended: that is no verdict of ready. The next
		// round's list says what it became, but at apply's deadline there
		// is none, and "Up Less than a second" would be all the user reads.
		return false, stoppedWhy(ins.State, ins.RestartCount), time.Time{}
	}
	now := time.Now()
	s, ok := st.seen[name]
	if !ok || s.startedAt != ins.State.StartedAt {
		s = seenStart{startedAt: ins.State.StartedAt, at: now}
		st.seen[name] = s
	}
	again = s.at.Add(MinRunning)
	if started, err := time.Parse(time.RFC3339Nano, ins.State.StartedAt); err == nil {
		if now.Sub(started) >= MinRunning {
			return true, "running", time.Time{}
		}
		again = minTime(again, started.Add(MinRunning))
	}
	if !now.Before(s.at.Add(MinRunning)) {
		return true, "running", time.Time{}
	}
	if ins.RestartCount > 0 {
		why = fmt.Sprintf("restarting after it exited: the engine restarted it %d times since it was started", ins.RestartCount)
	}
	return false, why, again
}

// stoppedWhy says why a container found stopped just after it was listed
// running is not ready: it is being restarted, or it exited, with its exit
// code and the engine's restarts. Not final: the next round's list has the
// engine's own verdict.
func stoppedWhy(s *container.State, restarts int) string {
	why := fmt.Sprintf("exited (%d)", s.ExitCode)
	if s.Restarting {
		why = fmt.Sprintf("restarting after it exited (%d)", s.ExitCode)
	}
	if restarts > 0 {
		why += fmt.Sprintf(": the engine restarted it %d times since it was started", restarts)
	}
	return why
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// restartNote says how many times the engine restarted a container apply
// gives up on, when its message does not say so yet: a crash loop whose
// service has a health check, caught just after a restart, reads only "Up
// Less than a second (health: starting)", which hides the loop (settle
// learns the restarts of containers without a check only).
func (x *executor) restartNote(ctx context.Context, id, why string) string {
	if id == "" || strings.Contains(why, "restarted it") {
		return ""
	}
	ins, err := x.cli.ContainerInspect(ctx, id)
	if err != nil || ins.ContainerJSONBase == nil || ins.RestartCount == 0 {
		return ""
	}
	return fmt.Sprintf("; the engine restarted it %d times", ins.RestartCount)
}
