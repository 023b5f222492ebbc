package lang

import (
	"strings"
	"testing"
)

// TestInvalidNameSaysWhichCharacter: a label Docker cannot take as a name
// is an error that names the character at fault, so "café" (é is a
// letter, but not one Docker takes) reads as what it is.
func TestInvalidNameSaysWhichCharacter(t *testing.T) {
	tests := []struct{ label, want string }{
		{"café", `"café" cannot name a Docker object ('é' is not allowed): use ASCII letters`},
		{"my api", `(' ' is not allowed)`},
		{"-api", `(it starts with '-')`},
		{"a/b", `('/' is not allowed)`},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": "service \"" + tt.label + "\" {}\n"}, Options{})
			d := findDiag(diags, "Invalid service name", 1)
			if d == nil {
				t.Fatalf("no Invalid service name in:\n%s", diagText(diags))
			}
			if !strings.Contains(d.Detail, tt.want) {
				t.Errorf("the detail %q does not say %q", d.Detail, tt.want)
			}
		})
	}
}
