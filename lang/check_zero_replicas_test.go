package lang

import (
	"strings"
	"testing"
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
