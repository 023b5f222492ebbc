package compose

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// TestDesiredRefusesWhatDockerWouldMisread: input the engine would refuse
// half way through an apply, or accept wrongly, is an error of the plan,
// at the service or port block.
func TestDesiredRefusesWhatDockerWouldMisread(t *testing.T) {
	svcRange := hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: 3, Column: 1}}
	portRange := hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: 7, Column: 3}}
	tests := []struct {
		name    string
		edit    func(s *lang.Service)
		emulate bool
		summary string // "" = no error
		detail  string
		rng     hcl.Range
	}{
		{name: "valid", edit: func(s *lang.Service) {}},
		{name: "image uppercase", edit: func(s *lang.Service) { s.Image = "Shop/API:1" },
			summary: "Invalid image reference", detail: `"Shop/API:1"`, rng: svcRange},
		{name: "image two colons", edit: func(s *lang.Service) { s.Image = "a4app::1" },
			summary: "Invalid image reference", rng: svcRange},
		{name: "image ignored under --emulate", edit: func(s *lang.Service) { s.Image = "Shop/API:1" }, emulate: true},
		{name: "image with registry and digest", edit: func(s *lang.Service) {
			s.Image = "localhost:5000/shop/api:1@sha256:" + strings.Repeat("a", 64)
		}},
		{name: "image id", edit: func(s *lang.Service) { s.Image = strings.Repeat("b", 64) }},
		{name: "env name with =", edit: func(s *lang.Service) { s.Env["A=B"] = "x" },
			summary: "Invalid environment variable name", detail: `"A=B"`, rng: svcRange},
		{name: "env name empty", edit: func(s *lang.Service) { s.Env[""] = "y" },
			summary: "Invalid environment variable name", rng: svcRange},
		{name: "host_ip a name", edit: func(s *lang.Service) { s.Ports[0].HostIP = "localhost" },
			summary: "host_ip is not an IP address", detail: "every address", rng: portRange},
		{name: "host_ip IPv6", edit: func(s *lang.Service) { s.Ports[0].HostIP = "::1" }},
		{name: "replica ports past 65535", edit: func(s *lang.Service) { s.Ports[0].Published = 65535 },
			summary: "Replica ports past 65535", detail: "65535 to 65536", rng: portRange},
		{name: "mount target relative", edit: func(s *lang.Service) { s.Mounts = []lang.Mount{{Volume: "data", Target: "data"}} },
			summary: "Mount target is not an absolute path", detail: `"data"`, rng: svcRange},
		{name: "two mounts at one path", edit: func(s *lang.Service) {
			s.Mounts = []lang.Mount{{Volume: "data", Target: "/data"}, {Source: "/srv", Target: "/data/"}}
		}, summary: "Two mounts at one path", detail: "/data", rng: svcRange},
		{name: "a mount over a secret", edit: func(s *lang.Service) {
			s.Mounts = []lang.Mount{{Volume: "data", Target: "/run/secrets/jwt"}}
			s.Secrets = []string{"jwt"}
		}, summary: "Two mounts at one path", detail: "/run/secrets/jwt", rng: svcRange},
		{name: "mounts at their own paths", edit: func(s *lang.Service) {
			s.Mounts = []lang.Mount{{Volume: "data", Target: "/data"}, {Source: "/srv", Target: "/srv"}}
			s.Secrets = []string{"jwt"}
		}},
		{name: "last replica on 65535", edit: func(s *lang.Service) { s.Ports[0].Published = 65534 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := &lang.Service{Name: "api", Image: "shop/api:1", Replicas: 2,
				Env:       map[string]string{"MODE": "a"},
				Ports:     []lang.Port{{Published: 18080, Target: 8080, HostIP: "127.0.0.1", DeclRange: portRange}},
				DeclRange: svcRange}
			tt.edit(svc)
			spec := &lang.Spec{Project: "bcheck", Backend: "compose", Services: map[string]*lang.Service{"api": svc},
				Volumes: map[string]*lang.Volume{"data": {Name: "data"}},
				Secrets: map[string]*lang.Secret{"jwt": {Name: "jwt", Value: []byte("x")}}}
			tg := &Target{Emulate: tt.emulate, EmulatorImage: "berth-emulator:test",
				Emulator: func(*lang.Spec, string) (EmulatorContainer, error) { return EmulatorContainer{Port: 8080}, nil }}
			_, diags := tg.Desired(spec)
			if tt.summary == "" {
				if diags.HasErrors() {
					t.Fatalf("unexpected errors: %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Severity != hcl.DiagError || diags[0].Summary != tt.summary {
				t.Fatalf("want one error %q, got %v", tt.summary, diags)
			}
			if !strings.Contains(diags[0].Detail, tt.detail) {
				t.Errorf("detail %q does not say %q", diags[0].Detail, tt.detail)
			}
			if diags[0].Subject == nil || *diags[0].Subject != tt.rng {
				t.Errorf("subject %v, want %v", diags[0].Subject, tt.rng)
			}
		})
	}
}
