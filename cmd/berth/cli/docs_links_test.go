package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// TestDocsLinks: every relative link of README.md, docs/*.md and the
// examples' READMEs names a file that exists, and a #fragment into a
// markdown file names one of its headings (GitHub's anchors: lower case,
// punctuation dropped, spaces to hyphens). Code blocks are left out.
func TestDocsLinks(t *testing.T) {
	files := docFiles(t)
	anchors := map[string]map[string]bool{}
	headingsOf := func(path string) map[string]bool {
		if a, ok := anchors[path]; ok {
			return a
		}
		a := map[string]bool{}
		for _, line := range proseLines(t, path) {
			if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
				a[headingAnchor(h)] = true
			}
		}
		anchors[path] = a
		return a
	}
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, f := range files {
		for _, line := range proseLines(t, f) {
			for _, m := range link.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				path, frag, _ := strings.Cut(target, "#")
				full := f
				if path != "" {
					full = filepath.Join(filepath.Dir(f), path)
				}
				if _, err := os.Stat(full); err != nil {
					t.Errorf("%s: link %s: no such file", f, target)
					continue
				}
				if frag != "" && strings.HasSuffix(full, ".md") && !headingsOf(full)[frag] {
					t.Errorf("%s: link %s: no heading with that anchor", f, target)
				}
			}
		}
	}
}

// docFiles lists README.md, docs/*.md and the examples' READMEs.
func docFiles(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(root, "examples", "*", "README.md"))
	return append(append(files, filepath.Join(root, "README.md"), filepath.Join(root, "examples", "README.md")), more...)
}

// mdLine is a line of a markdown file, and whether it is inside fenced
// code (the fence lines themselves are left out).
type mdLine struct {
	text string
	code bool
	n    int // 1-based line number
}

var mdFence = regexp.MustCompile("^(`{3,})")

// markdownLines reads a markdown file as lines, each marked inside or
// outside fenced code.
func markdownLines(t *testing.T, path string) []mdLine {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []mdLine
	fence := ""
	for i, line := range strings.Split(string(data), "\n") {
		if m := mdFence.FindString(line); m != "" {
			switch {
			case fence == "":
				fence = m
			case m == fence:
				fence = ""
			}
			continue
		}
		out = append(out, mdLine{text: line, code: fence != "", n: i + 1})
	}
	return out
}

// proseLines returns the lines of a markdown file outside fenced code.
func proseLines(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	for _, l := range markdownLines(t, path) {
		if !l.code {
			out = append(out, l.text)
		}
	}
	return out
}

// headingAnchor is GitHub's anchor of a heading's text.
func headingAnchor(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
