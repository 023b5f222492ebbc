package lang

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
)

// mistakesInMemory are cases whose bytes a checked-in file would not keep
// reliably (line endings, a byte-order mark, invalid UTF-8) or that git
// cannot hold (an empty directory): the directory's files by name.
var mistakesInMemory = map[string]map[string]string{
	"bom":        {"main.berth.hcl": "\ufeffservice \"a\" {\n  replcas = 2\n}\n"},
	"crlf":       {"main.berth.hcl": "service \"a\" {\r\n  replicas = \"x\"\r\n}\r\n"},
	"nonutf8":    {"main.berth.hcl": "service \"a\" {\n  image = \"caf\xe9\"\n}\n"},
	"empty_dir":  {},
	"parent_dir": {"shop/main.berth.hcl": "service \"a\" {}\n"},
	"misnamed":   {"main.berth.hcl.txt": "service \"a\" {}\n", "other.BERTH.HCL": "service \"b\" {}\n"},
}

// goish are what a message written for Go programmers, not for the
// author of a spec, gives away.
var goish = []string{"cty.", "unsuitable value type", "strconv", "<nil>", "%!", "panic", "goroutine", "runtime error"}

// TestMistakes loads each case of testdata/mistakes (a directory holding
// one mistake a user makes) and mistakesInMemory, checks that the mistake
// gets exactly one diagnostic that points at a place in a file and reads
// as prose, and compares every diagnostic (range, summary, detail) with
// testdata/mistakes.golden. BERTH_UPDATE=1 rewrites the golden file.
func TestMistakes(t *testing.T) {
	cases := map[string]fstest.MapFS{}
	entries, err := os.ReadDir("testdata/mistakes")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		fsys, _ := errorCase(t, filepath.Join("testdata/mistakes", e.Name()), true)
		cases[e.Name()] = fsys
	}
	for name, files := range mistakesInMemory {
		fsys := fstest.MapFS{name: &fstest.MapFile{Mode: fs.ModeDir | 0o755}}
		for f, src := range files {
			fsys[name+"/"+f] = &fstest.MapFile{Data: []byte(src)}
		}
		cases[name] = fsys
	}
	var golden strings.Builder
	for _, name := range keysOf(cases) {
		fsys := cases[name]
		_, diags := NewLoader().Load(name, Options{FS: fsys, Environ: []string{}})
		fmt.Fprintf(&golden, "## %s\n", name)
		for _, d := range diags {
			fmt.Fprintf(&golden, "%s: %s: %s\n  %s\n", diagPlace(d), strings.ToLower(severity(d)), d.Summary, d.Detail)
			checkMistakeDiag(t, name, fsys, d)
		}
		if len(diags) != 1 {
			t.Errorf("%s: %d diagnostics for one mistake, want 1:\n%s", name, len(diags), diagText(diags))
		}
	}
	compareGolden(t, "testdata/mistakes.golden", golden.String())
}

// checkMistakeDiag checks the rule every diagnostic keeps: a range in a
// file (all but "No spec files", which has no file to point at), not the
// whole file, a detail, and no Go in the words.
func checkMistakeDiag(t *testing.T, name string, fsys fstest.MapFS, d *hcl.Diagnostic) {
	t.Helper()
	if strings.TrimSpace(d.Detail) == "" {
		t.Errorf("%s: %q has no detail", name, d.Summary)
	}
	for _, w := range goish {
		if strings.Contains(d.Summary+" "+d.Detail, w) {
			t.Errorf("%s: %q says %q: %s", name, d.Summary, w, d.Detail)
		}
	}
	if d.Summary == "No spec files" {
		return
	}
	if d.Subject == nil || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
		t.Errorf("%s: %q has no range", name, d.Summary)
		return
	}
	f := fsys[d.Subject.Filename]
	if f == nil {
		t.Errorf("%s: %q points at %q, not a file of the case", name, d.Summary, d.Subject.Filename)
		return
	}
	if d.Subject.Start.Byte == 0 && d.Subject.End.Byte >= len(f.Data) && len(f.Data) > 0 {
		t.Errorf("%s: %q points at the whole file", name, d.Summary)
	}
}

func diagPlace(d *hcl.Diagnostic) string {
	if d.Subject == nil {
		return "(no range)"
	}
	return at(*d.Subject)
}

// compareGolden compares got with the file at path, or writes it there
// when BERTH_UPDATE=1.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if os.Getenv("BERTH_UPDATE") == "1" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (BERTH_UPDATE=1 writes it)", err)
	}
	if string(want) != got {
		t.Errorf("diagnostics differ from %s (BERTH_UPDATE=1 rewrites it):\n%s", path, goldenDiff(string(want), got))
	}
}

// goldenDiff lists the lines of want missing from got and the other way.
func goldenDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var sb strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			fmt.Fprintf(&sb, "- %s\n", l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			fmt.Fprintf(&sb, "+ %s\n", l)
		}
	}
	return sb.String()
}
