package compose

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// genSpec draws a random compose project: networks, a secret, services
// with images, replicas, env, ports, health, limits, depends_on and calls.
func genSpec(t *rapid.T, label string) *lang.Spec {
	spec := &lang.Spec{Project: "p", Dir: "/spec", Networks: map[string]*lang.Network{}, Secrets: map[string]*lang.Secret{}, Services: map[string]*lang.Service{}}
	for _, n := range rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"edge", "backend"}), 0, 2, rapid.ID[string]).Draw(t, label+"nets") {
		spec.Networks[n] = &lang.Network{Name: n, Internal: rapid.Bool().Draw(t, label+"internal-"+n)}
	}
	if rapid.Bool().Draw(t, label+"secret") {
		spec.Secrets["jwt"] = &lang.Secret{Name: "jwt", Path: "/spec/jwt.pem"}
	}
	nets := make([]string, 0, len(spec.Networks))
	for n := range spec.Networks {
		nets = append(nets, n)
	}
	var names []string
	for i := 0; i < rapid.IntRange(0, 4).Draw(t, label+"nsvc"); i++ {
		name := fmt.Sprintf("s%d", i)
		svc := &lang.Service{
			Name:     name,
			Image:    rapid.SampledFrom([]string{"x:1", "x:2"}).Draw(t, label+"image-"+name),
			Replicas: rapid.IntRange(0, 3).Draw(t, label+"replicas-"+name),
			Env:      rapid.MapOfN(rapid.SampledFrom([]string{"A", "B"}), rapid.SampledFrom([]string{"", "1"}), 0, 2).Draw(t, label+"env-"+name),
		}
		if len(nets) > 0 {
			svc.Networks = rapid.SliceOfNDistinct(rapid.SampledFrom(nets), 0, len(nets), rapid.ID[string]).Draw(t, label+"use-"+name)
		}
		if _, ok := spec.Secrets["jwt"]; ok && rapid.Bool().Draw(t, label+"usesecret-"+name) {
			svc.Secrets = []string{"jwt"}
		}
		if rapid.Bool().Draw(t, label+"port-"+name) {
			svc.Ports = []lang.Port{{Published: 20000 + 10*i, Target: 8080, HostIP: "127.0.0.1"}}
		}
		if rapid.Bool().Draw(t, label+"health-"+name) {
			svc.Health = &lang.Health{Cmd: []string{"/app", "--probe"}, Interval: time.Duration(rapid.IntRange(1, 2).Draw(t, label+"interval-"+name)) * time.Second, Retries: 3}
		}
		svc.Resources.Memory = lang.Size(rapid.IntRange(0, 2).Draw(t, label+"mem-"+name)) << 26
		svc.Restart.Condition = rapid.SampledFrom([]string{"", "on-failure", "none"}).Draw(t, label+"restart-"+name)
		if len(names) > 0 {
			svc.DependsOn = rapid.SliceOfNDistinct(rapid.SampledFrom(names), 0, 1, rapid.ID[string]).Draw(t, label+"deps-"+name)
			flow := &lang.Step{Kind: lang.StepSequence}
			for _, c := range rapid.SliceOfNDistinct(rapid.SampledFrom(names), 0, len(names), rapid.ID[string]).Draw(t, label+"calls-"+name) {
				flow.Children = append(flow.Children, &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: c}})
			}
			svc.Endpoints = []*lang.Endpoint{{Name: "e", Flow: flow}}
		}
		spec.Services[name] = svc
		names = append(names, name)
	}
	return spec
}

// TestPropertyComposeApplyThenReplan: over random specs and random edits
// between them, applying the plan (in memory) and planning again is empty,
// the plan's text does not depend on anything but its inputs, and a
// compose container is never updated in place with a changed config hash
// (its labels could not say so).
func TestPropertyComposeApplyThenReplan(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		secret := rapid.SampledFrom([]string{"one", "two"})
		contents := map[string][]byte{"/spec/jwt.pem": []byte(secret.Draw(t, "before-secret"))}
		tg := &Target{ReadFile: func(p string) ([]byte, error) { return contents[p], nil }}
		plan := func(spec *lang.Spec, obs *planner.Observed) *planner.Plan {
			p, _, diags := planner.Make(tg, spec, obs)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			return p
		}
		empty := &planner.Observed{Project: "p"}
		obs := planner.ApplyInMemory(empty, plan(genSpec(t, "before-"), empty), Schema)

		contents["/spec/jwt.pem"] = []byte(secret.Draw(t, "after-secret"))
		after := genSpec(t, "after-")
		p := plan(after, obs)
		if again := plan(after, obs); again.String() != p.String() {
			t.Fatalf("two plans of the same inputs differ:\n%s\nvs\n%s", p, again)
		}
		for _, c := range p.Changes {
			if c.Type == TypeContainer && c.Action == planner.Update && c.Before.ConfigHash != c.AfterHash {
				t.Fatalf("%s is updated in place although its config hash changes:\n%s", c.Address, p)
			}
		}
		next := planner.ApplyInMemory(obs, p, Schema)
		if p2 := plan(after, next); !p2.Empty() {
			t.Fatalf("replan after apply is not empty:\n%s\nplan was:\n%s", p2, p)
		}
	})
}
