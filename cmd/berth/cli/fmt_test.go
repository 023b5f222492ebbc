package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormatIdempotent formats each input twice: the second pass must
// change nothing, and the first must keep the input's comments.
func TestFormatIdempotent(t *testing.T) {
	inputs := map[string]string{
		"messy":            "service \"a\" {\nreplicas=2\n    # keep me\n  capacity {\nworkers=1\n        service_time=\"exp(1ms)\"\n}\n}\n",
		"heredoc":          "config \"c\" {\n  content = <<EOT\n  raw   text\nEOT\n}\n",
		"crlf":             "network \"edge\" {\r\n  internal=true\r\n}\r\n",
		"nested":           "service \"g\" {\n endpoint \"e\" {\n parallel {\n call \"a\" {}\n sequence {\n call \"b\" {}\n call \"c\" {}\n }\n }\n }\n}\n",
		"no final newline": "variable \"v\" {\n  default=1\n}",
		"empty":            "",
	}
	files, err := specFilesIn(examplesDir, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.ToSlash(f)] = string(src)
	}
	for name, src := range inputs {
		once, diags := formatSource([]byte(src), name+".berth.hcl")
		if diags.HasErrors() {
			t.Errorf("%s: %v", name, diags)
			continue
		}
		twice, _ := formatSource(once, name+".berth.hcl")
		if string(once) != string(twice) {
			t.Errorf("%s: formatting is not idempotent:\nonce:\n%s\ntwice:\n%s", name, once, twice)
		}
	}
	once, _ := formatSource([]byte(inputs["messy"]), "messy.berth.hcl")
	if want := "\n  replicas = 2\n  # keep me\n"; !strings.Contains(string(once), want) {
		t.Errorf("want the comment kept and indented with its block, got:\n%s", once)
	}
}

// TestUnifiedDiffLines checks fmt --diff's hunks count the file's lines as
// diff -u does: no phantom empty line after a final newline (git apply
// refused such a patch), and a marker for a last line without one.
func TestUnifiedDiffLines(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{
			name: "final newline",
			a:    "s {\nr=2\n}\n",
			b:    "s {\n  r = 2\n}\n",
			want: "@@ -1,3 +1,3 @@\n s {\n-r=2\n+  r = 2\n }\n",
		},
		{
			name: "no final newline",
			a:    "s {\nr=2\n}",
			b:    "s {\n  r = 2\n}\n",
			want: "@@ -1,3 +1,3 @@\n s {\n-r=2\n-}\n\\ No newline at end of file\n+  r = 2\n+}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			if err := writeUnifiedDiff(&out, "m.berth.hcl", []byte(tt.a), []byte(tt.b)); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			_, hunks, _ := strings.Cut(got, "+++ b/m.berth.hcl\n")
			if hunks != tt.want {
				t.Errorf("diff:\n%s\nwant hunks:\n%s", got, tt.want)
			}
		})
	}
}
