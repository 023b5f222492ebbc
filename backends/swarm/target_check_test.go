package swarm

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// TestDesiredRefusesWhatSwarmWouldRefuse: what the manager refuses when
// the service is created (after the plan's networks and secrets are made),
// or what its tasks fail on, or what reads back as a diff on every plan,
// is an error of the plan, at the service or port block. What berth
// changes on its own is a warning.
func TestDesiredRefusesWhatSwarmWouldRefuse(t *testing.T) {
	svcRange := hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: 3, Column: 1}}
	portRange := hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: 7, Column: 3}}
	healthRange := hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: 12, Column: 3}}
	placementRange := hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: 18, Column: 3}}
	tests := []struct {
		name     string
		edit     func(s *lang.Service)
		emulate  bool
		project  string
		summary  string // "" = no diagnostic
		severity hcl.DiagnosticSeverity
		detail   string
		rng      hcl.Range
	}{
		{name: "valid", edit: func(s *lang.Service) {}},
		{name: "image uppercase", edit: func(s *lang.Service) { s.Image = "Shop/API:1" },
			summary: "Invalid image reference", detail: `"Shop/API:1"`, rng: svcRange},
		{name: "image ignored under --emulate", edit: func(s *lang.Service) { s.Image = "Shop/API:1" }, emulate: true},
		{name: "image with registry and digest", edit: func(s *lang.Service) {
			s.Image = "localhost:5000/shop/api:1@sha256:" + strings.Repeat("a", 64)
		}},
		{name: "env name with =", edit: func(s *lang.Service) { s.Env["A=B"] = "x" },
			summary: "Invalid environment variable name", detail: `"A=B"`, rng: svcRange},
		{name: "dnsrr with an ingress port", edit: func(s *lang.Service) { s.EndpointMode = "dnsrr"; s.Ports[0].Mode = "" },
			summary: "An ingress port needs endpoint_mode vip", detail: `mode = "host"`, rng: portRange},
		{name: "dnsrr with a host port", edit: func(s *lang.Service) { s.EndpointMode = "dnsrr" }},
		{name: "dnsrr with an unpublished port", edit: func(s *lang.Service) {
			s.EndpointMode = "dnsrr"
			s.Ports[0].Published, s.Ports[0].Mode = 0, ""
		}},
		{name: "a published port twice", edit: func(s *lang.Service) {
			s.Ports = append(s.Ports, lang.Port{Published: 18080, Target: 9090, Mode: "host", DeclRange: portRange})
		}, summary: "Port published twice", detail: "18080/tcp", rng: portRange},
		{name: "same port, other protocol", edit: func(s *lang.Service) {
			s.Ports = append(s.Ports, lang.Port{Published: 18080, Target: 8080, Protocol: "udp", Mode: "host", DeclRange: portRange})
		}},
		{name: "constraint with one =", edit: func(s *lang.Service) {
			s.Placement = lang.Placement{Constraints: []string{"node.role = manager"}, DeclRange: placementRange}
		}, summary: "Invalid placement constraint", detail: `"node.role = manager"`, rng: placementRange},
		{name: "constraint without a value", edit: func(s *lang.Service) { s.Placement.Constraints = []string{"node.role=="} },
			summary: "Invalid placement constraint", rng: svcRange},
		{name: "constraints that swarm takes", edit: func(s *lang.Service) {
			s.Placement.Constraints = []string{"node.role==manager", "node.labels.zone != eu-1", "engine.labels.disk == ssd",
				"Node.Hostname == n1", "node.ip != 10.0.0.0/24", "node.role != boss", "node.platform.os == linux"}
		}},
		// What swarm takes and then matches on no node: the service is
		// made and its tasks stay pending for ever.
		{name: "a key swarm does not read", edit: func(s *lang.Service) { s.Placement.Constraints = []string{"node.zone == eu-1"} },
			summary: "Placement constraint that no node matches", detail: `not "node.zone" (a node label is node.labels.zone)`, rng: svcRange},
		{name: "an unknown key with !=", edit: func(s *lang.Service) { s.Placement.Constraints = []string{"zone != eu-1"} },
			summary: "Placement constraint that no node matches", detail: `not "zone"`, rng: svcRange},
		{name: "a role no node has", edit: func(s *lang.Service) { s.Placement.Constraints = []string{"node.role == boss"} },
			summary: "Placement constraint that no node matches", detail: "manager or a worker", rng: svcRange},
		{name: "node.ip that is no address", edit: func(s *lang.Service) { s.Placement.Constraints = []string{"node.ip == node-1"} },
			summary: "Placement constraint that no node matches", detail: "no IP address", rng: svcRange},
		{name: "spread over a label", edit: func(s *lang.Service) { s.Placement.Spread = []string{"node.labels.zone", "Engine.Labels.rack"} }},
		{name: "spread over no label", edit: func(s *lang.Service) { s.Placement.Spread = []string{"zone"} },
			summary: "Spread over no label", severity: hcl.DiagWarning, detail: `Write "node.labels.zone"`, rng: svcRange},
		{name: "a value swarm refuses", edit: func(s *lang.Service) { s.Placement.Constraints = []string{"node.labels.team == a,b"} },
			summary: "Invalid placement constraint", detail: `refuses the value "a,b"`, rng: svcRange},
		{name: "memory below 4MiB", edit: func(s *lang.Service) { s.Resources.Memory = 1 << 20 },
			summary: "Memory limit below 4MiB", detail: "1048576", rng: svcRange},
		{name: "cpus below 0.001", edit: func(s *lang.Service) { s.Resources.CPUs = 0.0001 },
			summary: "CPU limit below 0.001", rng: svcRange},
		{name: "health interval below 1ms", edit: func(s *lang.Service) {
			s.Health = &lang.Health{Cmd: []string{"CMD", "true"}, Interval: 500 * time.Microsecond, Timeout: time.Second, Retries: 3, DeclRange: healthRange}
		}, summary: "Health check duration below 1ms", detail: "interval", rng: healthRange},
		{name: "service name with a dot", edit: func(s *lang.Service) { s.Name = "api.v2" },
			summary: "Invalid swarm service name", detail: `"sc_api.v2"`, rng: svcRange},
		{name: "service name too long", edit: func(s *lang.Service) { s.Name = strings.Repeat("a", 61) },
			summary: "Invalid swarm service name", detail: "63", rng: svcRange},
		{name: "berth's own label", edit: func(s *lang.Service) { s.Labels = map[string]string{"io.berth.project": "x"} },
			summary: "Reserved label", detail: `"io.berth.project"`, rng: svcRange},
		{name: "the stack's label", edit: func(s *lang.Service) { s.Labels = map[string]string{"com.docker.stack.namespace": "x"} },
			summary: "Reserved label", rng: svcRange},
		{name: "volume target not absolute", edit: func(s *lang.Service) { s.Mounts = []lang.Mount{{Volume: "data", Target: "data"}} },
			summary: "Mount target is not an absolute path", detail: `"data"`, rng: svcRange},
		{name: "rollback that rolls back", edit: func(s *lang.Service) {
			s.Rollback = &lang.Update{Parallelism: 1, FailureAction: "rollback"}
		}, summary: "A rollback cannot roll back", severity: hcl.DiagWarning, detail: `"pause"`, rng: svcRange},
		// swarm pauses an update at a task that exits 0 within it
		{name: "one-shot job, default failure action", edit: func(s *lang.Service) {
			s.Restart = lang.Restart{Condition: "none"}
			s.Update = lang.Update{Parallelism: 1, FailureAction: "pause"}
		}, summary: "A job's update would stop at its first task", severity: hcl.DiagWarning, detail: `failure_action = "continue"`, rng: svcRange},
		{name: "on-failure job that rolls back", edit: func(s *lang.Service) {
			s.Restart = lang.Restart{Condition: "on-failure"}
			s.Update = lang.Update{Parallelism: 1, FailureAction: "rollback"}
		}, summary: "A job's update would stop at its first task", severity: hcl.DiagWarning, detail: `with failure_action = "rollback"`, rng: svcRange},
		{name: "one-shot job that continues", edit: func(s *lang.Service) {
			s.Restart = lang.Restart{Condition: "none"}
			s.Update = lang.Update{Parallelism: 1, FailureAction: "continue"}
		}},
		{name: "one-shot job under --emulate", edit: func(s *lang.Service) {
			s.Restart = lang.Restart{Condition: "none"}
		}, emulate: true},
		{name: "restart any", edit: func(s *lang.Service) {
			s.Restart = lang.Restart{Condition: "any"}
			s.Update = lang.Update{Parallelism: 1, FailureAction: "pause"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := &lang.Service{Name: "api", Image: "shop/api:1", Replicas: 2,
				Env:       map[string]string{"MODE": "a"},
				Ports:     []lang.Port{{Published: 18080, Target: 8080, Protocol: "tcp", Mode: "host", DeclRange: portRange}},
				DeclRange: svcRange}
			tt.edit(svc)
			spec := &lang.Spec{Project: "sc", Backend: "swarm", Services: map[string]*lang.Service{svc.Name: svc}}
			tg := &Target{Emulate: tt.emulate, EmulatorImage: "berth-emulator:test"}
			_, diags := tg.Desired(spec)
			if tt.summary == "" {
				if len(diags) > 0 {
					t.Fatalf("unexpected diagnostics: %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Summary != tt.summary || diags[0].Severity != orError(tt.severity) {
				t.Fatalf("want one diagnostic %q, got %v", tt.summary, diags)
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

func orError(s hcl.DiagnosticSeverity) hcl.DiagnosticSeverity {
	if s == hcl.DiagInvalid {
		return hcl.DiagError
	}
	return s
}

// A bind mount's relative source is the spec directory's, as on compose
// and in docker stack deploy: swarm's tasks fail on a relative path.
func TestDesiredBindSourceFromSpecDir(t *testing.T) {
	svc := &lang.Service{Name: "api", Image: "shop/api:1", Replicas: 1,
		Mounts: []lang.Mount{{Source: "conf", Target: "/etc/app", ReadOnly: true}, {Source: "/srv/data", Target: "/data"}}}
	spec := &lang.Spec{Project: "sc", Backend: "swarm", Dir: "/work/spec", Services: map[string]*lang.Service{"api": svc}}
	d, diags := testTarget.Desired(spec)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	got := strings.Join(findResource(d, "service.api").Attrs.List(attrMounts), " ")
	if want := "bind:/work/spec/conf:/etc/app:ro bind:/srv/data:/data"; got != want {
		t.Errorf("mounts %s, want %s", got, want)
	}
}
