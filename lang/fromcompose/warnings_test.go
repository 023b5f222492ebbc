package fromcompose

import (
	"fmt"
	"strings"
	"testing"
)

// compose-go's warnings point at the value or key they are about, and
// say what to do.
func TestComposeWarnings(t *testing.T) {
	tests := []struct{ name, yaml, summary, at, detail string }{
		{"yaml 1.1 boolean", "services:\n  a:\n    image: x\n    init: \"yes\"\n", "YAML 1.1 boolean", "4:11", "write true"},
		{"yaml 1.1 boolean off", "services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n    internal: 'off' # old\n", "YAML 1.1 boolean", "7:15", "write false"},
		{"unset variable after a comment using it", "services:\n  a:\n    image: x\n    environment:\n      # B: ${NOPE}\n      A: ${NOPE}\n", "Variable not set", "6:10", "set neither in the environment"},
		{"yaml 1.1 boolean after a comment", "services:\n  a:\n    image: x\n    # tty: yes\n    init: \"yes\"\n", "YAML 1.1 boolean", "5:11", "write true"},
		{"external.name", "services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n    external:\n      name: shared\n", "Compose file warning", "7:5", "Please set name and external: true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadYAML(t, tt.yaml)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			for _, d := range diags {
				if d.Summary != tt.summary {
					continue
				}
				if d.Subject == nil {
					t.Fatalf("no position: %s", d.Detail)
				}
				if got := fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column); got != tt.at {
					t.Errorf("at %s, want %s", got, tt.at)
				}
				if !strings.Contains(d.Detail, tt.detail) {
					t.Errorf("detail %q lacks %q", d.Detail, tt.detail)
				}
				return
			}
			t.Fatalf("no %q warning in %v", tt.summary, diags)
		})
	}
}
