package swarm

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

const renameSpec = `
berth {
  project = "rn"
  backend = "swarm"
}
service "api" {
  endpoint "get" {
    call "db" {}
  }
}
service "db" {}
link "api" "db" { timeout = "1s" }
`

// Renaming a callee (db → store) removes the old service only after its
// callers were updated to call the new one. Observation did not read
// which services a service starts after, so the delete of db ran beside
// the create of store, and api called a service that was gone until its
// own rolling update finished (50 s on the lab).
func TestRenamedCalleeGoesAfterItsCallers(t *testing.T) {
	obs := observedAsApplied(t, loadText(t, renameSpec))
	api := findObserved(obs, "service.api")
	if api == nil || !slices.ContainsFunc(api.Deps, func(d planner.Dep) bool { return d.To.String() == "service.db" }) {
		t.Fatalf("the observed api does not start after service.db: %+v", api)
	}
	p := plan(t, loadText(t, strings.ReplaceAll(renameSpec, `"db"`, `"store"`)), obs)
	steps := map[string]*planner.Step{}
	for _, s := range p.Steps {
		steps[string(s.Op)+" "+s.Address().String()] = s
	}
	del, upd := steps["delete service.db"], steps["update service.api"]
	if del == nil || upd == nil {
		t.Fatalf("want a delete of service.db and an update of service.api:\n%s", p)
	}
	if !slices.Contains(del.After, upd.ID) {
		t.Errorf("delete service.db (#%d) waits for %v, not for update service.api (#%d)", del.ID, del.After, upd.ID)
	}
}

func loadText(t *testing.T, text string) *lang.Spec {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return spec
}

// observedAsApplied is what Observe reads after spec was applied: each
// service through the swarm spec the executor builds and back.
func observedAsApplied(t *testing.T, spec *lang.Spec) *planner.Observed {
	t.Helper()
	obs := &planner.Observed{Project: spec.Project}
	for _, r := range desired(t, spec).Resources {
		hash := planner.ConfigHash(r, testTarget.Schema(r.Address.Type))
		if r.Address.Type != TypeService {
			obs.Resources = append(obs.Resources, &planner.ObservedResource{Resource: *r, ID: r.Address.String(), ConfigHash: hash})
			continue
		}
		def, err := defFromAttrs(r.Attrs)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := def.swarmSpec(specEnv{Project: spec.Project, Name: r.Address.Name, Address: r.Address.String(), ConfigHash: hash, After: startsAfter(r.Deps)})
		if err != nil {
			t.Fatal(err)
		}
		o, _ := observeService(swarm.Service{ID: r.Address.Name, Spec: ss}, observeEnv{Project: spec.Project})
		obs.Resources = append(obs.Resources, o)
	}
	obs.Sort()
	return obs
}

func findObserved(obs *planner.Observed, addr string) *planner.ObservedResource {
	for _, r := range obs.Resources {
		if r.Address.String() == addr {
			return r
		}
	}
	return nil
}
