package emulator

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// ExplainChange says what differs between two encoded configs (the
// containers' BERTH_EMULATOR_CONFIG), for a plan whose only other word
// for it is two sizes and hashes: "links[orders].timeout: 300ms → 777ms".
// Lists are keyed by their elements' to, name or service when they have
// one. It returns "" when either side does not decode.
func ExplainChange(before, after string) string {
	var b, a any
	for _, side := range []struct {
		s string
		v *any
	}{{before, &b}, {after, &a}} {
		js, err := configJSON(side.s)
		if err != nil || json.Unmarshal(js, side.v) != nil {
			return ""
		}
	}
	var out []string
	diffJSON("", b, a, &out)
	const most = 3
	if len(out) > most {
		out = append(out[:most], fmt.Sprintf("and %d more", len(out)-most))
	}
	return strings.Join(out, "; ")
}

// ExplainAttr is ExplainChange for a plan's attribute values (a
// container's or a swarm service's env entry EnvConfig): "" unless both
// are strings. Backends register it in their planner.Schema's Explain.
func ExplainAttr(before, after any) string {
	b, _ := before.(string)
	a, _ := after.(string)
	if b == "" || a == "" {
		return ""
	}
	return ExplainChange(b, a)
}

func diffJSON(path string, b, a any, out *[]string) {
	if reflect.DeepEqual(b, a) {
		return
	}
	bm, bok := b.(map[string]any)
	am, aok := a.(map[string]any)
	if bok && aok {
		keys := map[string]bool{}
		for k := range bm {
			keys[k] = true
		}
		for k := range am {
			keys[k] = true
		}
		for _, k := range sortedNames(keys) {
			diffJSON(join(path, k), bm[k], am[k], out)
		}
		return
	}
	bl, bok := b.([]any)
	al, aok := a.([]any)
	if bok && a == nil || aok && b == nil { // a list added or removed: by element
		bok, aok = true, true
	}
	if bok && aok {
		bk, ak := keyed(bl), keyed(al)
		if bk == nil || ak == nil {
			bk, ak = indexed(bl), indexed(al)
		}
		keys := map[string]bool{}
		for k := range bk {
			keys[k] = true
		}
		for k := range ak {
			keys[k] = true
		}
		for _, k := range sortedNames(keys) {
			diffJSON(path+"["+k+"]", bk[k], ak[k], out)
		}
		return
	}
	_, bobj := b.(map[string]any)
	_, aobj := a.(map[string]any)
	switch {
	case b == nil && aobj:
		*out = append(*out, path+" added")
	case a == nil && bobj:
		*out = append(*out, path+" removed")
	default:
		*out = append(*out, fmt.Sprintf("%s: %s → %s", path, show(path, b), show(path, a)))
	}
}

// keyed maps a list of objects by their identifying field, or returns nil.
func keyed(l []any) map[string]any {
	m := map[string]any{}
	for _, e := range l {
		o, ok := e.(map[string]any)
		if !ok {
			return nil
		}
		var id string
		for _, f := range []string{"to", "name", "service"} {
			if s, ok := o[f].(string); ok {
				id = s
				break
			}
		}
		if _, dup := m[id]; dup || id == "" {
			return nil
		}
		m[id] = e
	}
	return m
}

func indexed(l []any) map[string]any {
	m := make(map[string]any, len(l))
	for i, e := range l {
		m[fmt.Sprint(i)] = e
	}
	return m
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func sortedNames(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// durationFields are the config's time.Duration fields (nanoseconds in
// the JSON), shown as durations.
var durationFields = map[string]bool{
	"timeout": true, "base": true, "cap": true, "window": true,
	"slow_call": true, "open_for": true, "max_wait": true,
}

// show is one side of a difference: (none) when absent, a duration for
// the duration fields, else compact JSON, cut when long.
func show(path string, v any) string {
	if v == nil {
		return "(none)"
	}
	field := path[strings.LastIndexAny(path, ".]")+1:]
	if f, ok := v.(float64); ok && durationFields[field] {
		return time.Duration(f).String()
	}
	js, _ := json.Marshal(v)
	if r := []rune(string(js)); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return string(js)
}
