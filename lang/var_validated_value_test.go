package lang

import (
	"strings"
	"testing"
)

// TestValidationSaysTheValue: a failed validation says which value was
// checked and where it came from (-var, the environment, its default), so
// a CI log shows which of them to fix; a sensitive value is not shown.
func TestValidationSaysTheValue(t *testing.T) {
	spec := func(typ, sensitive string) string {
		return `variable "port" {
  type      = ` + typ + `
  sensitive = ` + sensitive + `
  default   = 80
  validation {
    condition     = var.port > 1024
    error_message = "Use an unprivileged port."
  }
}
service "a" {}
`
	}
	tests := []struct {
		name, typ, sensitive string
		opts                 Options
		want, not            string
	}{
		{"default", "number", "false", Options{}, "var.port, whose value is 80 (from its default);", ""},
		{"-var", "number", "false", Options{Vars: map[string]string{"port": "22"}}, "whose value is 22 (from -var);", ""},
		{"environment", "number", "false", Options{Environ: []string{"BERTH_VAR_port=7"}}, "whose value is 7 (from BERTH_VAR_port);", ""},
		{"a string", "string", "false", Options{Vars: map[string]string{"port": "9"}}, `whose value is "9" (from -var);`, ""},
		{"sensitive", "number", "true", Options{Vars: map[string]string{"port": "443"}}, "whose value came from -var;", "443"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": spec(tt.typ, tt.sensitive)}, tt.opts)
			d := findDiag(diags, "Invalid value for variable", 6)
			if d == nil {
				t.Fatalf("no Invalid value for variable in:\n%s", diagText(diags))
			}
			if !strings.Contains(d.Detail, tt.want) {
				t.Errorf("the detail %q does not say %q", d.Detail, tt.want)
			}
			if tt.not != "" && strings.Contains(d.Detail, tt.not) {
				t.Errorf("the detail %q shows the sensitive value", d.Detail)
			}
		})
	}
}
