package compose

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// TestDesiredWarnsAboutRestartDockerCannotCarry: restart settings the
// compose backend cannot give Docker are warnings at the service, not
// dropped in silence: max_attempts with condition any (Docker's "always"
// takes no retry count) and a window. on-failure keeps its limit.
func TestDesiredWarnsAboutRestartDockerCannotCarry(t *testing.T) {
	svcRange := hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: 3, Column: 1}}
	tests := []struct {
		name     string
		restart  lang.Restart
		policy   string
		warnings []string
	}{
		{"any", lang.Restart{Condition: "any", Delay: 5 * time.Second}, "always", nil},
		{"any with max_attempts", lang.Restart{Condition: "any", MaxAttempts: 3}, "always",
			[]string{"Compose ignores restart.max_attempts with condition any"}},
		{"default condition with max_attempts", lang.Restart{MaxAttempts: 2}, "always",
			[]string{"Compose ignores restart.max_attempts with condition any"}},
		{"on-failure with max_attempts", lang.Restart{Condition: "on-failure", MaxAttempts: 3}, "on-failure:3", nil},
		{"window", lang.Restart{Condition: "on-failure", Window: 10 * time.Second}, "on-failure",
			[]string{"Compose ignores restart.window"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := &lang.Service{Name: "api", Image: "shop/api:1", Replicas: 1, Restart: tt.restart, DeclRange: svcRange}
			spec := &lang.Spec{Project: "brestart", Backend: "compose", Services: map[string]*lang.Service{"api": svc}}
			d, diags := (&Target{}).Desired(spec)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var got []string
			for _, dg := range diags {
				if dg.Severity != hcl.DiagWarning || dg.Subject == nil || *dg.Subject != svcRange || !strings.Contains(dg.Detail, `"api"`) {
					t.Errorf("diagnostic %+v: want a warning at the service that names it", dg)
				}
				got = append(got, dg.Summary)
			}
			if strings.Join(got, "|") != strings.Join(tt.warnings, "|") {
				t.Errorf("warnings %q, want %q", got, tt.warnings)
			}
			for _, r := range d.Resources {
				if r.Type == TypeContainer && r.Attrs.String("restart") != tt.policy {
					t.Errorf("restart policy %q, want %q", r.Attrs.String("restart"), tt.policy)
				}
			}
		})
	}
}
