package compose

import (
	"testing"
	"time"
)

// TestNotReady: the deadline's message keeps what was learnt of a
// container. A crash loop caught just after a restart ("Up Less than a
// second") still says that the engine restarts it.
func TestNotReady(t *testing.T) {
	const restarts = "restarting after it exited: the engine restarted it 5 times since it was started"
	for _, tc := range []struct{ status, why, want string }{
		{"", "", "not ready after 8s: not found"},
		{"Up 2 seconds (health: starting)", "", "not ready after 8s: Up 2 seconds (health: starting)"},
		{"Up Less than a second", restarts, "not ready after 8s: " + restarts + " (last status: Up Less than a second)"},
		// found exited by the inspect after the list said it was up
		{"Up Less than a second", "exited (1)", "not ready after 8s: exited (1) (last status: Up Less than a second)"},
		{"Restarting (1) 1 second ago", "restarting after it exited: Restarting (1) 1 second ago", "not ready after 8s: Restarting (1) 1 second ago"},
		{"Up 3 seconds", "running", "not ready after 8s: Up 3 seconds"},
	} {
		if got := notReady(8*time.Second, tc.status, tc.why); got != tc.want {
			t.Errorf("notReady(%q, %q) = %q; want %q", tc.status, tc.why, got, tc.want)
		}
	}
}
