package compose

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/fromcompose"
)

// A Compose file imported into berth (berth import) and exported again
// (berth export compose) is, for what berth carries, the same project to
// compose-go: the same services with the same images, commands,
// environment, published ports, replicas and health checks.
func TestImportExportRoundTrip(t *testing.T) {
	for _, name := range []string{"wordpress", "stack", "misc", "netbox", "penpot", "plane", "zulip", "loki", "envfilecreds"} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("..", "..", "lang", "fromcompose", "testdata", name)
			files, _ := filepath.Glob(filepath.Join(src, "*.y*ml"))
			slices.SortFunc(files, func(a, b string) int { // the base file first
				return boolInt(filepath.Base(b) == "base.yaml") - boolInt(filepath.Base(a) == "base.yaml")
			})
			env := []string{"TLS_CERT=x"}
			orig, osrc, diags := fromcompose.Load(context.Background(), fromcompose.Options{Files: files, Environ: env})
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			dir := t.TempDir()
			hclSrc, vars, _ := fromcompose.Convert(orig, osrc, dir)
			if err := os.WriteFile(filepath.Join(dir, "compose.berth.hcl"), hclSrc, 0o644); err != nil {
				t.Fatal(err)
			}
			vals := map[string]string{}
			for _, v := range vars {
				vals[v] = "value"
			}
			spec, ldiags := lang.NewLoader().Load(dir, lang.Options{Vars: vals, Environ: []string{}})
			if ldiags.HasErrors() {
				t.Fatalf("%s\n%s", ldiags.Error(), hclSrc)
			}
			d, tdiags := (&Target{}).Desired(spec)
			if tdiags.HasErrors() {
				t.Fatal(tdiags.Error())
			}
			out, _, err := Export(spec, d)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "compose.yaml")
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
			back, _, diags := fromcompose.Load(context.Background(), fromcompose.Options{Files: []string{path}, Project: orig.Name, Environ: env})
			if diags.HasErrors() {
				t.Fatalf("%s\n%s", diags.Error(), out)
			}
			compared := 0
			for sname, s := range orig.Services {
				if spec.Services[sname] == nil {
					continue // renamed: compared by the golden test
				}
				b, ok := back.Services[sname]
				if !ok {
					t.Errorf("service %s lost", sname)
					continue
				}
				compareServices(t, s, b, spec.Services[sname].EnvParts)
				compared++
			}
			if compared < len(orig.Services)-1 {
				t.Errorf("compared %d of %d services", compared, len(orig.Services))
			}
		})
	}
}

// compareServices compares what berth carries of a service. An env value
// the berth source reads from variables (a credential made a sensitive
// variable at import, read from ${BERTH_VAR_x} by the export) must be
// there, not equal: the test gives the variables placeholders.
func compareServices[P any](t *testing.T, a, b types.ServiceConfig, fromVars map[string]P) {
	t.Helper()
	if a.Image != b.Image || !slices.Equal(a.Command, b.Command) {
		t.Errorf("%s: image/command %q %q, after the round trip %q %q", a.Name, a.Image, a.Command, b.Image, b.Command)
	}
	for k, v := range a.Environment {
		if _, ok := fromVars[k]; ok && v != nil && b.Environment[k] != nil {
			continue
		}
		if v != nil && (b.Environment[k] == nil || *b.Environment[k] != *v) {
			t.Errorf("%s: env %s lost or changed", a.Name, k)
		}
	}
	if a.GetScale() != b.GetScale() {
		t.Errorf("%s: %d replicas, after the round trip %d", a.Name, a.GetScale(), b.GetScale())
	}
	published := func(s types.ServiceConfig) (out []uint32) {
		for _, p := range s.Ports {
			if p.Published != "" {
				out = append(out, p.Target)
			}
		}
		slices.Sort(out)
		return out
	}
	if !slices.Equal(published(a), published(b)) {
		t.Errorf("%s: published targets %v, after the round trip %v", a.Name, published(a), published(b))
	}
	if h := a.HealthCheck; h != nil && !h.Disable && (b.HealthCheck == nil || !slices.Equal(h.Test, b.HealthCheck.Test)) {
		t.Errorf("%s: healthcheck %v, after the round trip %+v", a.Name, h.Test, b.HealthCheck)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
