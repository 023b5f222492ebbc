package lang

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestLoadIntoZeroReplicas: a load that enters a service with replicas = 0
// gets a warning at its entry (every request fails); one into a running
// service does not.
func TestLoadIntoZeroReplicas(t *testing.T) {
	for _, tt := range []struct {
		replicas string
		warn     bool
	}{{"0", true}, {"1", false}} {
		src := "service \"api\" {\n  replicas = " + tt.replicas + "\n}\nload \"l\" {\n  entry = service.api\n  rate  = 10\n}\n"
		_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
		d := findDiag(diags, "Load enters a service without replicas", 5)
		switch {
		case tt.warn && d == nil:
			t.Errorf("replicas %s: no warning at the entry in:\n%s", tt.replicas, diagText(diags))
		case tt.warn && !strings.Contains(d.Detail, `Load "l" enters "api", which has replicas = 0`):
			t.Errorf("the detail %q does not name the load and the service", d.Detail)
		case !tt.warn && d != nil:
			t.Errorf("replicas %s: unexpected warning %s", tt.replicas, d.Detail)
		}
	}
}

// TestCallIntoZeroReplicas: a call into a service with replicas = 0 gets a
// warning at the call (every call is refused), naming the caller, its
// endpoint and the callee, and the fallback when it has one; a call into
// a running service, or one that never happens (probability = 0), does
// not.
func TestCallIntoZeroReplicas(t *testing.T) {
	for _, tt := range []struct {
		replicas, call, want string
	}{
		{"0", "{}", "so every call is refused and fails"},
		{"0", `{ fallback = "cache" }`, "so every call is refused and answers by its fallback"},
		{"0", "{ probability = 0 }", ""},
		{"1", "{}", ""},
	} {
		src := "service \"a\" {\n  endpoint \"e\" {\n    call \"b\" " + tt.call + "\n  }\n}\nservice \"b\" {\n  replicas = " + tt.replicas + "\n}\nlink \"a\" \"b\" {}\n"
		_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
		d := findDiag(diags, "Call to a service without replicas", 3)
		switch {
		case tt.want != "" && d == nil:
			t.Errorf("replicas %s, call %s: no warning at the call in:\n%s", tt.replicas, tt.call, diagText(diags))
		case tt.want != "" && (d.Severity != hcl.DiagWarning || !strings.Contains(d.Detail, `Service "a" calls "b" in endpoint "e", but "b" has replicas = 0, `+tt.want)):
			t.Errorf("replicas %s, call %s: severity %d, detail %q", tt.replicas, tt.call, d.Severity, d.Detail)
		case tt.want == "" && d != nil:
			t.Errorf("replicas %s, call %s: unexpected warning %s", tt.replicas, tt.call, d.Detail)
		}
	}
}
