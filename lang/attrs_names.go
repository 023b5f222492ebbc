package lang

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// name decodes a name: a string, or a reference to a named object.
func (a attrs) name(name string, dst *string) {
	v, ok := a.value(name)
	if !ok {
		return
	}
	n, err := nameOf(v)
	if err != nil {
		a.add(errorAt(a.rng(name), "Incorrect attribute value type", "%s must be %s.", name, err))
		return
	}
	*dst = n
}

// names decodes a list of names.
func (a attrs) names(name string, dst *[]string) {
	v, ok := a.value(name)
	if !ok {
		return
	}
	ty := v.Type()
	if !ty.IsListType() && !ty.IsTupleType() && !ty.IsSetType() {
		a.add(errorAt(a.rng(name), "Incorrect attribute value type",
			"%s must be a list of names (strings or references like network.edge), not %s.", name, ty.FriendlyName()))
		return
	}
	out := make([]string, 0, v.LengthInt())
	for i, it := 0, v.ElementIterator(); it.Next(); i++ {
		_, e := it.Element()
		n, err := nameOf(e)
		if err != nil {
			a.add(errorAt(a.elemRng(name, i), "Incorrect attribute value type", "each element of %s must be %s.", name, err))
			return
		}
		if slices.Contains(out, n) {
			a.add(errorAt(a.elemRng(name, i), "Duplicate name",
				"%s lists %q more than once. Remove the repeat (wrap a computed list in distinct()).", name, n))
			continue
		}
		out = append(out, n)
	}
	*dst = out
}

// elemRng returns the range of element i of a list attribute written as
// [...], or the attribute's value.
func (a attrs) elemRng(name string, i int) hcl.Range {
	e, _ := a.expr(name)
	if t, ok := e.(*hclsyntax.TupleConsExpr); ok && i < len(t.Exprs) {
		return t.Exprs[i].Range()
	}
	return a.rng(name)
}

// nameOf returns the name of v: a string, or an object with a string name.
func nameOf(v cty.Value) (string, error) {
	const want = "a name: a string, or a reference like service.orders"
	if v.IsNull() || !v.IsKnown() {
		return "", fmt.Errorf("%s, not null", want)
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), nil
	case ty.IsObjectType() && ty.HasAttribute("name"):
		return nameOf(v.GetAttr("name"))
	case ty.IsMapType() && v.LengthInt() > 0 && v.HasIndex(cty.StringVal("name")).True():
		return nameOf(v.Index(cty.StringVal("name")))
	case ty.IsPrimitiveType():
		s, err := convert.Convert(v, cty.String)
		if err == nil {
			return s.AsString(), nil
		}
	}
	if names := instanceNames(v); len(names) > 0 {
		return "", fmt.Errorf("%s, not a for_each service, which is a map of its instances (%s); name one instance, like %q", want, listNames(names, 5), names[0])
	}
	return "", fmt.Errorf("%s, not %s", want, ty.FriendlyName())
}

// instanceNames returns the names of the instances when v is a for_each
// service (service.shard: an object of objects that have a name), or nil.
func instanceNames(v cty.Value) []string {
	ty := v.Type()
	if !ty.IsObjectType() || len(ty.AttributeTypes()) == 0 || !v.IsWhollyKnown() {
		return nil
	}
	var names []string
	for _, k := range keysOf(ty.AttributeTypes()) {
		e := v.GetAttr(k)
		if !e.Type().IsObjectType() || !e.Type().HasAttribute("name") {
			return nil
		}
		n := e.GetAttr("name")
		if n.Type() != cty.String || n.IsNull() {
			return nil
		}
		names = append(names, n.AsString())
	}
	return names
}
