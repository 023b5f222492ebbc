package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// attrIn returns the range of the expression of attribute name in the
// block declared at blockRng (any block, nested or not), or blockRng when
// there is no such attribute. The model keeps only block ranges, so a
// check that finds a bad value after decoding uses this to point at the
// value itself; it walks the syntax tree, so it is for error paths only.
func (st *loadState) attrIn(blockRng hcl.Range, name string) hcl.Range {
	for _, blocks := range st.decls.blocks {
		for _, b := range blocks {
			sb, ok := b.Body.(*hclsyntax.Body)
			if !ok || b.DefRange.Filename != blockRng.Filename {
				continue
			}
			var found *hclsyntax.Body
			if b.DefRange == blockRng {
				found = sb
			} else if sb.SrcRange.ContainsOffset(blockRng.Start.Byte) {
				found = findBody(sb, blockRng)
			}
			if found == nil {
				continue
			}
			if a := found.Attributes[name]; a != nil {
				return a.Expr.Range()
			}
			return blockRng
		}
	}
	return blockRng
}

// findBody returns the body of the block below body declared at rng.
func findBody(body *hclsyntax.Body, rng hcl.Range) *hclsyntax.Body {
	for _, b := range body.Blocks {
		switch {
		case b.DefRange() == rng:
			return b.Body
		case b.Body.SrcRange.ContainsOffset(rng.Start.Byte):
			return findBody(b.Body, rng)
		}
	}
	return nil
}
