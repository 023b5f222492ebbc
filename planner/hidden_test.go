package planner_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

const hiddenSpec = `
berth { project = "shop" }
variable "jwt_key" { sensitive = true }
locals { common = { LOG_LEVEL = "info" } }
service "api" {
  image    = "shop/api:1"
  replicas = 2
  env      = merge(local.common, { KEY = var.jwt_key, BEARER = "Bearer ${var.jwt_key}" })
}
`

func loadHidden(t *testing.T, key string) *lang.Spec {
	t.Helper()
	fsys := fstest.MapFS{"main.berth.hcl": {Data: []byte(hiddenSpec)}}
	spec, diags := lang.NewLoader().Load(".", lang.Options{FS: fsys, Environ: []string{}, Vars: map[string]string{"jwt_key": key}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return spec
}

// planText is every view of p: the canonical text, the JSON and the
// rendered plan.
func planText(t *testing.T, p *planner.Plan) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(p.String())
	if err := json.NewEncoder(&b).Encode(p.JSON()); err != nil {
		t.Fatal(err)
	}
	planner.Render(&b, p.JSON(), planner.RenderOptions{})
	return b.String()
}

// TestSensitiveEnvHidden: a value derived from a sensitive variable reaches
// the desired attributes (the container gets it) but no view of the plan:
// they show (sensitive) and a hash that changes with the value.
func TestSensitiveEnvHidden(t *testing.T) {
	const oldKey, newKey = "SUPERSECRETVALUE", "OTHERSECRET42"
	tg := &compose.Target{}
	p1, _, diags := planner.Make(tg, loadHidden(t, oldKey), &planner.Observed{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if text := planText(t, p1); strings.Contains(text, oldKey) {
		t.Errorf("the first plan shows the secret:\n%s", text)
	}
	obs := planner.ApplyInMemory(&planner.Observed{Project: "shop"}, p1, compose.Schema)
	p2, _, diags := planner.Make(tg, loadHidden(t, newKey), obs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	text := planText(t, p2)
	if strings.Contains(text, oldKey) || strings.Contains(text, newKey) {
		t.Errorf("the second plan shows a secret:\n%s", text)
	}
	for _, want := range []string{`env.KEY: (sensitive) sha256:`, `env.BEARER: (sensitive) sha256:`, `"after_sensitive":{"env":{"BEARER":true,"KEY":true}`} {
		if !strings.Contains(text, want) {
			t.Errorf("the plan lacks %s:\n%s", want, text)
		}
	}
	c := change(t, p2, "container.api[1]")
	if c.Action != planner.Replace {
		t.Errorf("container.api[1]: %s, want replace", c.Action)
	}
	if got := c.After.Attrs.Map("env")["KEY"]; got != newKey {
		t.Errorf("the desired env KEY is %q: the container must get the real value", got)
	}
	if got := c.After.Attrs.Map("env")["LOG_LEVEL"]; !strings.Contains(text, `"LOG_LEVEL":"info"`) || got != "info" {
		t.Errorf("a value that is not sensitive must stay visible")
	}
	for _, r := range c.Reasons {
		if r.Attribute == "env.KEY" && (r.Before == r.After || !r.Sensitive) {
			t.Errorf("env.KEY reason %+v: want two different hashes, sensitive", r)
		}
	}

	// The same value again: nothing to do.
	obs = planner.ApplyInMemory(obs, p2, compose.Schema)
	p3, _, _ := planner.Make(tg, loadHidden(t, newKey), obs)
	if !p3.Empty() {
		t.Errorf("planning the applied value again is not empty:\n%s", p3)
	}
}

// TestHiddenValuesInPlanFile: a plan file holds the hashes, so it refuses
// to create what needs the real value; deleting such a container hides
// its env on the before side.
func TestHiddenValuesInPlanFile(t *testing.T) {
	p, _, diags := planner.Make(&compose.Target{}, loadHidden(t, "SUPERSECRETVALUE"), &planner.Observed{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(p.JSON()); err != nil {
		t.Fatal(err)
	}
	jp, err := planner.ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jp.Plan(); err == nil || !strings.Contains(err.Error(), "env.BEARER, env.KEY") {
		t.Errorf("applying the plan file: %v, want a refusal naming the hidden env keys", err)
	}

	obs := planner.ApplyInMemory(&planner.Observed{Project: "shop"}, p, compose.Schema)
	del, err := planner.Reconcile("compose", compose.Schema, nil, obs)
	if err != nil {
		t.Fatal(err)
	}
	del.Project = "shop"
	if text := planText(t, del); strings.Contains(text, "SUPERSECRETVALUE") {
		t.Errorf("the destroy plan shows the secret:\n%s", text)
	}
}

func change(t *testing.T, p *planner.Plan, addr string) *planner.Change {
	t.Helper()
	for _, c := range p.Changes {
		if c.Address.String() == addr {
			return c
		}
	}
	t.Fatalf("no change of %s in\n%s", addr, p)
	return nil
}
