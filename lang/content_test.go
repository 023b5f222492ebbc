package lang

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// allSchemas are the body schemas lang decodes with.
var allSchemas = map[string]*hcl.BodySchema{
	"root": rootSchema, "berth": berthBlockSchema, "defaults": defaultsBlockSchema,
	"config": configBlockSchema, "endpoint": endpointBlockSchema, "flow": flowBlockSchema,
	"call": callBlockSchema, "publish": publishBlockSchema, "consume": consumeBlockSchema,
	"expect": expectBlockSchema, "link": linkBlockSchema, "retry": retryBlockSchema,
	"breaker": breakerBlockSchema, "bulkhead": bulkheadBlockSchema, "load": loadBlockSchema,
	"ramp": rampBlockSchema, "step": stepBlockSchema, "burst": burstBlockSchema,
	"network": networkBlockSchema, "queue": queueBlockSchema, "scenario": scenarioBlockSchema,
	"fault": faultBlockSchema, "secret": secretBlockSchema, "port": portBlockSchema,
	"mount": mountBlockSchema, "resources": resourcesBlockSchema, "health": healthBlockSchema,
	"restart": restartBlockSchema, "update": updateBlockSchema, "placement": placementBlockSchema,
	"capacity": capacityBlockSchema, "service": serviceBlockSchema, "slo": sloBlockSchema,
	"variable": variableBlockSchema, "validation": validationBlockSchema, "volume": volumeBlockSchema,
}

// TestBodyContentMatchesHCL decodes every body of every spec file in
// testdata and examples against every schema, and checks that a body is
// read directly exactly when hcl reports nothing about it, and that both
// ways of reading it (bodyContent and loadState.content) give what hcl's
// Content gives.
func TestBodyContentMatchesHCL(t *testing.T) {
	var bodies []*hclsyntax.Body
	var walk func(b *hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		bodies = append(bodies, b)
		for _, blk := range b.Blocks {
			walk(blk.Body)
		}
	}
	for _, root := range []string{"testdata", "../examples"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, SpecSuffix) {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if f, _ := hclsyntax.ParseConfig(src, path, hcl.InitialPos); f != nil {
				walk(f.Body.(*hclsyntax.Body))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	gen, _ := hclsyntax.ParseConfig([]byte(genSpec(20, true)+contentEdgeCases), "gen.berth.hcl", hcl.InitialPos)
	walk(gen.Body.(*hclsyntax.Body))
	if len(bodies) < 500 {
		t.Fatalf("only %d bodies found", len(bodies))
	}
	fast := 0
	st := &loadState{}
	for _, b := range bodies {
		for name, schema := range allSchemas {
			clean := cleanBody(b, schema)
			want, diags := b.Content(schema)
			if clean != (len(diags) == 0) {
				t.Errorf("%s against %s: clean %v, hcl reports %v", b.SrcRange, name, clean, diags)
				continue
			}
			if !clean {
				continue
			}
			fast++
			got, _ := bodyContent(b, schema)
			if d := contentDiff(got, want); d != "" {
				t.Errorf("%s against %s: bodyContent: %s", b.SrcRange, name, d)
			}
			if d := stateContentDiff(st.content(b, schema), want); d != "" {
				t.Errorf("%s against %s: loadState.content: %s", b.SrcRange, name, d)
			}
		}
	}
	for _, d := range st.diags {
		// beyond hcl, content reports a required argument written null
		if d.Summary != "Missing required argument" || !strings.Contains(d.Detail, "null leaves it unset") {
			t.Errorf("loadState.content reported %v", d)
		}
	}
	if fast < len(bodies)*3/4 {
		t.Errorf("the fast path was taken only %d times for %d bodies", fast, len(bodies))
	}
}

// contentEdgeCases are bodies hcl reports on: labels missing or extra, an
// unknown attribute or block, a required attribute missing.
const contentEdgeCases = `
service {}
link "a" {}
service "x" {
  capacity "c" {}
  port {}
  endpoint {}
  typo = 1
  health "h" "i" {}
  network {}
}
service "y" {
  endpoint "e" {
    call {}
    call "a" "b" {}
    parallel "p" {}
  }
}
`

// stateContentDiff describes the first difference between a content and
// hcl's.
func stateContentDiff(c content, want *hcl.BodyContent) string {
	a := (&loadState{}).attrsOf(c, nil)
	for _, as := range allSchemaAttributes() {
		e, ok := a.expr(as)
		w, wok := want.Attributes[as]
		switch {
		case ok != wok:
			return fmt.Sprintf("attribute %s: present %v, hcl says %v", as, ok, wok)
		case ok && (e != w.Expr || a.rng(as) != w.Expr.Range()):
			return "attribute " + as + " differs"
		}
	}
	return contentDiff(&hcl.BodyContent{Attributes: want.Attributes, Blocks: c.Blocks, MissingItemRange: want.MissingItemRange}, want)
}

// allSchemaAttributes lists every attribute name of every schema.
func allSchemaAttributes() []string {
	var out []string
	for _, s := range allSchemas {
		for _, as := range s.Attributes {
			out = append(out, as.Name)
		}
	}
	return out
}

// contentDiff describes the first difference between two contents.
func contentDiff(got, want *hcl.BodyContent) string {
	if got.MissingItemRange != want.MissingItemRange {
		return "missing item range " + got.MissingItemRange.String() + " != " + want.MissingItemRange.String()
	}
	if (got.Attributes == nil) != (want.Attributes == nil) || len(got.Attributes) != len(want.Attributes) {
		return "attributes differ in number"
	}
	for name, w := range want.Attributes {
		if g := got.Attributes[name]; g == nil || *g != *w {
			return "attribute " + name + " differs"
		}
	}
	if (got.Blocks == nil) != (want.Blocks == nil) || len(got.Blocks) != len(want.Blocks) {
		return "blocks differ in number"
	}
	for i, w := range want.Blocks {
		g := got.Blocks[i]
		if g.Type != w.Type || strings.Join(g.Labels, "\x00") != strings.Join(w.Labels, "\x00") || g.Body != w.Body ||
			g.DefRange != w.DefRange || g.TypeRange != w.TypeRange || len(g.LabelRanges) != len(w.LabelRanges) {
			return "block " + w.DefRange.String() + " differs"
		}
		for j := range w.LabelRanges {
			if g.LabelRanges[j] != w.LabelRanges[j] {
				return "block " + w.DefRange.String() + " label range differs"
			}
		}
	}
	return ""
}
