package cli

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestStatusHidesSensitiveEnv: status shows neither the value the engine
// runs nor the spec's for an env key derived from a sensitive variable,
// in its resources (JSON) or its drift lines (text and JSON), but
// (sensitive) and the plan's hash.
func TestStatusHidesSensitiveEnv(t *testing.T) {
	const src = `
berth { project = "stsens" }
variable "jwt_key" { sensitive = true }
service "api" {
  image = "shop/api:1"
  env   = { KEY = var.jwt_key, LOG = "info" }
}
`
	const key, edited = "SUPERSECRETVALUE", "EDITEDBYHAND"
	spec, diags := lang.NewLoader().Load(".", lang.Options{FS: fstest.MapFS{"main.berth.hcl": {Data: []byte(src)}},
		Environ: []string{lang.EnvVarPrefix + "jwt_key=" + key}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	tg := &compose.Target{}
	p0, _, diags := planner.Make(tg, spec, &planner.Observed{Project: "stsens"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	obs := planner.ApplyInMemory(&planner.Observed{Project: "stsens"}, p0, compose.Schema)
	// Someone edits the value by hand: the label's hash still matches the
	// spec, so this is drift.
	obs.Resources[0].Attrs.Map("env")["KEY"] = edited
	p, _, diags := planner.Make(tg, spec, obs)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	st := newStatus(p, p.JSON())
	var text, js bytes.Buffer
	writeStatusText(&text, st)
	if err := writeJSON(&js, st); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "JSON": js.String()} {
		if strings.Contains(out, key) || strings.Contains(out, edited) {
			t.Errorf("status %s shows a sensitive value:\n%s", name, out)
		}
	}
	want := "env.KEY: (sensitive) " + planner.ContentHash("stsens", []byte(key)) + " → (sensitive) " + planner.ContentHash("stsens", []byte(edited))
	if !strings.Contains(text.String(), want) {
		t.Errorf("the drift line lacks %q:\n%s", want, text.String())
	}
	if !strings.Contains(js.String(), `"KEY": "`+planner.ContentHash("stsens", []byte(edited))+`"`) || !strings.Contains(js.String(), `"LOG": "info"`) {
		t.Errorf("status --json: want the observed KEY as its hash, LOG as it is:\n%s", js.String())
	}
}
