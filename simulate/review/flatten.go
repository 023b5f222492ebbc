package review

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/graph"
	"github.com/berth-dev/berth/planner"
)

var (
	durationType = reflect.TypeOf(time.Duration(0))
	distType     = reflect.TypeOf(lang.Dist{})
	sizeType     = reflect.TypeOf(lang.Size(0))
	rangeType    = reflect.TypeOf(hcl.Range{})
	stepType     = reflect.TypeOf(&lang.Step{})
)

// flattener writes the attributes of a model value into out, and the
// distributions among them into dists: a distribution is written as the
// spec writes it ("lognormal(1ms, 5ms)"), but two texts of the same
// distribution ("exp(2ms)", "exp(2000us)") are no change.
type flattener struct {
	out   planner.Attrs
	dists map[string]lang.Dist
}

// flatten writes the attributes of a model value into out under prefix,
// one key per leaf ("capacity.workers", "retry.attempts",
// "endpoints.list_orders.weight"). Field names are the JSON names; fields
// tagged json:"-" (ranges, secret values) are left out. Durations, sizes
// and distributions are written as the spec writes them, zero values not
// at all (planner.Attrs drops them), so an absent attribute and its zero
// are the same.
func (fl *flattener) flatten(prefix string, v reflect.Value) {
	out := fl.out
	if !v.IsValid() {
		return
	}
	switch v.Type() {
	case durationType:
		if d := time.Duration(v.Int()); d != 0 {
			out.Set(prefix, shortDuration(d))
		}
		return
	case distType:
		d := v.Interface().(lang.Dist)
		out.Set(prefix, distText(d))
		if !d.IsZero() {
			fl.dists[prefix] = d
		}
		return
	case sizeType:
		out.Set(prefix, sizeText(lang.Size(v.Int())))
		return
	case rangeType:
		return
	case stepType:
		flattenFlow(prefix, v.Interface().(*lang.Step), out)
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			fl.flatten(prefix, v.Elem())
		}
	case reflect.Struct:
		fl.flattenStruct(prefix, v)
	case reflect.Slice:
		fl.flattenSlice(prefix, v)
	case reflect.Map:
		fl.flattenMap(prefix, v)
	case reflect.Float32, reflect.Float64:
		setNumber(out, prefix, v.Float())
	default:
		out.Set(prefix, v.Interface())
	}
}

func (fl *flattener) flattenStruct(prefix string, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" || !f.IsExported() {
			continue
		}
		fl.flatten(join(prefix, name), v.Field(i))
	}
}

// flattenSlice writes a list of strings as one list attribute, and a list
// of blocks element by element, keyed by the element's name when it has
// one ("endpoints.list_orders") and by its index otherwise ("ports.0").
func (fl *flattener) flattenSlice(prefix string, v reflect.Value) {
	out := fl.out
	if v.Type().Elem().Kind() == reflect.Uint8 { // a config's content: text, not a list of numbers
		out.Set(prefix, string(v.Bytes()))
		return
	}
	if v.Type().Elem().Kind() == reflect.String {
		list := make([]string, v.Len())
		for i := range list {
			list[i] = v.Index(i).String()
		}
		out.Set(prefix, list)
		return
	}
	for i := range v.Len() {
		key, field := elementKey(v.Index(i), i)
		elem := join(prefix, key)
		fl.flatten(elem, v.Index(i))
		if field != "" { // the key already says it
			delete(out, join(elem, field))
		}
	}
}

func (fl *flattener) flattenMap(prefix string, v reflect.Value) {
	out := fl.out
	if v.Type().Key().Kind() != reflect.String {
		return
	}
	if v.Type().Elem().Kind() == reflect.String {
		m := make(map[string]string, v.Len())
		for _, k := range v.MapKeys() {
			m[k.String()] = v.MapIndex(k).String()
		}
		out.Set(prefix, m)
		return
	}
	if v.Type().Elem() == rangeType {
		return
	}
	for _, k := range v.MapKeys() {
		fl.flatten(join(prefix, k.String()), v.MapIndex(k))
	}
}

// elementKey names a list element by its Name field (endpoints), its
// Queue field (consume blocks) or its index.
// It returns the JSON name of the field it used, "" for an index.
func elementKey(v reflect.Value, i int) (string, string) {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		for _, f := range []string{"Name", "Queue"} {
			if sf, ok := v.Type().FieldByName(f); ok && sf.Type.Kind() == reflect.String && v.FieldByIndex(sf.Index).String() != "" {
				return v.FieldByIndex(sf.Index).String(), jsonName(sf)
			}
		}
	}
	return strconv.Itoa(i), ""
}

// flattenFlow writes an endpoint's flow as one line of text under prefix
// (graph.FlowText: "auth → ∥{users (fallback), orders → products}") and the
// policies of each call under prefix.call.SERVICE[.ENDPOINT] (a second call
// to the same place gets "#2").
func flattenFlow(prefix string, s *lang.Step, out planner.Attrs) {
	out.Set(prefix, graph.FlowText(s))
	seen := map[string]int{}
	s.Walk(func(st *lang.Step) {
		if st.Kind != lang.StepCall || st.Call == nil {
			return
		}
		key := st.Call.Service
		if st.Call.Endpoint != "" {
			key += "." + st.Call.Endpoint
		}
		seen[key]++
		if seen[key] > 1 {
			key += "#" + strconv.Itoa(seen[key])
		}
		base := join(prefix, "call."+key)
		out.Set(base+".fallback", st.Call.Fallback)
		if p := st.Call.Probability; p < 1 { // kept when 0: "never called"
			out[base+".probability"] = p
		}
	})
}

// setNumber sets a decimal as a number. planner.Attrs keeps whole numbers
// as integers but decimals as text (for stable hashes), which a review
// would show quoted, "0.4", beside an unquoted 1, and write as a JSON
// string; a review hashes nothing, so it keeps the float.
func setNumber(out planner.Attrs, key string, f float64) {
	if f == math.Trunc(f) || math.IsNaN(f) || math.IsInf(f, 0) {
		out.Set(key, f)
		return
	}
	out[key] = f
}

// jsonName is the field's JSON name, or "" when it is left out of JSON.
func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// distText is a distribution as the spec writes it.
func distText(d lang.Dist) string {
	if d.IsZero() {
		return ""
	}
	if d.Source != "" {
		return d.Source
	}
	parts := make([]string, len(d.Params))
	for i, p := range d.Params {
		parts[i] = time.Duration(p * float64(time.Second)).String()
	}
	return fmt.Sprintf("%s(%s)", d.Kind, strings.Join(parts, ", "))
}

// sizeText writes a size in the largest binary unit that divides it.
func sizeText(s lang.Size) string {
	units := []struct {
		name string
		n    lang.Size
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}}
	if s == 0 {
		return ""
	}
	for _, u := range units {
		if s%u.n == 0 {
			return fmt.Sprintf("%d%s", s/u.n, u.name)
		}
	}
	return fmt.Sprintf("%dB", s)
}
