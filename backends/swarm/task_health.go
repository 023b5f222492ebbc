package swarm

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/client"
)

// healthLookupWait bounds the look for a failed task's container on the
// node engines (one of them may be down, or never answer).
const healthLookupWait = 5 * time.Second

// healthSaid is what the last failed health probe of a task's container
// said ("health check: exec: \"/bin/sh\": ... no such file or directory"),
// read from the node engine that has the container; "" when none answers,
// the container is gone or no probe of it failed. Swarm's task error only
// says "dockerexec: unhealthy container", which leaves a user guessing
// whether the program, the check or the image is at fault.
func (b *Backend) healthSaid(ctx context.Context, t *swarm.Task) string {
	if t == nil || t.Status.ContainerStatus == nil || t.Status.ContainerStatus.ContainerID == "" {
		return ""
	}
	id := t.Status.ContainerStatus.ContainerID
	engines := b.nodes
	if len(engines) == 0 {
		engines = []*client.Client{b.cli} // the manager knows its own containers only
	}
	ctx, cancel := context.WithTimeout(ctx, healthLookupWait)
	defer cancel()
	said := make(chan string, len(engines))
	for _, e := range engines {
		go func() {
			c, err := e.ContainerInspect(ctx, id)
			if err != nil {
				said <- ""
				return
			}
			said <- lastProbeFailure(c.State)
		}()
	}
	for range engines {
		if s := <-said; s != "" {
			return s
		}
	}
	return ""
}

// lastProbeFailure describes the newest failed probe of a container's
// health log: the first line of its output, or its exit code when it
// printed nothing.
func lastProbeFailure(st *container.State) string {
	if st == nil || st.Health == nil {
		return ""
	}
	for i := len(st.Health.Log) - 1; i >= 0; i-- {
		r := st.Health.Log[i]
		if r.ExitCode == 0 {
			continue
		}
		out, _, _ := strings.Cut(strings.TrimSpace(r.Output), "\n")
		if out == "" {
			return fmt.Sprintf("health check: exit %d, no output", r.ExitCode)
		}
		if r := []rune(out); len(r) > 300 {
			out = string(r[:300]) + "…"
		}
		return "health check: " + out
	}
	return ""
}
