package lang

import (
	"fmt"

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
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		n, err := nameOf(e)
		if err != nil {
			a.add(errorAt(a.rng(name), "Incorrect attribute value type", "each element of %s must be %s.", name, err))
			return
		}
		out = append(out, n)
	}
	*dst = out
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
	return "", fmt.Errorf("%s, not %s", want, ty.FriendlyName())
}
