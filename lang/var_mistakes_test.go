package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVarValueMistakes gives a required variable a value that fails: the
// mistake is one diagnostic, with a range, not also "No value for required
// variable".
func TestVarValueMistakes(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.vars")
	if err := os.WriteFile(broken, []byte("n = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nope.vars")
	const spec = "variable \"n\" {\n  type = number\n}\nservice \"a\" {\n  replicas = var.n\n}\n"
	tests := []struct {
		name, summary, file, detail string
		opts                        Options
	}{
		{"missing var-file", "Cannot read a variables file", missing, "it does not exist (a -var-file path is taken from the working directory", Options{VarFiles: []string{missing}}},
		{"var-file that does not parse", "Invalid expression", broken, "Expected the start of an expression", Options{VarFiles: []string{broken}}},
		{"-var for a misspelled name", "Value for undeclared variable", "<-var nn>", `Did you mean "n"?`, Options{Vars: map[string]string{"nn": "3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": spec}, tt.opts)
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %d:\n%s", len(diags), diagText(diags))
			}
			d := diags[0]
			if d.Summary != tt.summary || d.Subject == nil || d.Subject.Filename != tt.file || !strings.Contains(d.Detail, tt.detail) {
				t.Errorf("got %s, want %q at %s with %q", diagText(diags), tt.summary, tt.file, tt.detail)
			}
			if strings.Contains(d.Detail, "no such file") {
				t.Errorf("Go's error in the detail: %s", d.Detail)
			}
		})
	}
}

// TestVarValueShown: a -var or BERTH_VAR_ value that does not fit the
// type is shown in the message, whose range (the variable block) does not
// show it; a sensitive one is not.
func TestVarValueShown(t *testing.T) {
	const spec = "variable \"n\" {\n  type = number\n}\nvariable \"k\" {\n  type      = number\n  sensitive = true\n}\n"
	_, diags := loadSrc(t, map[string]string{"main.berth.hcl": spec}, Options{Vars: map[string]string{"n": "three"}, Environ: []string{"BERTH_VAR_k=hunter2"}})
	text := diagText(diags)
	if !strings.Contains(text, `The value from -var of var.n ("three") does not fit its type number`) {
		t.Errorf("the -var value is not shown:\n%s", text)
	}
	if strings.Contains(text, "hunter2") || !strings.Contains(text, "The value from BERTH_VAR_k of var.k does not fit") {
		t.Errorf("the sensitive value is shown, or its error is missing:\n%s", text)
	}
}
