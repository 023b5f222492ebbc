package compose

import (
	"context"
	"strings"
)

// healthNote says what the last probe of a container's health check
// answered when it failed ("; health check: exec: \"/bin/sh\": stat
// /bin/sh: no such file or directory"), for a container apply gives up
// on as unhealthy or still starting: "Up 20 seconds (unhealthy)" alone
// sends the user to berth plan or docker inspect to learn why, where the
// plan's "Not ready" line already shows it. "" when the last probe passed
// or said nothing.
func (x *executor) healthNote(ctx context.Context, id string) string {
	ins, err := x.cli.ContainerInspect(ctx, id)
	if err != nil || ins.ContainerJSONBase == nil || ins.State == nil || ins.State.Health == nil {
		return ""
	}
	logs := ins.State.Health.Log
	if len(logs) == 0 || logs[len(logs)-1].ExitCode == 0 {
		return ""
	}
	out, _, _ := strings.Cut(strings.TrimSpace(logs[len(logs)-1].Output), "\n")
	if out == "" {
		return ""
	}
	return "; health check: " + out
}
