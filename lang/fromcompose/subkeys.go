package fromcompose

import (
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// notCarried warns about the keys set in vals (compose-go structs, the
// items of one service's key at path: its ports, its limits, one of its
// networks) that berth does not carry, one warning per key, pointing at
// the key where the file writes it under path (a list's items have no
// key of their own: then at path). carried are the keys the converter
// imports or warns about itself.
func (c *converter) notCarried(svc string, at func(...string) *hcl.Range, path []string, carried []string, vals ...any) {
	var keys []string
	for _, v := range vals {
		rv := reflect.ValueOf(v)
		for rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				break
			}
			rv = rv.Elem()
		}
		if rv.Kind() != reflect.Struct {
			continue
		}
		var set []string
		collect(rv, &set)
		for _, k := range set {
			if !slices.Contains(carried, k) && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	what := strings.Join(path, ".")
	for _, k := range keys {
		r := at(append(slices.Clone(path), k)...)
		if r == nil {
			r = at(path...)
		}
		c.warn(r, what+"."+k+" is not carried into berth",
			"berth has no place for %s.%s, so the containers of %q run without it.", what, k, svc)
	}
}
