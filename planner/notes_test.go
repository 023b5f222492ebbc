package planner

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestObservedNotes: a container berth created whose start failed is
// planned to be started (in place) with the note as its reason, and is
// not drift; one that exited is drift, started too, with its note.
func TestObservedNotes(t *testing.T) {
	schema := func(typ string) Schema { return Schema{Modes: map[string]Mode{"state": ModeRepair}} }
	desired := with(service("api", 2, "shop/api:1"), func(r *Resource) { r.Attrs.Set("state", "running") })
	p0, err := Reconcile("test", schema, desired, &Observed{Project: "p"})
	if err != nil {
		t.Fatal(err)
	}
	obs := ApplyInMemory(&Observed{Project: "p"}, p0, schema)
	edit(obs, "container.api[1]", func(r *ObservedResource) {
		r.Attrs.Set("state", "created")
		r.Notes = map[string]AttrNote{"state": {Why: "created, never started: bind: address already in use", Unfinished: true}}
	})
	edit(obs, "container.api[2]", func(r *ObservedResource) {
		r.Attrs.Set("state", "exited")
		r.Notes = map[string]AttrNote{"state": {Why: "exited with code 137"}}
	})
	p, err := Reconcile("test", schema, desired, obs)
	if err != nil {
		t.Fatal(err)
	}
	p.Project = "shop"
	var b strings.Builder
	Render(&b, p.JSON(), RenderOptions{})
	want := `Changes outside berth (drift):

  container.api[2] was changed
      state: "running" → "exited" (exited with code 137)

berth will perform the following actions on the test project "shop":

  ~   container.api[1]           will be updated in place
      state: "created" → "running" (created, never started: bind: address already in use)
  ~   container.api[2]           will be updated in place
      state: "exited" → "running" (exited with code 137) [changed outside berth]

Plan: 0 to add, 2 to change, 0 to destroy.
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("render (-want +got):\n%s", diff)
	}
	// A spec change replaces it, whatever its state.
	desired2 := with(service("api", 1, "shop/api:2"), func(r *Resource) { r.Attrs.Set("state", "running") })
	p2, err := Reconcile("test", schema, desired2, obs)
	if err != nil {
		t.Fatal(err)
	}
	if c := p2.Changes[0]; c.Action != Replace || len(p2.Drift) != 0 {
		t.Errorf("after a spec change: %s, drift %v", p2, p2.Drift)
	}
}
