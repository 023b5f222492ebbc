package lang

import (
	"strings"
	"testing"
)

// An slo names its service the ways a load names its entry: a service,
// one endpoint by reference, or an endpoint attribute; a conflict and an
// unknown endpoint are errors at the value.
func TestSLOForms(t *testing.T) {
	const services = `
service "gw" {
  endpoint "list_orders" {}
  endpoint "health" {}
}
`
	for _, tc := range []struct {
		name, body      string
		service, ep     string
		wantErr, atText string
	}{
		{name: "service", body: `service = service.gw`, service: "gw"},
		{name: "string", body: `service = "gw"`, service: "gw"},
		{name: "endpoint reference", body: `service = service.gw.endpoint.list_orders`, service: "gw", ep: "list_orders"},
		{name: "endpoint attribute", body: "service = service.gw\nendpoint = \"health\"", service: "gw", ep: "health"},
		{name: "both", body: "service = service.gw.endpoint.health\nendpoint = \"health\"", wantErr: "Conflicting arguments", atText: `"health"`},
		{name: "unknown endpoint", body: `service = service.gw.endpoint.lsit_orders`, wantErr: "list_orders"},
		{name: "not a name", body: `service = ["gw"]`, wantErr: "service.NAME.endpoint.ENDPOINT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := services + "slo \"s\" {\n" + tc.body + "\np99 = \"1s\"\n}\n"
			sp, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
			if tc.wantErr != "" {
				text := diagText(diags)
				if !diags.HasErrors() || !strings.Contains(text, tc.wantErr) {
					t.Fatalf("want an error mentioning %q, got:\n%s", tc.wantErr, text)
				}
				if tc.atText != "" {
					d := diags[0]
					if got := string(d.Subject.SliceBytes([]byte(src))); got != tc.atText {
						t.Errorf("error at %q, want at %q", got, tc.atText)
					}
				}
				return
			}
			if diags.HasErrors() {
				t.Fatal(diagText(diags))
			}
			s := sp.SLOs["s"]
			if s.Service != tc.service || s.Endpoint != tc.ep {
				t.Errorf("slo on %q endpoint %q, want %q endpoint %q", s.Service, s.Endpoint, tc.service, tc.ep)
			}
		})
	}
}
