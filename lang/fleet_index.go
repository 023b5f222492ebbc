package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// unknownInstance reports service.NAME["KEY"] when the for_each service
// NAME (fleet, the map of its instances) has no instance KEY, at the
// index, with its keys; hcl said only "The given key does not identify an
// element in this collection value."
func unknownInstance(name string, idx hcl.TraverseIndex, fleet cty.Value) *hcl.Diagnostic {
	ty := fleet.Type()
	if !ty.IsObjectType() && !ty.IsMapType() || fleet.IsNull() || !fleet.IsKnown() {
		return nil
	}
	key := idx.Key
	if key.Type() != cty.String || !key.IsKnown() || key.IsNull() {
		return nil
	}
	var keys []string
	isFleet := false
	for it := fleet.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if k.AsString() == key.AsString() {
			return nil
		}
		keys = append(keys, k.AsString())
		isFleet = isFleet || isServiceObject(v)
	}
	if !isFleet {
		return nil
	}
	return errorAt(idx.SrcRange, "Unknown instance",
		"service.%s has no instance %q: it is a for_each service whose keys are %s.%s Use one of them, or add the key to its for_each.",
		name, key.AsString(), joinQuoted(keys), didYouMean(key.AsString(), keys))
}

// instanceIndex is the for_each key step of tr at i, service.NAME[KEY].
func instanceIndex(tr hcl.Traversal, i int) (string, hcl.TraverseIndex, bool) {
	idx, ok := tr[i].(hcl.TraverseIndex)
	if !ok || i != 2 {
		return "", idx, false
	}
	attr, ok := tr[1].(hcl.TraverseAttr)
	return attr.Name, idx, ok
}
