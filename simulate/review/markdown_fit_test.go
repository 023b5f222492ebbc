package review

import (
	"fmt"
	"strings"
	"testing"
)

// bigSpec is a gateway over n services in parallel, each of the given
// replicas and link timeout: 300 of them is a large company's spec.
func bigSpec(n, replicas int, timeout string) string {
	var b strings.Builder
	b.WriteString("berth {\n  project = \"big\"\n}\n")
	b.WriteString("service \"gateway\" {\n  replicas = 3\n  capacity {\n    workers      = 64\n    service_time = \"exp(1ms)\"\n  }\n  endpoint \"home\" {\n    parallel {\n")
	for i := range n {
		fmt.Fprintf(&b, "      call \"svc-%03d\" {}\n", i)
	}
	b.WriteString("    }\n  }\n}\n")
	for i := range n {
		fmt.Fprintf(&b, "service \"svc-%03d\" {\n  replicas = %d\n  capacity {\n    workers      = 8\n    service_time = \"exp(1ms)\"\n  }\n}\n", i, replicas)
		fmt.Fprintf(&b, "link \"gateway\" \"svc-%03d\" {\n  timeout = %q\n}\n", i, timeout)
	}
	return b.String()
}

// TestMarkdownFitsAComment: the review of a pull request that touches
// every service of a 300-service spec fits a GitHub comment. It was
// 150,000 characters (the graph alone more than Mermaid renders), and
// `gh pr comment --body-file` refused it. What is left out is said, and
// the comment stays valid markdown.
func TestMarkdownFitsAComment(t *testing.T) {
	old := srcSide(t, "big", bigSpec(300, 1, "100ms"))
	new := srcSide(t, "big", bigSpec(300, 2, "150ms"))
	old.Label, new.Label = "main", "pr"
	r, diags := Build(old, new, Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(r.Changes) != 600 {
		t.Fatalf("%d changes, want 600", len(r.Changes))
	}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if n := chars(md); n > MaxCommentChars {
		t.Errorf("the comment has %d characters, more than GitHub takes (%d)", n, MaxCommentChars)
	}
	for _, want := range []string{
		Marker + "\n## berth diff: big\n\n**600 changes (600 update)",
		"> ⚠️ Shortened to fit a GitHub comment",
		"The graph is left out",
		"- ✏️ **update** `service.svc-000`",
		" more findings, left out to fit the comment\n",
		" more changes, left out to fit the comment\n",
		"### Findings",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the comment lacks %q", want)
		}
	}
	if strings.Contains(md, "```mermaid") {
		t.Error("the comment holds a graph GitHub does not render")
	}
	if o, c := strings.Count(md, "<details>"), strings.Count(md, "</details>"); o != c {
		t.Errorf("%d <details> but %d </details>", o, c)
	}
	if strings.Count(md, "```")%2 != 0 {
		t.Error("an unclosed code fence")
	}
}

// TestMarkdownGraphTooBigAlone: a graph longer than Mermaid renders is
// left out with a line saying why, even when the comment would fit.
func TestMarkdownGraphTooBigAlone(t *testing.T) {
	r := &Review{Mermaid: "flowchart LR\n" + strings.Repeat("  a --> b\n", MaxMermaidChars/10+1), Cost: MetricDelta{Old: &Stat{}, New: &Stat{}}}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "```mermaid") || !strings.Contains(b.String(), "more than GitHub renders") {
		t.Errorf("the graph of %d characters is in the comment:\n%.300s", len(r.Mermaid), b.String())
	}
	if strings.Contains(b.String(), "Shortened") {
		t.Error("a comment that fits says it is shortened")
	}
}

// TestFitComment: lists share what the comment has room for, keep whole
// entries, and each says how many it left out; a short list is kept
// whole.
func TestFitComment(t *testing.T) {
	more := func(n int) string { return fmt.Sprintf("+%d\n", n) }
	item := func(name string) string { return name + strings.Repeat(".", 97) + "\n" } // 100 characters
	segs := []segment{
		{text: "head\n"}, {shortened: true},
		{items: []string{item("c1"), item("c2"), item("c3")}, more: more, rank: 2},
		{items: []string{item("d1")}, more: more, rank: 0},
		{items: []string{item("n1"), item("n2"), item("n3")}, more: more, rank: 1},
		{items: []string{item("o1")}, more: more, rank: rankOldFindings},
	}
	all := "head\n" + item("c1") + item("c2") + item("c3") + item("d1") + item("n1") + item("n2") + item("n3") + item("o1")
	if got := fitComment(segs, len(all)); got != all {
		t.Errorf("a comment that fits: %q", got)
	}
	// Room for 4.7 entries: d1 (less than its third), then n and c share
	// the rest, 185 each; n keeps one and passes 85 on, so c keeps two.
	// o1, a finding OLD had, gets what they leave: too little.
	limit := len("head\n") + chars(shortenedNote(999)) + 4*len("+3\n") + 470
	got := fitComment(segs, limit)
	want := "head\n" + shortenedNote(limit) + item("c1") + item("c2") + "+1\n" + item("d1") + item("n1") + "+2\n" + "+1\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if chars(got) > limit {
		t.Errorf("%d characters, limit %d", chars(got), limit)
	}
}
