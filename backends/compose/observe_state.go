package compose

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/docker/docker/api/types/container"

	"github.com/berth-dev/berth/planner"
)

// A container that is not running shows in the plan as its state to
// start, with why it is not running. One berth created whose start
// failed (its port taken, a mount missing) is "created, never started",
// with the engine's last start error: berth's own unfinished work, not
// drift. One that ran and exited (crashed, or stopped by hand) is drift,
// with its exit code. Both are started in place, as docker compose up
// starts a container whose configuration did not change instead of
// recreating it; a changed spec replaces it anyway.

// stateNote explains a container's state when it is not running.
func stateNote(st *container.State) (planner.AttrNote, bool) {
	switch {
	case st == nil:
		return planner.AttrNote{}, false
	case neverStarted(st):
		why := "created, never started"
		if st.Error != "" {
			why += ": " + startError(st.Error)
		}
		return planner.AttrNote{Why: why, Unfinished: true}, true
	case st.Status == "exited" && st.OOMKilled:
		return planner.AttrNote{Why: fmt.Sprintf("exited with code %d, killed for lack of memory", st.ExitCode)}, true
	case st.Status == "exited":
		return planner.AttrNote{Why: fmt.Sprintf("exited with code %d", st.ExitCode)}, true
	}
	return planner.AttrNote{}, false
}

// neverStarted reports a container that was created and never ran.
func neverStarted(st *container.State) bool {
	return st != nil && st.Status == "created" && (st.StartedAt == "" || strings.HasPrefix(st.StartedAt, "0001-01-01"))
}

// engineID is a full engine id in parentheses, as the engine's errors
// quote an endpoint's.
var engineID = regexp.MustCompile(` ?\([0-9a-f]{64}\)`)

// startError is the engine's start error, without ids.
func startError(s string) string {
	return strings.TrimSpace(engineID.ReplaceAllString(s, ""))
}

// unreadyWhy says why a running container is not serving although nothing
// about it differs from the spec: its health check fails, or it keeps
// exiting and the engine keeps restarting it. A container that is not
// running at all is a change to start it (stateNote), not this.
func unreadyWhy(st *container.State) string {
	switch {
	case st == nil:
		return ""
	case st.Restarting:
		return fmt.Sprintf("restarting (exited with code %d)", st.ExitCode)
	case st.Running && st.Health != nil && st.Health.Status == container.Unhealthy:
		why := "running (unhealthy)"
		if n := len(st.Health.Log); n > 0 {
			if out, _, _ := strings.Cut(strings.TrimSpace(st.Health.Log[n-1].Output), "\n"); out != "" {
				why += ": " + out // the last probe's first line
			}
		}
		return why
	}
	return ""
}
