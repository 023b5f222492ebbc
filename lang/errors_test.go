package lang

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

// marker is an expected (or found) diagnostic: where and what.
type marker struct {
	File     string
	Line     int
	Severity string
	Summary  string
}

func (m marker) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", m.File, m.Line, m.Severity, m.Summary)
}

var markerRE = regexp.MustCompile(`#\s*(ERROR|WARNING):\s*(.+?)\s*$`)

// readMarkers returns the `# ERROR: summary` and `# WARNING: summary`
// markers of every spec file in fsys.
func readMarkers(t *testing.T, files map[string][]byte) []marker {
	var out []marker
	for name, src := range files {
		sc := bufio.NewScanner(strings.NewReader(string(src)))
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			if m := markerRE.FindStringSubmatch(sc.Text()); m != nil {
				out = append(out, marker{File: name, Line: line, Severity: m[1], Summary: m[2]})
			}
		}
	}
	sortMarkers(out)
	return out
}

func sortMarkers(ms []marker) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].String() < ms[j].String() })
}

// TestErrorFiles loads each case under testdata/errors (a file, or a
// directory of files) and compares its diagnostics with the markers, by
// line. Every diagnostic must point at a file, line and column and explain
// itself in a detail.
func TestErrorFiles(t *testing.T) {
	entries, err := os.ReadDir("testdata/errors")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(strings.TrimSuffix(e.Name(), SpecSuffix), func(t *testing.T) {
			fsys, dir := errorCase(t, filepath.Join("testdata/errors", e.Name()), e.IsDir())
			_, diags := NewLoader().Load(dir, Options{FS: fsys, Environ: []string{}})
			var got []marker
			for _, d := range diags {
				checkDiagShape(t, d)
				if d.Subject != nil {
					got = append(got, marker{File: d.Subject.Filename, Line: d.Subject.Start.Line, Severity: severity(d), Summary: d.Summary})
				}
			}
			sortMarkers(got)
			files := map[string][]byte{}
			for name, f := range fsys {
				files[name] = f.Data
			}
			want := readMarkers(t, files)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics differ from the markers (-want +got):\n%s\nall diagnostics:\n%s", diff, diagText(diags))
			}
		})
	}
}

// errorCase reads a case into a MapFS: one file at the root, or the files
// of a directory under their directory name.
func errorCase(t *testing.T, path string, isDir bool) (fstest.MapFS, string) {
	fsys := fstest.MapFS{}
	if !isDir {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fsys[filepath.Base(path)] = &fstest.MapFile{Data: src}
		return fsys, "."
	}
	base := filepath.Base(path)
	entries, err := os.ReadDir(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join(path, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys[base+"/"+e.Name()] = &fstest.MapFile{Data: src}
	}
	return fsys, base
}

func checkDiagShape(t *testing.T, d *hcl.Diagnostic) {
	t.Helper()
	if d.Subject == nil || d.Subject.Filename == "" || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
		t.Errorf("diagnostic %q has no usable subject: %+v", d.Summary, d.Subject)
	}
	if strings.TrimSpace(d.Detail) == "" {
		t.Errorf("diagnostic %q has no detail", d.Summary)
	}
	if strings.HasSuffix(d.Summary, ".") {
		t.Errorf("summary %q ends with a period", d.Summary)
	}
}

func severity(d *hcl.Diagnostic) string {
	if d.Severity == hcl.DiagWarning {
		return "WARNING"
	}
	return "ERROR"
}

func diagText(diags hcl.Diagnostics) string {
	var sb strings.Builder
	for _, d := range diags {
		rng := "(no range)"
		if d.Subject != nil {
			rng = d.Subject.String()
		}
		fmt.Fprintf(&sb, "  %s %s: %s — %s\n", rng, severity(d), d.Summary, d.Detail)
	}
	return sb.String()
}
