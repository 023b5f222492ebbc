package whatif

import (
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
	for _, want := range []string{
		"--- a/../../examples/shop/main.berth.hcl",
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
