package fromcompose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// BERTH_UPDATE=1 rewrites the golden files from the current output.
var update = os.Getenv("BERTH_UPDATE") != ""

// Each directory of testdata holds Compose files (merged in name order,
// compose.yaml or docker-compose.yml or base.yaml first), the berth source
// they import as (want.berth.hcl) and the warnings (want.diags). The
// golden source lives beside the Compose files, so the directory is also a
// berth spec, and it must validate.
func TestImportGolden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*")
	for _, dir := range dirs {
		if filepath.Base(dir) == "fuzz" {
			continue // FuzzImport's corpus
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := composeFiles(t, dir)
			p, src, diags := Load(context.Background(), Options{Files: files, Environ: []string{"TLS_CERT=from-env"}})
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			got, vars, cdiags := Convert(p, src, dir)
			diags = append(diags, cdiags...)
			golden(t, filepath.Join(dir, "want.berth.hcl"), got)
			golden(t, filepath.Join(dir, "want.diags"), []byte(diagLines(diags)))

			vals := map[string]string{}
			for _, v := range vars {
				vals[v] = "placeholder"
			}
			spec, vdiags := lang.NewLoader().Load(dir, lang.Options{Vars: vals, Environ: []string{}})
			if vdiags.HasErrors() {
				t.Fatalf("the imported source does not validate:\n%s", vdiags.Error())
			}
			if len(spec.Services) != len(p.Services) {
				t.Errorf("%d services in berth, %d in the Compose project", len(spec.Services), len(p.Services))
			}
		})
	}
}

// composeFiles lists a directory's Compose files, the base one first.
func composeFiles(t *testing.T, dir string) []string {
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	base := func(f string) bool {
		b := filepath.Base(f)
		return strings.HasPrefix(b, "compose.") || strings.HasPrefix(b, "docker-compose.") || strings.HasPrefix(b, "base.")
	}
	sort.SliceStable(files, func(i, j int) bool { return base(files[i]) && !base(files[j]) })
	if len(files) == 0 {
		t.Fatalf("no Compose file in %s", dir)
	}
	return files
}

// diagLines renders diagnostics one per line: severity, position, summary.
func diagLines(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		sev := "warning"
		if d.Severity == hcl.DiagError {
			sev = "error"
		}
		pos := "-"
		if d.Subject != nil {
			pos = fmt.Sprintf("%s:%d:%d", filepath.Base(d.Subject.Filename), d.Subject.Start.Line, d.Subject.Start.Column)
		}
		fmt.Fprintf(&b, "%s %s %s\n", sev, pos, d.Summary)
	}
	return b.String()
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with BERTH_UPDATE=1 to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs (BERTH_UPDATE=1 rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
