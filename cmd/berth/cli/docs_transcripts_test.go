package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDocsTranscripts: a transcript in docs/*.md of a berth
// command that needs no engine ("$ berth simulate ..." and the lines
// after it, up to the next "$ " line or the block's end) is what berth
// prints now, byte for byte, and "$ echo $?" after it is its exit code.
// The simulator is deterministic for a seed, so any difference is a
// change of the model the docs did not follow (docs/simulate.md showed
// rps 301.2 for the shop's orders-replica-loss where berth prints 301.3).
// A transcript that elides lines ("...") or pipes its output is left out.
func TestDocsTranscripts(t *testing.T) {
	checked := 0
	for _, tr := range repoTranscripts(t) {
		fields := strings.Fields(tr.cmd)
		if len(fields) < 2 || fields[0] != "berth" || !offlineCommands[fields[1]] || strings.ContainsAny(tr.cmd, "|<>\"$") {
			continue
		}
		for i, f := range fields { // 'orders.replicas=1..4'
			if len(f) > 1 && f[0] == '\'' && f[len(f)-1] == '\'' {
				fields[i] = f[1 : len(f)-1]
			}
		}
		elided := false
		for _, l := range tr.out {
			if strings.TrimSpace(l) == "..." {
				elided = true
			}
		}
		if elided {
			continue
		}
		checked++
		var out bytes.Buffer
		code := Run(fields[1:], strings.NewReader(""), &out, &out)
		// Trailing blank lines aside: a block ends where the text does.
		want := strings.TrimRight(strings.Join(tr.out, "\n"), "\n") + "\n"
		if got := strings.TrimRight(out.String(), "\n") + "\n"; got != want {
			t.Errorf("%s:%d: $ %s\n--- the docs show\n%s--- berth prints\n%s", tr.file, tr.line, tr.cmd, want, got)
		}
		if tr.code >= 0 && code != tr.code {
			t.Errorf("%s:%d: $ %s: exit %d, the docs show %d", tr.file, tr.line, tr.cmd, code, tr.code)
		}
	}
	t.Logf("%d transcripts checked", checked)
	if checked == 0 {
		t.Fatal("no transcript checked: the docs' format changed?")
	}
}

// repoTranscripts changes to the repository's root and returns the
// transcripts of docs/*.md and README.md.
func repoTranscripts(t *testing.T) []docTranscript {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(root, "README.md"))
	t.Chdir(root)
	var out []docTranscript
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range docTranscripts(string(data)) {
			tr.file = filepath.Base(f)
			out = append(out, tr)
		}
	}
	return out
}

// offlineCommands are those whose transcripts need no Docker engine.
var offlineCommands = map[string]bool{"simulate": true, "validate": true, "whatif": true}

type docTranscript struct {
	file string // the markdown file's name
	line int    // of the "$ " line
	cmd  string
	out  []string
	code int // shown by a "$ echo $?" after it, else -1
}

// docTranscripts returns the "$ command" transcripts of the code blocks
// of a markdown text.
func docTranscripts(md string) []docTranscript {
	var trs []docTranscript
	lines := strings.Split(md, "\n")
	fence := "" // the backticks that opened the code block we are in
	var cur *docTranscript
	flush := func() {
		if cur != nil {
			trs = append(trs, *cur)
			cur = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		// A block opened by n backticks closes at a line of n or more
		// and nothing else; a shorter fence inside is its text (a
		// ```mermaid block in a ```` comment).
		if ticks := l[:len(l)-len(strings.TrimLeft(l, "`"))]; len(ticks) >= 3 && (fence == "" || len(ticks) >= len(fence) && strings.TrimSpace(l) == ticks) {
			flush()
			if fence == "" {
				fence = ticks
			} else {
				fence = ""
			}
			continue
		}
		if fence == "" {
			continue
		}
		if l == "$ echo $?" {
			if cur != nil && i+1 < len(lines) {
				if c, err := strconv.Atoi(lines[i+1]); err == nil {
					cur.code = c
					i++
				}
			}
			flush()
			continue
		}
		if cmd, ok := strings.CutPrefix(l, "$ "); ok {
			flush()
			cur = &docTranscript{line: i + 1, cmd: cmd, code: -1}
			continue
		}
		if cur != nil {
			cur.out = append(cur.out, l)
		}
	}
	return trs
}
