package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestDocsElidedTranscripts: a transcript in docs/*.md that elides lines
// ("..." alone on a line) or ends a line with "..." shows lines that
// berth still prints, in that order: each line shown is a line of the
// output, and one with "..." in it matches a line that begins with what
// comes before the "..." and ends with what comes after. So a trimmed
// example cannot keep numbers of an earlier model (docs/review.md's
// `berth diff` showed node-loss p99s of 329 ms and 91.8 ms after
// 7d51d2b made them 98.2 s). Commands that need an engine, pipe or
// redirect their output, write a file (--report, --chart), or name
// sides that do not exist here (old/ new/, a revision a shallow clone
// lacks) are left out.
func TestDocsElidedTranscripts(t *testing.T) {
	checked := 0
	for _, tr := range repoTranscripts(t) {
		fields := strings.Fields(tr.cmd)
		if len(fields) < 2 || fields[0] != "berth" || !offlineCommands[fields[1]] && fields[1] != "diff" || strings.ContainsAny(tr.cmd, "|<>\"$'") || !elides(tr.out) || writesFile(fields) {
			continue
		}
		var out bytes.Buffer
		code := Run(fields[1:], strings.NewReader(""), &out, &out)
		if code == 1 && sideMissing(out.String()) {
			continue
		}
		checked++
		if missing := notShown(tr.out, strings.Split(out.String(), "\n")); missing != "" {
			t.Errorf("%s:%d: $ %s\nthe docs show a line berth does not print (in that order):\n%s\n--- berth prints\n%s", tr.file, tr.line, tr.cmd, missing, out.String())
		}
		if tr.code >= 0 && code != tr.code {
			t.Errorf("%s:%d: $ %s: exit %d, the docs show %d", tr.file, tr.line, tr.cmd, code, tr.code)
		}
	}
	t.Logf("%d elided transcripts checked", checked)
	if checked == 0 {
		t.Fatal("no elided transcript checked: the docs' format changed?")
	}
}

// sideMissing reports whether berth diff refused a side that this copy
// of the repository lacks: a directory of the docs' own (old/, new/), a
// revision a shallow clone lacks, or any revision in a copy with no git
// repository at all (a source tarball).
func sideMissing(out string) bool {
	return strings.Contains(out, "neither a directory nor a git revision") ||
		strings.Contains(out, "it cannot be a git revision") ||
		strings.Contains(out, " does not exist: ")
}

// elides reports whether a transcript's output leaves lines out.
func elides(shown []string) bool {
	for _, l := range shown {
		if strings.Contains(l, "...") {
			return true
		}
	}
	return false
}

// notShown returns the first line of shown (elisions aside) that got has
// not, after the lines matched before it; "" when all are there.
func notShown(shown, got []string) string {
	i := 0
	for _, want := range shown {
		if strings.TrimSpace(want) == "..." || strings.TrimSpace(want) == "" {
			continue
		}
		for i < len(got) && !lineMatches(want, got[i]) {
			i++
		}
		if i == len(got) {
			return want
		}
		i++
	}
	return ""
}

// lineMatches reports whether line is want, where each "..." of want
// stands for any text.
func lineMatches(want, line string) bool {
	parts := strings.Split(want, "...")
	if len(parts) == 1 {
		return line == want
	}
	if !strings.HasPrefix(line, parts[0]) {
		return false
	}
	line = line[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		k := strings.Index(line, p)
		if k < 0 {
			return false
		}
		line = line[k+len(p):]
	}
	return strings.HasSuffix(line, parts[len(parts)-1])
}

// writesFile reports whether a command writes a file into the repository
// (the docs' --report shop.html).
func writesFile(fields []string) bool {
	for _, f := range fields {
		if name, _, _ := strings.Cut(f, "="); name == "--report" || name == "--chart" || name == "-o" || name == "-out" || name == "--out" {
			return true
		}
	}
	return false
}
