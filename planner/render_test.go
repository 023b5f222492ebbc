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
