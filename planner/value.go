package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Attrs are the attributes of a resource. A value is one of string, int64,
// bool, []string or map[string]string. Zero values (empty strings, 0, false,
// empty lists and maps) are never stored: an absent attribute and a zero one
// are the same, so no zero value can show up as a perpetual diff.
type Attrs map[string]any

// Set stores v under key after normalizing it; zero values delete the key.
func (a Attrs) Set(key string, v any) {
	n := normalize(v)
	if n == nil {
		delete(a, key)
		return
	}
	a[key] = n
}

// Clone returns a deep copy.
func (a Attrs) Clone() Attrs {
	out := make(Attrs, len(a))
	for k, v := range a {
		switch x := v.(type) {
		case []string:
			out[k] = slices.Clone(x)
		case map[string]string:
			m := make(map[string]string, len(x))
			for mk, mv := range x {
				m[mk] = mv
			}
			out[k] = m
		default:
			out[k] = v
		}
	}
	return out
}

// Keys returns the attribute names, sorted.
func (a Attrs) Keys() []string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// String returns a string attribute or "".
func (a Attrs) String(key string) string { s, _ := a[key].(string); return s }

// Int returns an integer attribute or 0.
func (a Attrs) Int(key string) int64 { i, _ := a[key].(int64); return i }

// Bool returns a boolean attribute or false.
func (a Attrs) Bool(key string) bool { b, _ := a[key].(bool); return b }

// List returns a list attribute or nil.
func (a Attrs) List(key string) []string { l, _ := a[key].([]string); return l }

// Map returns a map attribute or nil.
func (a Attrs) Map(key string) map[string]string { m, _ := a[key].(map[string]string); return m }

// Normalize returns a copy of a with every value in canonical form: JSON
// numbers become int64, JSON arrays []string, objects map[string]string,
// and zero values are dropped. Plans read from JSON pass through it.
func (a Attrs) Normalize() Attrs {
	out := make(Attrs, len(a))
	for k, v := range a {
		out.Set(k, v)
	}
	return out
}

// normalize puts one value in canonical form, or returns nil for a zero
// value. Values of other types are formatted as strings.
func normalize(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if x == "" {
			return nil
		}
		return x
	case bool:
		if !x {
			return nil
		}
		return true
	case int:
		return nonZero(int64(x))
	case int32:
		return nonZero(int64(x))
	case int64:
		return nonZero(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return nonZero(int64(x))
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return nonZero(i)
		}
		return x.String()
	case []string:
		if len(x) == 0 {
			return nil
		}
		return slices.Clone(x)
	case []any:
		if len(x) == 0 {
			return nil
		}
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = fmt.Sprint(e)
		}
		return out
	case map[string]string:
		if len(x) == 0 {
			return nil
		}
		out := make(map[string]string, len(x))
		for k, e := range x {
			out[k] = e
		}
		return out
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
		out := make(map[string]string, len(x))
		for k, e := range x {
			out[k] = fmt.Sprint(e)
		}
		return out
	}
	return fmt.Sprint(v)
}

func nonZero(i int64) any {
	if i == 0 {
		return nil
	}
	return i
}

// equalValues compares two canonical values (nil is the zero value).
func equalValues(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case []string:
		y, ok := b.([]string)
		return ok && slices.Equal(x, y)
	case map[string]string:
		y, ok := b.(map[string]string)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || w != v {
				return false
			}
		}
		return true
	}
	return a == b
}

// longValue is the length above which a string is shown by its size and
// hash instead of its text.
const longValue = 96

// FormatValue renders a value for people: strings quoted, lists in
// brackets, the zero value as (none). Long strings (an emulator's compiled
// config) show as their size and hash.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		if len(x) > longValue {
			sum := sha256.Sum256([]byte(x))
			return fmt.Sprintf("(%d bytes, sha256:%s)", len(x), hex.EncodeToString(sum[:])[:12])
		}
		return strconv.Quote(x)
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = FormatValue(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + " = " + FormatValue(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any, map[string]any: // read back from a plan file's JSON
		return FormatValue(normalize(x))
	}
	return fmt.Sprint(v)
}
