package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocsFencesClosed: every code block of README.md and docs/*.md is
// closed by a fence alone on its line. Text after a closing fence makes
// it no fence at all, and the block then runs on over the next headings
// (docs/deploy.md lost its "## berth import" section that way).
func TestDocsFencesClosed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "..", "..", "README.md"))
	fence := regexp.MustCompile("^(`{3,})(.*)$")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		open, openLine := "", 0
		for i, line := range strings.Split(string(data), "\n") {
			m := fence.FindStringSubmatch(line)
			switch {
			case m == nil:
			case open == "":
				open, openLine = m[1], i+1
			case m[1] == open && strings.TrimSpace(m[2]) == "":
				open = ""
			case m[1] == open:
				t.Errorf("%s:%d: text after the fence that should close the block opened at line %d", f, i+1, openLine)
			}
		}
		if open != "" {
			t.Errorf("%s:%d: code block never closed", f, openLine)
		}
	}
}
