package planner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// genDesired draws a random set of resources: networks, secrets and
// replicated containers that use them and call each other (callers only call
// services drawn before them, so start order is acyclic).
func genDesired(t *rapid.T, label string) []*Resource {
	var out []*Resource
	nets := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"a", "b", "c"}), 0, 3, rapid.ID[string]).Draw(t, label+"nets")
	for _, n := range nets {
		r := network(n)
		r.Attrs.Set("internal", rapid.Bool().Draw(t, label+"internal-"+n))
		out = append(out, r)
	}
	secrets := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"jwt", "db"}), 0, 2, rapid.ID[string]).Draw(t, label+"secrets")
	for _, s := range secrets {
		out = append(out, secret(s, fmt.Sprintf("sha256:%012d", rapid.IntRange(0, 2).Draw(t, label+"hash-"+s))))
	}
	nsvc := rapid.IntRange(0, 4).Draw(t, label+"nsvc")
	var svcs []string
	replicas := map[string]int{}
	for i := 0; i < nsvc; i++ {
		name := fmt.Sprintf("s%d", i)
		n := rapid.IntRange(0, 3).Draw(t, label+"replicas-"+name)
		image := rapid.SampledFrom([]string{"x:1", "x:2"}).Draw(t, label+"image-"+name)
		var use []string
		if len(nets) > 0 {
			use = rapid.SliceOfNDistinct(rapid.SampledFrom(nets), 0, len(nets), rapid.ID[string]).Draw(t, label+"use-"+name)
		}
		rs := service(name, n, image, use...)
		mem := rapid.IntRange(0, 2).Draw(t, label+"mem-"+name)
		env := rapid.MapOfN(rapid.SampledFrom([]string{"A", "B"}), rapid.SampledFrom([]string{"", "1"}), 0, 2).Draw(t, label+"env-"+name)
		var useSecrets []string
		if len(secrets) > 0 {
			useSecrets = rapid.SliceOfNDistinct(rapid.SampledFrom(secrets), 0, len(secrets), rapid.ID[string]).Draw(t, label+"usesecrets-"+name)
		}
		for _, r := range rs {
			r.Attrs.Set("memory", mem*128)
			r.Attrs.Set("env", env)
			m := map[string]string{}
			for _, s := range useSecrets {
				for _, sr := range out {
					if sr.Address == (Address{"secret", s}) {
						m[s] = sr.Attrs.String("content")
					}
				}
				r.Deps = append(r.Deps, Dep{To: Address{"secret", s}, Kind: DepUses})
				r.Sensitive = append(r.Sensitive, "secrets."+s)
			}
			r.Attrs.Set("secrets", m)
		}
		if len(svcs) > 0 {
			for _, callee := range rapid.SliceOfNDistinct(rapid.SampledFrom(svcs), 0, len(svcs), rapid.ID[string]).Draw(t, label+"calls-"+name) {
				startAfter(rs, callee, replicas[callee])
			}
		}
		svcs = append(svcs, name)
		replicas[name] = n
		out = append(out, rs...)
	}
	return out
}

// genDrift changes the snapshot the way people do by hand.
func genDrift(t *rapid.T, o *Observed) *Observed {
	for n := rapid.IntRange(0, 3).Draw(t, "drifts"); n > 0 && len(o.Resources) > 0; n-- {
		i := rapid.IntRange(0, len(o.Resources)-1).Draw(t, "drift")
		r := o.Resources[i].Clone()
		nr := *o.Resources[i]
		nr.Resource = *r
		switch rapid.IntRange(0, 3).Draw(t, "drift-kind") {
		case 0:
			nr.Attrs.Set("env", map[string]string{"HAND": "made"})
		case 1:
			nr.Attrs.Set("networks", nil)
		case 2:
			nr.Attrs.Set("image", "hand:1")
		case 3:
			o.Resources = append(o.Resources[:i:i], o.Resources[i+1:]...)
			continue
		}
		o.Resources[i] = &nr
	}
	return o
}

func shuffled[T any](t *rapid.T, in []T, label string) []T {
	out := append([]T(nil), in...)
	for i := len(out) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, label)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// TestPropertyApplyThenReplanIsEmpty: from any earlier state, with any
// drift, applying the plan in memory and planning again changes nothing;
// and the plan does not depend on the order of its inputs.
func TestPropertyApplyThenReplanIsEmpty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		before := genDesired(t, "before-")
		start := &Observed{Project: "p"}
		p0, err := Reconcile("test", testSchema, before, start)
		if err != nil {
			t.Fatal(err)
		}
		obs := genDrift(t, ApplyInMemory(start, p0, testSchema))
		desired := genDesired(t, "after-")

		p, err := Reconcile("test", testSchema, desired, obs)
		if err != nil {
			t.Fatal(err)
		}
		checkStepsRespectDeps(t, p)

		again, err := Reconcile("test", testSchema, shuffled(t, desired, "shuffle-d"),
			&Observed{Project: "p", Resources: shuffled(t, obs.Resources, "shuffle-o")})
		if err != nil {
			t.Fatal(err)
		}
		if p.String() != again.String() {
			t.Fatalf("plan depends on input order:\n%s\nvs\n%s", p, again)
		}

		after := ApplyInMemory(obs, p, testSchema)
		p2, err := Reconcile("test", testSchema, desired, after)
		if err != nil {
			t.Fatal(err)
		}
		if !p2.Empty() {
			t.Fatalf("replan after apply is not empty:\n%s\nfirst plan:\n%s", p2, p)
		}
	})
}

// checkStepsRespectDeps: every step comes after the steps it waits for, and
// creates wait for the creates of what they use.
func checkStepsRespectDeps(t *rapid.T, p *Plan) {
	pos := map[stepKey]int{}
	for i, s := range p.Steps {
		if s.ID != i+1 {
			t.Fatalf("step %d has id %d", i+1, s.ID)
		}
		for _, a := range s.After {
			if a >= s.ID {
				t.Fatalf("step #%d waits for a later step #%d", s.ID, a)
			}
		}
		pos[stepKey{s.Address(), s.Op}] = s.ID
	}
	for _, c := range p.Changes {
		if c.After == nil {
			continue
		}
		me, ok := pos[stepKey{c.Address, OpCreate}]
		if !ok {
			continue
		}
		for _, d := range c.After.Deps {
			if dep, ok := pos[stepKey{d.To, OpCreate}]; ok && !waitsFor(p, me, dep) {
				t.Fatalf("create %s (#%d) does not wait for create %s (#%d)", c.Address, me, d.To, dep)
			}
		}
	}
}

func waitsFor(p *Plan, step, dep int) bool {
	if step == dep {
		return true
	}
	for _, a := range p.Steps[step-1].After {
		if waitsFor(p, a, dep) {
			return true
		}
	}
	return false
}

func TestJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		obs := genDrift(t, func() *Observed {
			p0, _ := Reconcile("test", testSchema, genDesired(t, "before-"), &Observed{Project: "p"})
			return ApplyInMemory(&Observed{Project: "p"}, p0, testSchema)
		}())
		p, err := Reconcile("test", testSchema, genDesired(t, "after-"), obs)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(p.JSON()); err != nil {
			t.Fatal(err)
		}
		jp, err := ReadJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		back, err := jp.Plan()
		if err != nil {
			t.Fatal(err)
		}
		if p.String() != back.String() {
			t.Fatalf("String after JSON round trip:\n%s\nwant:\n%s", back, p)
		}
		if diff := cmp.Diff(p.JSON(), back.JSON()); diff != "" {
			t.Fatalf("JSON after round trip (-want +got):\n%s", diff)
		}
	})
}
