package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// A body of the native syntax whose every attribute and block the schema
// accepts, with the right number of labels, and that sets every required
// attribute is clean: hcl can report nothing about it, so lang reads it
// directly instead of through Content, which builds four maps and an
// object per item. Any other body goes through hcl, which reports what is
// wrong.
//
// Reading a body directly relies on it being fresh from the parser: a body
// returned as the remainder of PartialContent hides what was already
// decoded, and lang never decodes such a body.

// content is what a block body holds under a schema.
type content struct {
	syntax hclsyntax.Attributes // a clean body's own attributes, or nil
	attrs  hcl.Attributes       // hcl's decoding of the attributes otherwise
	Blocks hcl.Blocks
}

// content decodes a block body against schema, collecting diagnostics.
func (st *loadState) content(body hcl.Body, schema *hcl.BodySchema) content {
	var c content
	if sb, ok := body.(*hclsyntax.Body); ok && cleanBody(sb, schema) {
		c = content{syntax: sb.Attributes, Blocks: hclBlocks(sb.Blocks)}
	} else {
		hc, diags := body.Content(schema)
		diags = mergeMisspelledRequired(diags)
		hintForeignNames(diags, body, schema)
		explainLabels(diags, schema)
		st.add(diags...)
		c = content{attrs: hc.Attributes, Blocks: hc.Blocks}
	}
	st.checkRequiredNotNull(c, schema)
	return c
}

// checkRequiredNotNull reports a required argument written as the literal
// null, which would otherwise read as unset and then as zero (a ramp from
// null, a fault at null); Terraform too takes null for missing.
func (st *loadState) checkRequiredNotNull(c content, schema *hcl.BodySchema) {
	for _, as := range schema.Attributes {
		if !as.Required {
			continue
		}
		var expr hcl.Expression
		if a := c.syntax[as.Name]; a != nil {
			expr = a.Expr
		} else if a := c.attrs[as.Name]; a != nil {
			expr = a.Expr
		}
		if lit, ok := expr.(*hclsyntax.LiteralValueExpr); ok && lit.Val.IsNull() {
			st.add(errorAt(lit.SrcRange, "Missing required argument",
				"The argument %q is required, and null leaves it unset. Give it a value.", as.Name))
		}
	}
}

// bodyContent is body.Content(schema), built directly for a clean body.
func bodyContent(body hcl.Body, schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok || !cleanBody(sb, schema) {
		return body.Content(schema)
	}
	c := &hcl.BodyContent{Attributes: make(hcl.Attributes, len(sb.Attributes)), Blocks: hclBlocks(sb.Blocks), MissingItemRange: sb.MissingItemRange()}
	for name, a := range sb.Attributes {
		c.Attributes[name] = a.AsHCLAttribute()
	}
	return c, nil
}

// cleanBody reports whether decoding b against schema would report nothing.
func cleanBody(b *hclsyntax.Body, schema *hcl.BodySchema) bool {
	found := 0
	for _, as := range schema.Attributes {
		if b.Attributes[as.Name] != nil {
			found++
		} else if as.Required {
			return false
		}
	}
	if found != len(b.Attributes) {
		return false // an attribute the schema does not declare
	}
	for _, blk := range b.Blocks {
		if !schemaAccepts(schema, blk) {
			return false
		}
	}
	return true
}

// schemaAccepts reports whether schema declares blocks of blk's type with
// exactly as many labels as blk has.
func schemaAccepts(schema *hcl.BodySchema, blk *hclsyntax.Block) bool {
	for _, bs := range schema.Blocks {
		if bs.Type == blk.Type {
			return len(bs.LabelNames) == len(blk.Labels)
		}
	}
	return false
}

// hclBlocks returns the blocks as hcl.Blocks (nil for none, as Content
// does), in two allocations.
func hclBlocks(blocks hclsyntax.Blocks) hcl.Blocks {
	if len(blocks) == 0 {
		return nil
	}
	all := make([]hcl.Block, len(blocks))
	out := make(hcl.Blocks, len(blocks))
	for i, blk := range blocks {
		all[i] = hcl.Block{
			Type: blk.Type, Labels: blk.Labels, Body: blk.Body,
			DefRange: blk.DefRange(), TypeRange: blk.TypeRange, LabelRanges: blk.LabelRanges,
		}
		out[i] = &all[i]
	}
	return out
}
