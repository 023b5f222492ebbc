package lang

import (
	"errors"
	"fmt"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// The collection functions of terraform that cty's stdlib lacks: sum, one,
// alltrue, anytrue, and index(list, value) (cty's IndexFunc is the
// collection[key] operator, not terraform's index).

// collectionParam accepts a list, set or tuple.
var collectionParam = function.Parameter{Name: "list", Type: cty.DynamicPseudoType}

// elements returns the elements of a list, set or tuple value.
func elements(v cty.Value) ([]cty.Value, error) {
	ty := v.Type()
	if !ty.IsListType() && !ty.IsSetType() && !ty.IsTupleType() {
		return nil, fmt.Errorf("the argument must be a list, set or tuple, not %s", ty.FriendlyName())
	}
	if v.IsNull() {
		return nil, errors.New("the argument must not be null")
	}
	return v.AsValueSlice(), nil
}

// sumFunc is terraform's sum: the total of a non-empty list of numbers.
var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{collectionParam},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		elems, err := elements(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		if len(elems) == 0 {
			return cty.NilVal, errors.New("cannot sum an empty list")
		}
		total := cty.Zero
		for i, e := range elems {
			n, err := convert.Convert(e, cty.Number)
			if err != nil || n.IsNull() {
				return cty.NilVal, fmt.Errorf("element %d is not a number", i)
			}
			total = total.Add(n)
		}
		return total, nil
	},
})

// oneFunc is terraform's one: the only element of a collection, or null
// when it is empty; more than one element is an error.
var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{collectionParam},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType() && len(ty.TupleElementTypes()) == 1:
			return ty.TupleElementTypes()[0], nil
		case ty.IsTupleType():
			return cty.DynamicPseudoType, nil
		}
		return cty.NilType, fmt.Errorf("one takes a list, set or tuple, not %s", ty.FriendlyName())
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		elems, err := elements(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		switch len(elems) {
		case 0:
			return cty.NullVal(retType), nil
		case 1:
			return elems[0], nil
		}
		return cty.NilVal, fmt.Errorf("one takes a collection of zero or one elements, not %d", len(elems))
	},
})

// allTrueFunc is terraform's alltrue: true when every element is true (an
// empty list included); a null element counts as false.
var allTrueFunc = boolFold(true)

// anyTrueFunc is terraform's anytrue: true when at least one element is
// true; an empty list is false.
var anyTrueFunc = boolFold(false)

// boolFold makes alltrue (all = true) or anytrue (all = false).
func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				if !v.IsKnown() {
					return cty.UnknownVal(cty.Bool), nil
				}
				isTrue := !v.IsNull() && v.True()
				if isTrue != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

// indexFunc is terraform's index(list, value): the position of the first
// element equal to value.
var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{collectionParam, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ty := args[0].Type()
		if !ty.IsListType() && !ty.IsTupleType() {
			return cty.NilVal, fmt.Errorf("index takes a list or tuple, not %s", ty.FriendlyName())
		}
		elems, err := elements(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		for i, e := range elems {
			if eq := e.Equals(args[1]); eq.IsKnown() && eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.NilVal, errors.New("item not found")
	},
})
