package lang

import (
	"strings"
	"testing"
)

// TestHostileInputs loads inputs built to crash or stall a parser: each
// must end in an error diagnostic, never a panic or a stack overflow.
func TestHostileInputs(t *testing.T) {
	tests := []struct {
		name, src, summary string
	}{
		{"unary chain", "locals {\n  a = " + strings.Repeat("!", 5000) + "true\n}\n", "Expression too complex"},
		{"negation chain", "locals {\n  a = " + strings.Repeat("- ", 5000) + "1\n}\n", "Expression too complex"},
		{"conditional chain", "locals {\n  a = (" + strings.Repeat("true ? 1 :\n", 1500) + "2)\n}\n", "Expression too complex"},
		{"brackets", "locals {\n  a = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n}\n", "Nesting too deep"},
		{"templates", "locals {\n  a = " + strings.Repeat(`"${`, 3000) + "1" + strings.Repeat(`}"`, 3000) + "\n}\n", "Nesting too deep"},
		{"blocks", strings.Repeat("service \"a\" {\n", 400) + strings.Repeat("}\n", 400), "Nesting too deep"},
		{"huge", "locals {\n  a = \"" + strings.Repeat("x", maxFileSize) + "\"\n}\n", "Cannot read a spec file"},
		{"invalid utf-8", "service \"a\xff\xfe\" {\n  image = \"\xc3\x28\"\n}\n", ""},
		{"binary", "\x00\x01\x02service\x00{{{\x7f\xff", ""},
		{"unterminated", "service \"a\" {\n  image = \"x", ""},
		{"heredoc", "locals {\n  a = <<EOT\nno end\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recoverPanics = false
			defer func() { recoverPanics = true }()
			s, diags := loadSrc(t, map[string]string{"x.berth.hcl": tt.src}, Options{})
			if !diags.HasErrors() || s != nil {
				t.Fatalf("want errors and no spec, got %v:\n%s", s, diagText(diags))
			}
			if tt.summary != "" && diags[0].Summary != tt.summary {
				t.Errorf("summary = %q, want %q", diags[0].Summary, tt.summary)
			}
		})
	}
}
