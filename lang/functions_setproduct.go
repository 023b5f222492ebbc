package lang

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// maxSetProduct bounds the elements setproduct makes: ten times the
// instances a for_each or a dynamic block takes. Its result is the product
// of its arguments' lengths, so three lists of range(1000) asked for 10⁸
// elements and the run died out of memory with a Go stack trace.
const maxSetProduct = 100_000

// setProductFunc is cty's setproduct, refused before any work when its
// result would hold more than maxSetProduct elements.
var setProductFunc = function.New(&function.Spec{
	Description: stdlib.SetProductFunc.Description(),
	VarParam:    stdlib.SetProductFunc.VarParam(),
	Type:        stdlib.SetProductFunc.ReturnTypeForValues,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n := 1
		for _, a := range args {
			if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
				continue // cty's own checks say what is wrong
			}
			l := a.LengthInt()
			if l > 0 && n > maxSetProduct/l {
				return cty.NilVal, fmt.Errorf("the product of these collections has more than %d elements, the most berth makes: check their lengths (each element of the result takes one of each)", maxSetProduct)
			}
			n *= l
		}
		return stdlib.SetProductFunc.Call(args)
	},
})
