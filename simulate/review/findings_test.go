package review

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

var findingMarker = regexp.MustCompile(`# FINDING: (\w+) ([\w-]+)`)

// TestFindingFixtures checks the analytic findings (no simulation) of
// every spec in testdata/findings against the "# FINDING: severity kind"
// markers on the lines the findings must point at.
func TestFindingFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/findings/*.berth.hcl")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for i, line := range strings.Split(string(src), "\n") {
				for _, m := range findingMarker.FindAllStringSubmatch(line, -1) {
					want = append(want, fmt.Sprintf("%d %s %s", i+1, m[1], m[2]))
				}
			}
			s := side(t, file, "spec", fstest.MapFS{"spec/main.berth.hcl": {Data: src}})
			var got []string
			for _, f := range Findings(s.Spec, s.Files, nil, FindingOptions{}) {
				if f.Range == nil || f.Range.Filename != "spec/main.berth.hcl" {
					t.Errorf("%s %s has no range in the spec file: %+v", f.Kind, f.Subject, f.Range)
					continue
				}
				got = append(got, fmt.Sprintf("%d %s %s", f.Range.Start.Line, f.Severity, f.Kind))
			}
			sort.Strings(want)
			sort.Strings(got)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("findings by line (-want +got):\n%s", d)
			}
		})
	}
}

func TestFindingsMaxDepth(t *testing.T) {
	src, _ := os.ReadFile("testdata/findings/paths.berth.hcl")
	s := side(t, "paths", "spec", fstest.MapFS{"spec/main.berth.hcl": {Data: src}})
	for depth, want := range map[int]bool{4: true, 5: false} {
		found := false
		for _, f := range Findings(s.Spec, s.Files, nil, FindingOptions{MaxDepth: depth}) {
			found = found || f.Kind == KindDeepChain
		}
		if found != want {
			t.Errorf("max depth %d: deep chain found %v, want %v", depth, found, want)
		}
	}
}

func TestMarkNew(t *testing.T) {
	old := []Finding{
		{Kind: KindRetryAmplification, Subject: "link.a->b", Severity: SeverityNotice, Score: 1.2},
		{Kind: KindNoTimeout, Subject: "link.a->c", Severity: SeverityWarning, Score: 1},
	}
	new := []Finding{
		{Kind: KindRetryAmplification, Subject: "link.a->b", Severity: SeverityNotice, Score: 1.6},
		{Kind: KindNoTimeout, Subject: "link.a->c", Severity: SeverityWarning, Score: 1},
		{Kind: KindNoTimeout, Subject: "link.a->d", Severity: SeverityWarning, Score: 1},
	}
	markNew(old, new, nil)
	got := fmt.Sprint(new[0].New, new[0].Worse, new[1].New, new[1].Worse, new[2].New, new[2].Worse)
	if got != "false true false false true false" {
		t.Errorf("new/worse flags: %s", got)
	}
	if r := resolved(new[:1], new[1:2], nil); len(r) != 1 || r[0].Subject != "link.a->b" {
		t.Errorf("resolved: %+v", r)
	}
}
