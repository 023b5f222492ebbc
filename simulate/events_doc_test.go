package simulate

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEventKindsDocumented: every event kind the simulator notes (the
// literal kinds of note, noteSvc, noteNode and bootReplica calls) is
// named in docs/simulate.md, so the doc's list of events cannot fall
// behind the code.
func TestEventKindsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/simulate.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`(?:note|noteSvc|noteNode|bootReplica)\([^"]*"([a-z_-]+)"`)
	kinds := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			kinds[m[1]] = true
		}
	}
	for _, must := range []string{"kill", "breaker_open", "hang_end", "node_down", "restart", "started"} {
		if !kinds[must] {
			t.Errorf("kind %q not found in the sources: the pattern misses calls", must)
		}
	}
	for k := range kinds {
		if !strings.Contains(string(doc), "`"+k+"`") {
			t.Errorf("event kind %q is not in docs/simulate.md", k)
		}
	}
}
