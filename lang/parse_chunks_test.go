package lang

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// blockRanges lists the type, labels and ranges of a body's blocks.
func blockRanges(f *hcl.File) []string {
	var out []string
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		out = append(out, b.Type+" "+strings.Join(b.Labels, " ")+" "+b.DefRange().String()+" "+b.Range().String())
	}
	return out
}

func TestParseChunkedMatchesWhole(t *testing.T) {
	src := []byte(genSpec(250, true))
	if len(src) < chunkThreshold || len(splitChunks(src)) < 3 {
		t.Fatalf("test spec too small to chunk: %d bytes", len(src))
	}
	chunked, ok := parseChunked(src, "x.berth.hcl")
	if !ok {
		t.Fatal("chunked parse refused a valid file")
	}
	whole, diags := hclsyntax.ParseConfig(src, "x.berth.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if diff := cmp.Diff(blockRanges(whole), blockRanges(chunked)); diff != "" {
		t.Errorf("chunked blocks differ (-whole +chunked):\n%s", diff)
	}
	if cs := chunked.Nav.(chunkNav).ContextString(len(src) / 2); !strings.Contains(cs, "service") && !strings.Contains(cs, "link") {
		t.Errorf("context at the middle = %q", cs)
	}
}

func TestParseChunkedFallsBack(t *testing.T) {
	// A heredoc whose lines look like a block boundary: the guess splits
	// inside it, the chunk fails, and the whole file parses normally.
	var sb strings.Builder
	sb.WriteString(genSpec(100, true))
	sb.WriteString("locals {\n  doc = <<EOT\n")
	for i := 0; i < 4000; i++ {
		sb.WriteString("}\nservice \"fake\" {\n")
	}
	sb.WriteString("EOT\n}\n")
	sb.WriteString(genSpec(100, true)) // more blocks after it
	src := []byte(sb.String())
	if _, ok := parseChunked(src, "x"); ok {
		t.Fatal("a split inside a heredoc was accepted")
	}
	f, _ := parseSpecFile(specFile{name: "x", src: src})
	whole, _ := hclsyntax.ParseConfig(src, "x", hcl.InitialPos)
	if diff := cmp.Diff(blockRanges(whole), blockRanges(f)); diff != "" {
		t.Errorf("fallback differs:\n%s", diff)
	}
}
