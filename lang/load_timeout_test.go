package lang

import (
	"strings"
	"testing"
	"time"
)

// TestLoadTimeout: the clients' timeout of a load is optional (0: none)
// and, as every duration, not negative.
func TestLoadTimeout(t *testing.T) {
	for _, tc := range []struct {
		attr string
		want time.Duration
		err  string
	}{{"", 0, ""}, {`timeout = "2s"`, 2 * time.Second, ""}, {`timeout = "-1s"`, 0, "is negative"}} {
		s, diags := loadSrc(t, map[string]string{"main.berth.hcl": `
service "a" {}
load "l" {
  entry = service.a
  rate  = 1
  ` + tc.attr + `
}
`}, Options{})
		if tc.err != "" {
			if !diags.HasErrors() || !strings.Contains(diags.Error(), tc.err) {
				t.Errorf("%q: diagnostics %v, want %q", tc.attr, diags, tc.err)
			}
			continue
		}
		if diags.HasErrors() {
			t.Fatalf("%q: %v", tc.attr, diags)
		}
		if got := s.Loads["l"].Timeout; got != tc.want {
			t.Errorf("%q: timeout %s, want %s", tc.attr, got, tc.want)
		}
	}
}
