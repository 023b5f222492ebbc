package lang

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

func TestCloneIndependent(t *testing.T) {
	s, diags := NewLoader().Load("testdata/valid/full", Options{Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	c := s.Clone()
	opts := cmp.Options{cmpopts.IgnoreUnexported(hcl.Range{}), cmp.Comparer(func(a, b cty.Value) bool { return a.RawEquals(b) }),
		cmp.Comparer(func(a, b cty.Type) bool { return a.Equals(b) })}
	if diff := cmp.Diff(s, c, opts...); diff != "" {
		t.Fatalf("clone differs (-orig +clone):\n%s", diff)
	}
	// No pointer, slice or map of the clone may be shared with the original.
	orig := map[uintptr]bool{}
	walkRefs(reflect.ValueOf(s), func(_ string, p uintptr) { orig[p] = true })
	walkRefs(reflect.ValueOf(c), func(kind string, p uintptr) {
		if orig[p] {
			t.Errorf("the clone shares a %s with the original", kind)
		}
	})

	c.Service("gateway").Endpoints[0].Flow.Children[0].Call.Service = "x"
	c.Service("gateway").Env["LOG_LEVEL"] = "debug"
	c.Link("gateway", "orders").Retry.On[0] = "x"
	c.Services["orders"].Replicas = 40
	if s.Service("gateway").Endpoints[0].Flow.Children[0].Call.Service != "auth" ||
		s.Service("gateway").Env["LOG_LEVEL"] != "info" || s.Link("gateway", "orders").Retry.On[0] != RetryOnTimeout ||
		s.Services["orders"].Replicas != 2 {
		t.Error("mutating the clone changed the original")
	}
	if (*Spec)(nil).Clone() != nil {
		t.Error("nil clone")
	}
}

// walkRefs calls fn with the address of every non-empty pointer, slice
// and map reachable from v through exported fields.
func walkRefs(v reflect.Value, fn func(string, uintptr)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Type() == reflect.TypeOf((*hcl.Range)(nil)) {
			return
		}
		fn("pointer "+v.Type().String(), v.Pointer())
		walkRefs(v.Elem(), fn)
	case reflect.Slice:
		if v.Len() == 0 {
			return
		}
		fn("slice "+v.Type().String(), v.Pointer())
		for i := 0; i < v.Len(); i++ {
			walkRefs(v.Index(i), fn)
		}
	case reflect.Map:
		if v.Len() == 0 {
			return
		}
		fn("map "+v.Type().String(), v.Pointer())
		for it := v.MapRange(); it.Next(); {
			walkRefs(it.Value(), fn)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(cty.Value{}) || v.Type() == reflect.TypeOf(cty.Type{}) || v.Type() == reflect.TypeOf(hcl.Range{}) {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkRefs(v.Field(i), fn)
			}
		}
	}
}
