package lang

import (
	"reflect"
	"sort"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// lineIndex turns byte offsets of a source into hcl positions: line and
// column (in grapheme clusters, as hcl counts them) from the offset alone.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src: src, starts: starts}
}

// pos is the position of the byte at offset.
func (x lineIndex) pos(offset int) hcl.Pos {
	offset = min(max(offset, 0), len(x.src))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	col := 1
	for rest := x.src[x.starts[line]:offset]; len(rest) > 0; col++ {
		n, _, _ := textseg.ScanGraphemeClusters(rest, true)
		if n == 0 {
			break
		}
		rest = rest[n:]
	}
	return hcl.Pos{Line: line + 1, Column: col, Byte: offset}
}

var (
	posType   = reflect.TypeFor[hcl.Pos]()
	ctyValue  = reflect.TypeFor[cty.Value]()
	ctyType   = reflect.TypeFor[cty.Type]()
	skipTypes = map[reflect.Type]bool{ctyValue: true, ctyType: true}
)

// repositionTree recomputes the line and column of every hcl.Pos reachable
// through exported fields of v (a syntax tree, diagnostics) from its byte
// offset, for a tree parsed from a rewrite of x's source that kept every
// offset (expandOneLineBlocks).
func (x lineIndex) repositionTree(v any) {
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value) reflect.Value
	walk = func(v reflect.Value) reflect.Value {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return v
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if v.IsNil() {
				return v
			}
			e := v.Elem()
			if e.Kind() == reflect.Pointer {
				walk(e)
				return v
			}
			c := reflect.New(e.Type()).Elem()
			c.Set(e)
			return walk(c)
		case reflect.Struct:
			if v.Type() == posType {
				v.Set(reflect.ValueOf(x.pos(int(v.Interface().(hcl.Pos).Byte))))
				return v
			}
			if skipTypes[v.Type()] {
				return v
			}
			for i := 0; i < v.NumField(); i++ {
				if f := v.Field(i); v.Type().Field(i).IsExported() {
					set(f, walk(f))
				}
			}
		case reflect.Slice, reflect.Array:
			if k := v.Type().Elem().Kind(); k <= reflect.Complex128 || k == reflect.String {
				return v // bytes, numbers, strings: no positions inside
			}
			for i := 0; i < v.Len(); i++ {
				set(v.Index(i), walk(v.Index(i)))
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				e := iter.Value()
				if e.Kind() == reflect.Pointer {
					walk(e)
					continue
				}
				c := reflect.New(e.Type()).Elem()
				c.Set(e)
				v.SetMapIndex(iter.Key(), walk(c))
			}
		}
		return v
	}
	walk(reflect.ValueOf(v))
}

// set stores w into v when walking replaced a value held by an interface.
func set(v, w reflect.Value) {
	if v.Kind() == reflect.Interface && v.CanSet() && w.IsValid() && w != v {
		v.Set(w)
	}
}
