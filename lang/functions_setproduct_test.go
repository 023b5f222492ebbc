package lang

import (
	"strings"
	"testing"
)

// TestSetProductBound: setproduct works as terraform's below the bound
// and is an error past it, at the call, instead of building every element
// (three range(1000) died out of memory with a stack trace).
func TestSetProductBound(t *testing.T) {
	tests := []struct{ expr, want, err string }{
		{`jsonencode(setproduct(["a", "b"], ["x", "y"]))`, `[["a","x"],["a","y"],["b","x"],["b","y"]]`, ""},
		{`jsonencode(setproduct([], range(1000)))`, `[]`, ""},
		{`tostring(length(setproduct(range(300), range(300))))`, "90000", ""},
		{`tostring(length(setproduct(range(400), range(400))))`, "", "more than 100000 elements"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			src := "service \"a\" {\n  env = {\n    V = " + tt.expr + "\n  }\n}\n"
			s, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
			if tt.err != "" {
				if !diags.HasErrors() || !strings.Contains(diagText(diags), tt.err) || !strings.Contains(diagText(diags), `"setproduct"`) {
					t.Fatalf("want an error of setproduct saying %q, got:\n%s", tt.err, diagText(diags))
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("load failed:\n%s", diagText(diags))
			}
			if got := s.Services["a"].Env["V"]; got != tt.want {
				t.Errorf("V = %q, want %q", got, tt.want)
			}
		})
	}
}
