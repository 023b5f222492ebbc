package compose

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// TestDesiredRefusesMoreContainersThanOneEngine: replicas past what one
// engine can network are an error at the service that crosses the bound,
// before any container is compiled (a million replicas took 30 s and
// 1 GiB, a billion all the machine's memory); up to it the spec compiles.
func TestDesiredRefusesMoreContainersThanOneEngine(t *testing.T) {
	rng := func(line int) hcl.Range {
		return hcl.Range{Filename: "main.berth.hcl", Start: hcl.Pos{Line: line, Column: 1}}
	}
	tests := []struct {
		name   string
		a, b   int
		detail string // "" = compiles
		at     hcl.Range
	}{
		{name: "one service past the bound", a: 1, b: MaxContainers + 1,
			detail: `("b" alone 65535 replicas)`, at: rng(2)},
		{name: "the sum past the bound", a: 40_000, b: 30_000,
			detail: `more than 65534 in all ("b" alone 30000 replicas)`, at: rng(2)},
		{name: "a billion", a: 1_000_000_000, b: 1, detail: `("a" alone 1000000000 replicas)`, at: rng(1)},
		{name: "at the bound", a: 34, b: MaxContainers - 34},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := &lang.Spec{Project: "blimit", Backend: "compose", Services: map[string]*lang.Service{
				"a": {Name: "a", Image: "shop/a:1", Replicas: tt.a, DeclRange: rng(1)},
				"b": {Name: "b", Image: "shop/b:1", Replicas: tt.b, DeclRange: rng(2)},
			}}
			d, diags := (&Target{}).Desired(spec)
			if tt.detail == "" {
				if diags.HasErrors() {
					t.Fatalf("unexpected errors: %v", diags)
				}
				if n := len(d.Resources); n != MaxContainers+1 { // and the default network
					t.Errorf("%d resources, want %d", n, MaxContainers+1)
				}
				return
			}
			if len(diags) != 1 || diags[0].Summary != "Too many containers for one engine" {
				t.Fatalf("want one error Too many containers for one engine, got %v", diags)
			}
			if !strings.Contains(diags[0].Detail, tt.detail) {
				t.Errorf("detail %q does not say %q", diags[0].Detail, tt.detail)
			}
			if diags[0].Subject == nil || *diags[0].Subject != tt.at {
				t.Errorf("subject %v, want %v", diags[0].Subject, tt.at)
			}
			if len(d.Resources) != 0 {
				t.Errorf("%d resources compiled, want none", len(d.Resources))
			}
		})
	}
}
