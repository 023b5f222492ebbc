package lang

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// maxInstances bounds the instances one for_each may make.
const maxInstances = 10000

// instance is one element of a for_each service.
type instance struct {
	key   string
	value cty.Value
	name  string
}

// forEachNode returns the dependency node that expands a for_each service
// block, or nil when the block has no for_each.
func (st *loadState) forEachNode(b *hcl.Block) *depNode {
	fe := syntaxAttr(b.Body, "for_each")
	if fe == nil {
		return nil
	}
	label := b.Labels[0]
	st.ev.objects["service"][label] = cty.DynamicVal
	exprs := []hcl.Expression{fe.Expr}
	nameAttr := syntaxAttr(b.Body, "name")
	if nameAttr != nil {
		exprs = append(exprs, nameAttr.Expr)
	}
	return &depNode{key: "service." + label, rng: fe.Expr.Range(), exprs: exprs,
		run: func(ctx *hcl.EvalContext) {
			insts := st.expandForEach(label, fe, nameAttr, ctx)
			st.forEach[label] = insts
			objs := make(map[string]cty.Value, len(insts))
			for _, in := range insts {
				v, dynamic := declaredServiceObject(in.name, b.Body)
				objs[in.key] = v
				st.dynamicEndpoints = st.dynamicEndpoints || dynamic
			}
			st.ev.objects["service"][label] = cty.ObjectVal(objs)
		}}
}

// expandForEach evaluates for_each (a map, or a set or list of strings)
// and each instance's name.
func (st *loadState) expandForEach(label string, fe, nameAttr *hcl.Attribute, ctx *hcl.EvalContext) []instance {
	v, diags := eval(fe.Expr, ctx)
	st.add(diags...)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return nil
	}
	if d := sensitiveForEach(v, fe.Expr.Range()); d != nil {
		st.add(d)
		return nil
	}
	insts, err := forEachElems(v)
	if err != "" {
		st.add(errorAt(fe.Expr.Range(), "Invalid for_each argument", "%s", err))
		return nil
	}
	for i := range insts {
		insts[i].name = label + "-" + insts[i].key
		if nameAttr != nil {
			a := newAttrs(hcl.Attributes{"name": nameAttr}, eachContext(ctx, insts[i].key, insts[i].value), &st.diags)
			a.name("name", &insts[i].name)
		}
	}
	return insts
}

// forEachElems lists the elements of a for_each value, sorted by key.
func forEachElems(v cty.Value) ([]instance, string) {
	ty := v.Type()
	if v.IsNull() {
		return nil, "for_each is null. Give it a map, or a set of strings such as toset([\"a\", \"b\"])."
	}
	if !ty.IsMapType() && !ty.IsObjectType() && !ty.IsSetType() && !ty.IsListType() && !ty.IsTupleType() {
		return nil, fmt.Sprintf("for_each must be a map, or a set of strings such as toset([\"a\", \"b\"]), not %s.", ty.FriendlyName())
	}
	if v.LengthInt() > maxInstances {
		return nil, fmt.Sprintf("for_each has %d elements; at most %d are allowed.", v.LengthInt(), maxInstances)
	}
	byKey := map[string]instance{}
	keyed := ty.IsMapType() || ty.IsObjectType()
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if !keyed {
			if e.IsNull() || e.Type() != cty.String {
				return nil, "each element of a for_each set must be a string. Use a map to give each instance a value."
			}
			k = e
		}
		byKey[k.AsString()] = instance{key: k.AsString(), value: e}
	}
	out := make([]instance, 0, len(byKey))
	for _, in := range byKey {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out, ""
}
