package compose

import (
	"testing"

	"github.com/docker/docker/api/types/container"
)

// TestStatusOf: a container's listed status shows its health while it
// runs and its exit code once it exited, health check or not (a stopped
// container with one read "exited (unhealthy)").
func TestStatusOf(t *testing.T) {
	started := "2026-11-26T21:00:00Z"
	tests := []struct {
		st   container.State
		want string
	}{
		{container.State{Status: "running", Running: true, StartedAt: started, Health: &container.Health{Status: "healthy"}}, "running (healthy)"},
		{container.State{Status: "running", Running: true, StartedAt: started}, "running"},
		{container.State{Status: "exited", ExitCode: 137, StartedAt: started, Health: &container.Health{Status: "unhealthy"}}, "exited (137)"},
		{container.State{Status: "exited", ExitCode: 0, StartedAt: started}, "exited (0)"},
		{container.State{Status: "created", StartedAt: "0001-01-01T00:00:00Z", Health: &container.Health{Status: "starting"}}, "created, never started"},
	}
	for _, tt := range tests {
		st := tt.st
		got := statusOf(container.InspectResponse{ContainerJSONBase: &container.ContainerJSONBase{State: &st}})
		if got != tt.want {
			t.Errorf("%s (exit %d, health %v): %q, want %q", st.Status, st.ExitCode, st.Health, got, tt.want)
		}
	}
}
