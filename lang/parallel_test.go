package lang

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// TestParallelDecodeMatchesSequential loads a spec large enough to decode
// on several goroutines, with errors spread through it, once on one
// goroutine and once on four: the specs and the diagnostics, in order,
// must be the same.
func TestParallelDecodeMatchesSequential(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(genSpec(100, true))
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&sb, "service \"bad%d\" {\n  replicas = -%d\n  networks = [\"nope%d\"]\n}\n", i, i+1, i)
		fmt.Fprintf(&sb, "link \"bad%d\" \"s%d\" {\n  timeout = \"%dx\"\n}\n", i, i, i)
	}
	files := map[string]string{"main.berth.hcl": sb.String()}
	load := func(procs int) (*Spec, hcl.Diagnostics) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return loadSrc(t, files, Options{})
	}
	s1, d1 := load(1)
	s4, d4 := load(4)
	if len(d1) < 900 {
		t.Fatalf("want the planted errors, got %d diagnostics", len(d1))
	}
	opts := cmp.Options{cmpopts.IgnoreUnexported(hcl.Range{}),
		cmp.Comparer(func(a, b cty.Value) bool { return a.RawEquals(b) }),
		cmp.Comparer(func(a, b cty.Type) bool { return a.Equals(b) })}
	if diff := cmp.Diff(s1, s4, opts...); diff != "" {
		t.Errorf("specs differ (-sequential +parallel):\n%s", diff)
	}
	if diff := cmp.Diff(diagText(d1), diagText(d4)); diff != "" {
		t.Errorf("diagnostics differ (-sequential +parallel):\n%s", diff)
	}
}
