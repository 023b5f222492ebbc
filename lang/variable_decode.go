package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

var variableBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"}, {Name: "default"}, {Name: "description"}, {Name: "sensitive"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var validationBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "condition", Required: true},
		{Name: "error_message", Required: true},
	},
}

// variableDecl is a decoded variable block, before its value is known.
type variableDecl struct {
	v           *Variable
	typeDefs    *typeexpr.Defaults
	defaultRng  hcl.Range
	validations []*hcl.Attributes
}

// decodeVariableBlock decodes a `variable "name" {}` block. Expressions in
// it may use functions but no references.
func decodeVariableBlock(b *hcl.Block, funcsCtx *hcl.EvalContext) (*variableDecl, hcl.Diagnostics) {
	content, diags := bodyContent(b.Body, variableBlockSchema)
	d := &variableDecl{v: &Variable{Name: b.Labels[0], Type: cty.DynamicPseudoType, DeclRange: b.DefRange}}
	if !hclIdent(b.Labels[0]) {
		diags = append(diags, errorAt(b.LabelRanges[0], "Invalid variable name",
			"%q is not a valid name: use letters, digits, underscores and dashes, starting with a letter.", b.Labels[0]))
	}
	if at, ok := content.Attributes["type"]; ok {
		ty, defs, tdiags := typeexpr.TypeConstraintWithDefaults(at.Expr)
		hintVariableType(tdiags, at.Expr)
		diags = append(diags, tdiags...)
		if !tdiags.HasErrors() {
			d.v.Type, d.typeDefs = ty, defs
		}
	}
	a := newAttrs(content.Attributes, funcsCtx, &diags)
	a.str("description", &d.v.Description)
	a.boolean("sensitive", &d.v.Sensitive)
	if at, ok := content.Attributes["default"]; ok {
		d.defaultRng = at.Expr.Range()
		v, vdiags := eval(at.Expr, funcsCtx)
		diags = append(diags, vdiags...)
		d.v.Default = cty.DynamicVal // unknown after an error: no second error where it is used
		if !vdiags.HasErrors() {
			d.v.Default, diags = d.convert(v, d.defaultRng, "default", diags)
		}
	}
	for _, vb := range content.Blocks {
		vc, vdiags := bodyContent(vb.Body, validationBlockSchema)
		diags = append(diags, vdiags...)
		if !vdiags.HasErrors() {
			d.validations = append(d.validations, &vc.Attributes)
		}
	}
	return d, diags
}

// convert applies the type's optional-attribute defaults and converts v to
// the variable's type.
func (d *variableDecl) convert(v cty.Value, rng hcl.Range, from string, diags hcl.Diagnostics) (cty.Value, hcl.Diagnostics) {
	if d.typeDefs != nil && !v.IsNull() {
		v = d.typeDefs.Apply(v)
	}
	c, err := convert.Convert(v, d.v.Type)
	if err != nil {
		diags = append(diags, errorAt(rng, "Invalid value for variable",
			"The %s of var.%s%s does not fit its type %s: %s. Give a value of that type.",
			from, d.v.Name, givenText(d, v, from), typeexpr.TypeString(d.v.Type), err.Error()))
		return cty.DynamicVal, diags
	}
	return c, diags
}

// givenText shows a value given outside any file (-var, BERTH_VAR_x),
// which the diagnostic's range, the variable block, does not show: ("three").
// A sensitive variable's value is not shown.
func givenText(d *variableDecl, v cty.Value, from string) string {
	if d.v.Sensitive || v.Type() != cty.String || !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return ""
	}
	if from != "value from -var" && !strings.HasPrefix(from, "value from "+EnvVarPrefix) {
		return ""
	}
	return fmt.Sprintf(" (%q)", v.AsString())
}

// hclIdent reports whether s is a valid HCL identifier.
func hclIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || r != '-' && (r < '0' || r > '9')) {
			return false
		}
	}
	return true
}
