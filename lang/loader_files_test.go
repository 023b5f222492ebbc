package lang

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestRefusedFileKeepsBytes: a file refused before parsing (nesting too
// deep) is still among the loader's files, so that berth validate shows
// the snippet of its diagnostic; it was missing, and the diagnostic came
// without its source line.
func TestRefusedFileKeepsBytes(t *testing.T) {
	src := "locals {\n  x = " + strings.Repeat("[", 300) + "1" + strings.Repeat("]", 300) + "\n}\n"
	l := NewLoader()
	_, diags := l.Load(".", Options{FS: fstest.MapFS{"main.berth.hcl": {Data: []byte(src)}}, Environ: []string{}})
	if len(diags) != 1 || diags[0].Summary != "Nesting too deep" {
		t.Fatalf("want one 'Nesting too deep', got:\n%s", diagText(diags))
	}
	f := l.Files()[diags[0].Subject.Filename]
	if f == nil || string(f.Bytes) != src || f.Body == nil {
		t.Fatalf("the refused file is not among the loader's files with its bytes and a body: %+v", f)
	}
}
