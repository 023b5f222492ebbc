package lang

import (
	"fmt"
	"math"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// attrs decodes the attributes of one block body. Each typed getter leaves
// its destination untouched (the default) when the attribute is absent,
// null, or failed to evaluate; failures are appended to diags.
type attrs struct {
	syntax hclsyntax.Attributes // a clean body's attributes (see content)
	m      hcl.Attributes       // or hcl's decoding of them
	ctx    *hcl.EvalContext
	diags  *hcl.Diagnostics
	sens   *sensitivity // which attributes may be sensitive (see allowSensitive)
}

func newAttrs(m hcl.Attributes, ctx *hcl.EvalContext, diags *hcl.Diagnostics) attrs {
	return attrs{m: m, ctx: ctx, diags: diags}
}

// expr returns the attribute's expression.
func (a attrs) expr(name string) (hcl.Expression, bool) {
	if a.syntax != nil {
		if at := a.syntax[name]; at != nil {
			return at.Expr, true
		}
		return nil, false
	}
	if at, ok := a.m[name]; ok {
		return at.Expr, true
	}
	return nil, false
}

// has reports whether the attribute is set.
func (a attrs) has(name string) bool {
	e, ok := a.expr(name)
	if lit, isLit := e.(*hclsyntax.LiteralValueExpr); isLit && lit.Val.IsNull() {
		return false // null is unset, as in Terraform
	}
	return ok
}

// rng returns the range of the attribute's expression (or an empty range).
func (a attrs) rng(name string) hcl.Range {
	if e, ok := a.expr(name); ok {
		return e.Range()
	}
	return hcl.Range{}
}

// nameRng returns the range of the attribute's name.
func (a attrs) nameRng(name string) hcl.Range {
	if a.syntax != nil {
		if at := a.syntax[name]; at != nil {
			return at.NameRange
		}
	} else if at, ok := a.m[name]; ok {
		return at.NameRange
	}
	return hcl.Range{}
}

func (a attrs) add(d ...*hcl.Diagnostic) { *a.diags = append(*a.diags, d...) }

// value evaluates the attribute; ok is false when it is absent, null,
// unknown or failed, or sensitive where it may not be. The value is never
// marked: every getter may convert it to Go.
func (a attrs) value(name string) (cty.Value, bool) {
	e, ok := a.expr(name)
	if !ok {
		return cty.NilVal, false
	}
	v, diags := eval(e, a.ctx)
	a.add(diags...)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	if v, ok = a.unmark(name, v); !ok || !v.IsWhollyKnown() || v.IsNull() {
		return cty.NilVal, false
	}
	return v, true
}

// typed evaluates the attribute and converts it to ty.
func (a attrs) typed(name string, ty cty.Type, what string) (cty.Value, bool) {
	v, ok := a.value(name)
	if !ok {
		return v, false
	}
	c, err := convert.Convert(v, ty)
	if err != nil {
		a.add(errorAt(a.rng(name), "Incorrect attribute value type",
			"%s must be %s: %s.%s", name, what, err.Error(), typeHint(name, v, ty)))
		return cty.NilVal, false
	}
	if c.IsNull() || !c.IsWhollyKnown() {
		return cty.NilVal, false
	}
	return c, true
}

func (a attrs) str(name string, dst *string) {
	if v, ok := a.typed(name, cty.String, "a string"); ok {
		*dst = v.AsString()
	}
}

func (a attrs) boolean(name string, dst *bool) {
	if v, ok := a.typed(name, cty.Bool, "true or false"); ok {
		*dst = v.True()
	}
}

func (a attrs) number(name string, dst *float64) {
	if v, ok := a.typed(name, cty.Number, "a number"); ok {
		if v.AsBigFloat().IsInf() {
			a.add(infinite(a.rng(name), name))
			return
		}
		f, _ := v.AsBigFloat().Float64()
		if math.IsInf(f, 0) {
			a.add(errorAt(a.rng(name), "Number out of range", "%s is too large.", name))
			return
		}
		*dst = f
	}
}

func (a attrs) integer(name string, dst *int) {
	v, ok := a.typed(name, cty.Number, "a whole number")
	if !ok {
		return
	}
	bf := v.AsBigFloat()
	if bf.IsInf() {
		a.add(infinite(a.rng(name), name))
		return
	}
	if !bf.IsInt() {
		a.add(errorAt(a.rng(name), "Incorrect attribute value type",
			"%s must be a whole number, not %s.", name, bf.Text('g', -1)))
		return
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i > math.MaxInt32 || i < math.MinInt32 {
		bound := fmt.Sprintf("above the largest whole number berth takes here (%d)", math.MaxInt32)
		if bf.Sign() < 0 {
			bound = fmt.Sprintf("below the smallest whole number berth takes here (%d)", math.MinInt32)
		}
		a.add(errorAt(a.rng(name), "Number out of range", "%s is %s, %s.", name, bf.Text('g', 6), bound))
		return
	}
	*dst = int(i)
}

func (a attrs) strings(name string, dst *[]string) {
	if v, ok := a.typed(name, cty.List(cty.String), "a list of strings"); ok {
		out := make([]string, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() {
				a.add(errorAt(a.rng(name), "Incorrect attribute value type", "%s must not contain null.", name))
				return
			}
			out = append(out, e.AsString())
		}
		*dst = out
	}
}

func (a attrs) stringMap(name string, dst *map[string]string) {
	if v, ok := a.typed(name, cty.Map(cty.String), "a map of strings"); ok {
		out := make(map[string]string, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if e.IsNull() {
				a.add(errorAt(a.rng(name), "Incorrect attribute value type", "the value of %q in %s must not be null.", k.AsString(), name))
				return
			}
			out[k.AsString()] = e.AsString()
		}
		*dst = out
	}
}
