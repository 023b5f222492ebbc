package planner_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// planFileSpec has a sensitive variable in env (a key of its own and one
// derived from it) and as a secret's value.
const planFileSpec = `
berth { project = "shop" }
variable "jwt_key" { sensitive = true }
variable "replicas" { default = 2 }
secret "jwt" { value = var.jwt_key }
service "api" {
  image    = "shop/api:1"
  replicas = var.replicas
  env      = { KEY = var.jwt_key, BEARER = "Bearer ${var.jwt_key}", LOG = "info" }
  secrets  = [secret.jwt]
}
`

func loadPlanFileSpec(t *testing.T, vars map[string]string) *lang.Spec {
	t.Helper()
	fsys := fstest.MapFS{"main.berth.hcl": {Data: []byte(planFileSpec)}}
	spec, diags := lang.NewLoader().Load(".", lang.Options{FS: fsys, Environ: []string{}, Vars: vars})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return spec
}

// planFile plans the spec with key against obs and returns the plan file
// read back, and its text.
func planFile(t *testing.T, key string, obs *planner.Observed) (*planner.JSONPlan, string) {
	t.Helper()
	p, _, diags := planner.Make(&compose.Target{}, loadPlanFileSpec(t, map[string]string{"jwt_key": key}), obs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(p.JSON()); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	jp, err := planner.ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	return jp, text
}

// compileAgain is what apply does with a plan file that needs values: the
// spec compiled again with the apply's variables.
func compileAgain(t *testing.T, vars map[string]string) *planner.Desired {
	t.Helper()
	spec := loadPlanFileSpec(t, vars)
	d, diags := (&compose.Target{}).Desired(spec)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	planner.HideSensitive(spec, d.Resources)
	return d
}

// TestPlanFileFillsHiddenValues: the plan file carries hashes only; given
// the spec compiled again with the same value, PlanWith puts the real
// values back where the executor reads them, hands over the secret's
// content, and the result is what applying the directory gives (planning
// again after it is empty). No view of the filled plan shows the value.
func TestPlanFileFillsHiddenValues(t *testing.T) {
	const key = "SUPERSECRETVALUE"
	jp, text := planFile(t, key, &planner.Observed{})
	if strings.Contains(text, key) {
		t.Fatalf("the plan file holds the secret:\n%s", text)
	}
	needs, err := jp.NeedsValues()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(needs, " "); got != "container.api[1] container.api[2] secret.jwt" {
		t.Errorf("NeedsValues = %s", got)
	}
	if _, err := jp.Plan(); err == nil {
		t.Error("Plan without the values accepted a plan that needs them")
	}

	p, contents, err := jp.PlanWith(compileAgain(t, map[string]string{"jwt_key": key}))
	if err != nil {
		t.Fatal(err)
	}
	env := change(t, p, "container.api[2]").After.Attrs.Map("env")
	if env["KEY"] != key || env["BEARER"] != "Bearer "+key || env["LOG"] != "info" {
		t.Errorf("the filled env is %v", env)
	}
	if got := string(contents[planner.Address{Type: "secret", Name: "jwt"}]); got != key {
		t.Errorf("the secret's content for the executor is %q", got)
	}
	if view := planText(t, p); strings.Contains(view, key) {
		t.Errorf("a view of the filled plan shows the secret:\n%s", view)
	}

	obs := planner.ApplyInMemory(&planner.Observed{Project: "shop"}, p, compose.Schema)
	again, _, _ := planner.Make(&compose.Target{}, loadPlanFileSpec(t, map[string]string{"jwt_key": key}), obs)
	if !again.Empty() {
		t.Errorf("planning the directory after applying the plan file is not empty:\n%s", again)
	}

	// A replacement (the value rotated) fills the new value, and the
	// before side stays a hash.
	jp2, text2 := planFile(t, "ROTATED", obs)
	if strings.Contains(text2, "ROTATED") || strings.Contains(text2, key) {
		t.Fatalf("the second plan file holds a secret:\n%s", text2)
	}
	p2, _, err := jp2.PlanWith(compileAgain(t, map[string]string{"jwt_key": "ROTATED"}))
	if err != nil {
		t.Fatal(err)
	}
	c := change(t, p2, "container.api[1]")
	if c.Action != planner.Replace || c.After.Attrs.Map("env")["KEY"] != "ROTATED" {
		t.Errorf("container.api[1]: %s with env %v", c.Action, c.After.Attrs.Map("env"))
	}
	if view := planText(t, p2); strings.Contains(view, "ROTATED") || strings.Contains(view, key) {
		t.Errorf("a view of the filled replacement shows a secret:\n%s", view)
	}
}

// TestPlanFileRefusesOtherValues: a value that is not the plan's, or
// missing, refuses the whole plan, naming each resource and key.
func TestPlanFileRefusesOtherValues(t *testing.T) {
	jp, _ := planFile(t, "SUPERSECRETVALUE", &planner.Observed{})
	_, _, err := jp.PlanWith(compileAgain(t, map[string]string{"jwt_key": "WRONG"}))
	var ve *planner.ValuesError
	if !errors.As(err, &ve) {
		t.Fatalf("PlanWith a different value: %v, want a *ValuesError", err)
	}
	msg := err.Error()
	for _, want := range []string{"container.api[1]: env.KEY is not the value", "container.api[2]: env.BEARER is not the value", "secret.jwt: content is not the value"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "WRONG") || strings.Contains(msg, "SUPERSECRETVALUE") || strings.Contains(msg, "LOG") {
		t.Errorf("the error shows a value, or a key that is not hidden:\n%s", msg)
	}

	// Fewer replicas now: the second container has no value at all.
	_, _, err = jp.PlanWith(compileAgain(t, map[string]string{"jwt_key": "SUPERSECRETVALUE", "replicas": "1"}))
	if err == nil || !strings.Contains(err.Error(), "container.api[2]: env.KEY has no value now") || strings.Contains(err.Error(), "container.api[1]") {
		t.Errorf("PlanWith a spec without container.api[2]: %v", err)
	}
}
