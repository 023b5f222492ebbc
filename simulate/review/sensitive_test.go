package review

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/berth-dev/berth/lang"
)

const sensitiveSrc = `
variable "jwt_key" {
  sensitive = true
  default   = "%s"
}
secret "jwt" { value = var.jwt_key }
service "api" {
  image   = "shop/api:1"
  env     = { KEY = var.jwt_key, LOG = "info" }
  secrets = [secret.jwt]
}
`

// sensitiveSide loads sensitiveSrc with the given key from the directory
// dir (the default project name) plus the extra source.
func sensitiveSide(t *testing.T, dir, key, extra string) Side {
	t.Helper()
	src := strings.Replace(sensitiveSrc, "%s", key, 1) + extra
	fsys := fstest.MapFS{dir + "/main.berth.hcl": {Data: []byte(src)}}
	l := lang.NewLoader()
	spec, diags := l.Load(dir, lang.Options{FS: fsys, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return Side{Label: dir, Spec: spec, Files: l.Files()}
}

// TestSensitiveDiff: a changed sensitive env value and a changed secret
// value are changes, shown without their values in every format; two
// directories that leave project unset are the same project.
func TestSensitiveDiff(t *testing.T) {
	const oldKey, newKey = "SUPERSECRETVALUE", "OTHERSECRET42"
	r, diags := Build(sensitiveSide(t, "old", oldKey, ""), sensitiveSide(t, "new", newKey, ""), Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, c.String())
	}
	want := []string{
		"update service.api\n  env.KEY: (sensitive value changed)",
		"update secret.jwt\n  value: (sensitive value changed)",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
	var out bytes.Buffer
	if err := r.WriteMarkdown(&out); err != nil {
		t.Fatal(err)
	}
	if err := json.NewEncoder(&out).Encode(r); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if strings.Contains(text, oldKey) || strings.Contains(text, newKey) {
		t.Errorf("the review shows a sensitive value:\n%s", text)
	}
	if !strings.Contains(text, "`env.KEY`: (sensitive value changed)") {
		t.Errorf("the markdown lacks the sensitive change:\n%s", text)
	}
}

// TestDiffProject: the default project (the directory's name) is no
// change; a project set on one side is.
func TestDiffProject(t *testing.T) {
	tests := []struct {
		name, oldExtra, newExtra string
		want                     int
	}{
		{"neither sets it", "", "", 0},
		{"both set the same", `berth { project = "shop" }`, `berth { project = "shop" }`, 0},
		{"new sets it", "", `berth { project = "shop" }`, 1},
		{"both set, differently", `berth { project = "shop" }`, `berth { project = "store" }`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := Build(sensitiveSide(t, "old", "k", tt.oldExtra), sensitiveSide(t, "new", "k", tt.newExtra), Options{NoSimulation: true})
			if len(r.Changes) != tt.want {
				t.Errorf("changes: %v, want %d", r.Changes, tt.want)
			}
		})
	}
}
