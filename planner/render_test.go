package planner

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRenderForcesBothOrders: the attribute that forces a replacement is
// marked "# forces replacement" whether the replacement deletes first
// (-/+) or creates first (+/-, a rotated secret), as terraform marks it
// for create_before_destroy too.
func TestRenderForcesBothOrders(t *testing.T) {
	p := secretRotationPlan(t, "compose")
	p.Project = "shop"
	var b strings.Builder
	Render(&b, p.JSON(), RenderOptions{})
	want := `berth will perform the following actions on the compose project "shop":

  -/+ container.auth[1]          must be replaced
      secrets.jwt: (sensitive) sha256:aaaaaaaaaaaa → (sensitive) sha256:bbbbbbbbbbbb   # forces replacement
  +/- secret.jwt                 must be replaced (new one first)
      content: (sensitive) sha256:aaaaaaaaaaaa → (sensitive) sha256:bbbbbbbbbbbb   # forces replacement

Plan: 2 to add, 0 to change, 2 to destroy.
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("render (-want +got):\n%s", diff)
	}
}

// A resource that matches the spec but is not ready is listed after the
// plan, whether or not there are changes; an unready one that the plan
// changes is not (the change is what will be done about it), and the
// unready reason survives a plan file.
func TestRenderUnready(t *testing.T) {
	jp := &JSONPlan{Backend: "swarm", Project: "shop", ResourceChanges: []*JSONChange{
		{Address: "service.api", Actions: []string{"no-op"}, Unready: "0/2 running, 2 failed"},
		{Address: "service.db", Actions: []string{"no-op"}},
	}}
	var b strings.Builder
	Render(&b, jp, RenderOptions{})
	want := `No changes. The swarm project "shop" matches the spec.

Not ready, though they match the spec (berth status shows more):
  service.api                0/2 running, 2 failed
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("render (-want +got):\n%s", diff)
	}
	jp.ResourceChanges[0].Actions = []string{"update"}
	b.Reset()
	Render(&b, jp, RenderOptions{})
	if strings.Contains(b.String(), "Not ready") {
		t.Errorf("a resource the plan updates is listed as not ready:\n%s", b.String())
	}
	c, err := (&JSONChange{Address: "service.api", Type: "service", Name: "api", Actions: []string{"no-op"}, Unready: "0/2 running"}).change()
	if err != nil || c.Before == nil || c.Before.Unready != "0/2 running" {
		t.Errorf("read back from a plan file: %+v, %v", c.Before, err)
	}
}

// A memory limit reads in binary units, as the spec writes it (it read
// "memory: 268435456 → 536870912"), also from a plan file, whose JSON
// numbers decode as float64; the JSON keeps the exact bytes.
func TestRenderMemoryInUnits(t *testing.T) {
	for _, tc := range []struct {
		before, after any
	}{
		{int64(256 << 20), int64(512 << 20)},
		{float64(256 << 20), float64(512 << 20)}, // read back from a plan file
	} {
		jp := &JSONPlan{Backend: "compose", Project: "shop", ResourceChanges: []*JSONChange{{
			Address: "container.api[1]", Actions: []string{"update"},
			Reasons: []Reason{{Attribute: "memory", Before: tc.before, After: tc.after, Action: Update}},
		}}, Summary: JSONSummary{Change: 1}}
		var b strings.Builder
		Render(&b, jp, RenderOptions{})
		if !strings.Contains(b.String(), "      memory: 256MiB → 512MiB\n") {
			t.Errorf("%T values: render:\n%s", tc.before, b.String())
		}
	}
	r := Reason{Attribute: "memory", After: int64(100000000), Action: Update}
	if got, want := r.String(), "memory: (none) → 100000000B"; got != want {
		t.Errorf("a limit in bytes: %q, want %q", got, want)
	}
	if got, want := (Reason{Attribute: "replicas", Before: int64(1024), After: int64(2048)}).String(), "replicas: 1024 → 2048"; got != want {
		t.Errorf("a count is no size: %q, want %q", got, want)
	}
}
