package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func TestDiagTextWriter(t *testing.T) {
	src := "service \"api\" {\n\tcapacity {\n\t\tworkers = 0\n\t}\n}\n"
	f, diags := hclsyntax.ParseConfig([]byte(src), "main.berth.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files := map[string]*hcl.File{"main.berth.hcl": f}
	rng := func(file string, line, col, byteOff, endCol int) *hcl.Range {
		return &hcl.Range{Filename: file,
			Start: hcl.Pos{Line: line, Column: col, Byte: byteOff},
			End:   hcl.Pos{Line: line, Column: endCol, Byte: byteOff + endCol - col}}
	}
	tests := []struct {
		name string
		diag *hcl.Diagnostic
		want string
	}{
		{
			"error with snippet, tabs kept under the caret",
			&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Value out of range", Detail: "workers must be at least 1.", Subject: rng("main.berth.hcl", 3, 13, 39, 14)},
			"Error: Value out of range\n\n  on main.berth.hcl:3:13, in service \"api\":\n   3: \t\tworkers = 0\n      \t\t          ^\n\nworkers must be at least 1.\n\n",
		},
		{
			"warning underlines its whole subject",
			&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Odd", Subject: rng("main.berth.hcl", 1, 9, 8, 14)},
			"Warning: Odd\n\n  on main.berth.hcl:1:9, in service \"api\":\n   1: service \"api\" {\n              ^^^^^\n\n",
		},
		{
			"unknown file: position only",
			&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Gone", Subject: rng("other.hcl", 7, 2, 50, 3)},
			"Error: Gone\n\n  on other.hcl:7:2:\n\n",
		},
		{
			"no subject",
			&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "No spec", Detail: "Nothing to load."},
			"Error: No spec\n\nNothing to load.\n\n",
		},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		dw := &diagTextWriter{w: &b, files: files, width: 100}
		dw.write(tt.diag)
		if d := cmp.Diff(tt.want, b.String()); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
}

func TestWrapText(t *testing.T) {
	got := wrapText("one two three four\nfive", 9)
	want := []string{"one two", "three", "four", "five"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	for _, line := range wrapText(strings.Repeat("word ", 50), 20) {
		if len(line) > 20 {
			t.Errorf("line %q longer than 20", line)
		}
	}
}
