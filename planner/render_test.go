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
