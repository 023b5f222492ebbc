package lang

import (
	"strings"
	"testing"
)

// TestDigitNameAfterDot: a reference to a name that starts with a digit
// (service.2fa, which HCL lexes as service.2 and fa) is explained at the
// whole reference, with the index form to write; other syntax errors
// after a digit keep the parser's words.
func TestDigitNameAfterDot(t *testing.T) {
	tests := []struct {
		name, src string
		subject   string // the text under the error; "" = the parser's diagnostic stays
		detail    string
	}{
		{"in a list", "service \"2fa\" {}\nservice \"a\" {\n  depends_on = [service.2fa]\n}\n",
			"service.2fa", `Write service["2fa"] instead`},
		{"an argument", "service \"2fa\" {}\nload \"l\" {\n  entry = service.2fa.endpoint.default\n  rate  = 1\n}\n",
			"service.2fa", `or the name as a string, "2fa"`},
		{"in a template", "service \"2fa\" {}\nservice \"a\" {\n  env = {\n    X = \"${service.2fa.name}\"\n  }\n}\n",
			"service.2fa", `service.2fa reads as service.2 followed by fa`},
		{"a map key", "locals {\n  x = { \"1a\" = 2 }\n  y = local.x.1a\n}\n",
			"local.x.1a", `Write local.x["1a"] instead`},
		{"a number", "locals {\n  y = 1.5x\n}\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": tt.src}, Options{})
			if !diags.HasErrors() {
				t.Fatalf("want an error, got none")
			}
			d := diags[0]
			if tt.subject == "" {
				if d.Summary == "Name starting with a digit after a dot" {
					t.Errorf("%q is not a name after a dot: %s", tt.src, d.Detail)
				}
				return
			}
			if len(diags) != 1 || d.Summary != "Name starting with a digit after a dot" {
				t.Fatalf("want one error about the name, got:\n%s", diagText(diags))
			}
			if got := string(d.Subject.SliceBytes([]byte(tt.src))); got != tt.subject {
				t.Errorf("the error is at %q, want %q", got, tt.subject)
			}
			if !strings.Contains(d.Detail, tt.detail) {
				t.Errorf("the detail %q does not say %q", d.Detail, tt.detail)
			}
		})
	}
}
