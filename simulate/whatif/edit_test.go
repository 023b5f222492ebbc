package whatif

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berth-dev/berth/lang"
)

func TestEditFor(t *testing.T) {
	l := newLoader()
	spec, diags := l.Load("../../examples/shop", noEnv)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	dims := []Dimension{
		{Service: "orders", Attr: "replicas"}, // var.orders_replicas: its default changes
		{Service: "orders", Attr: "workers"},  // capacity.workers, with a comment after it
		{Service: "gateway", Attr: "cpus"},    // resources.cpus
		{Service: "cache", Attr: "replicas"},  // not written: added
		{Service: "auth", Attr: "queue"},      // unchanged: no edit
	}
	e, err := EditFor(spec, l.Files(), dims, []float64{3, 6, 0.75, 2, 64})
	if err != nil {
		t.Fatal(err)
	}
	// The shop is outside the working directory (the package's): the
	// paths are relative to the spec directory, where the diff applies,
	// and a note says so. "a/../../examples/shop/main.berth.hcl" is a path
	// that git apply and patch -p1 refuse.
	if len(e.Notes) != 1 || !strings.Contains(e.Notes[0], "the spec directory ../../examples/shop is outside the working directory") {
		t.Errorf("notes %q", e.Notes)
	}
	for _, want := range []string{
		"--- a/main.berth.hcl\n+++ b/main.berth.hcl\n",
		"--- a/services.berth.hcl\n+++ b/services.berth.hcl\n",
		"-  default     = 2\n+  default     = 3\n",
		"-    workers = 4 # a small pool: the loss of a replica shows in the latency\n+    workers = 6 # a small pool: the loss of a replica shows in the latency\n",
		"-    cpus   = 0.5\n+    cpus   = 0.75\n",
		"+  replicas = 2\n",
	} {
		if !strings.Contains(e.Diff, want) {
			t.Errorf("the diff lacks %q:\n%s", want, e.Diff)
		}
	}
	removed := 0
	for _, line := range strings.Split(e.Diff, "\n") {
		if strings.HasPrefix(line, "-") && !strings.HasPrefix(line, "---") {
			removed++
		}
		if strings.HasPrefix(line, "+") && strings.Contains(line, "queue") {
			t.Errorf("an unchanged value was edited: %s", line)
		}
	}
	if removed != 3 {
		t.Errorf("%d lines removed, want exactly 3 (the rest kept byte for byte):\n%s", removed, e.Diff)
	}
}

// A capacity set from a variable given outside the spec (-var) is not
// changed by editing the variable's default: the edit says which -var to
// pass and leaves the files alone, whether or not the caller names the
// variable as given.
func TestEditForGivenVariable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		given map[string]string
	}{
		{"value differs from the default", nil},
		{"named by the caller", map[string]string{"orders_replicas": "-var orders_replicas=1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLoader()
			spec, diags := l.Load("../../examples/shop", lang.Options{Environ: []string{}, Vars: map[string]string{"orders_replicas": "1"}})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			dims := []Dimension{{Service: "orders", Attr: "replicas"}}
			e, err := EditForGiven(spec, l.Files(), dims, []float64{2}, tc.given)
			if err != nil {
				t.Fatal(err)
			}
			if e.Diff != "" {
				t.Errorf("the default was edited, though the run used the -var:\n%s", e.Diff)
			}
			if len(e.Notes) != 1 || !strings.Contains(e.Notes[0], "var.orders_replicas, set to 1") || !strings.Contains(e.Notes[0], "pass -var orders_replicas=2") {
				t.Errorf("notes %q, want one saying to pass -var orders_replicas=2", e.Notes)
			}
		})
	}
}

// TestEditPathsApply: the diff's paths are those git apply and patch -p1
// take where they are run: relative to the working directory for a spec
// inside it, to the spec directory for one outside it.
func TestEditPathsApply(t *testing.T) {
	root := t.TempDir()
	src := "service \"api\" {\n  replicas = 1\n}\n"
	for _, d := range []string{"work/infra", "elsewhere/spec"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, d, "main.berth.hcl"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(root, "work"))
	for _, tc := range []struct {
		dir, header, note string
	}{
		{"infra", "--- a/infra/main.berth.hcl\n+++ b/infra/main.berth.hcl\n", ""},
		{filepath.Join(root, "work", "infra"), "--- a/infra/main.berth.hcl\n+++ b/infra/main.berth.hcl\n", ""},
		{"../elsewhere/spec", "--- a/main.berth.hcl\n+++ b/main.berth.hcl\n", "apply it there (git -C ../elsewhere/spec apply, or patch -p1 -d ../elsewhere/spec)"},
	} {
		l := newLoader()
		spec, diags := l.Load(tc.dir, noEnv)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		e, err := EditFor(spec, l.Files(), []Dimension{{Service: "api", Attr: "replicas"}}, []float64{2})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(e.Diff, tc.header) {
			t.Errorf("%s: the diff starts\n%s", tc.dir, e.Diff)
		}
		if got := strings.Join(e.Notes, "; "); (tc.note == "") != (got == "") || !strings.Contains(got, tc.note) {
			t.Errorf("%s: notes %q, want one with %q", tc.dir, got, tc.note)
		}
	}
}

// TestEditSharedVariable: a capacity set from a variable that another
// attribute uses too is set in place: changing the variable's default
// would change the other service as well, which the search did not
// simulate (the cost it printed would be wrong).
func TestEditSharedVariable(t *testing.T) {
	root := t.TempDir()
	src := `variable "n" {
  default = 1
  validation {
    condition     = var.n > 0
    error_message = "n > 0"
  }
}
variable "m" {
  default = 1
}
service "a" {
  replicas = var.n
}
service "b" {
  replicas = var.n
}
service "c" {
  replicas = var.m
}
`
	if err := os.WriteFile(filepath.Join(root, "main.berth.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	l := newLoader()
	spec, diags := l.Load(".", noEnv)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	e, err := EditFor(spec, l.Files(), []Dimension{{Service: "a", Attr: "replicas"}, {Service: "c", Attr: "replicas"}}, []float64{3, 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"-  replicas = var.n\n+  replicas = 3\n", // shared with b: in place
		"-  default = 1\n+  default = 2\n",       // var.m is c's alone (its own validation does not count)
	} {
		if !strings.Contains(e.Diff, want) {
			t.Errorf("the diff lacks %q:\n%s", want, e.Diff)
		}
	}
	if strings.Count(e.Diff, "+  default") != 1 {
		t.Errorf("var.n's default changed:\n%s", e.Diff)
	}
	if len(e.Notes) != 1 || !strings.Contains(e.Notes[0], "a.replicas came from var.n, which the spec uses elsewhere too (1 other reference)") {
		t.Errorf("notes %q", e.Notes)
	}
}
