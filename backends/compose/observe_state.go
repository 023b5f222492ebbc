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

// A one-shot job (a migration, an init step) runs to completion and exits
// 0 under a restart policy that does not start it again ("no", or
// "on-failure"). That is what was asked of it, not drift: the plan leaves
// it alone (its state is not observed, so it equals the desired
// "running") and apply's wait counts it done, as docker compose counts a
// dependency service_completed_successfully. Any other exit is a failure.

// completedJob reports a container that ran to success under a policy
// that will not restart it.
func completedJob(st *container.State, p container.RestartPolicy) bool {
	return st != nil && st.Status == "exited" && st.ExitCode == 0 && !neverStarted(st) && !restartsOnSuccess(string(p.Name))
}

// restartsOnSuccess reports a restart policy (Docker's name, or berth's
// attribute: "on-failure:3") that starts a container again after it exits 0.
func restartsOnSuccess(policy string) bool {
	return policy != "" && policy != "no" && !strings.HasPrefix(policy, "on-failure")
}

// exitedZero matches a container list's status of a container that
// exited 0 ("Exited (0) 3 seconds ago").
var exitedZero = regexp.MustCompile(`^Exited \(0\)`)
