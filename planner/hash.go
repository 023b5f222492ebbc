package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
)

// ConfigHash returns the hash of the attributes of r that schema records
// (every mode but Live), as lowercase hex. It is what backends store in the
// io.berth.config-hash label.
//
// The hashed text is exactly what encoding/json writes for
// {"type": r.Type, "attrs": {sorted hashed attributes}}, so the labels of
// everything berth ever applied stay valid; appendCanonical writes it
// without reflection (TestConfigHashIsEncodingJSON holds it to that).
func ConfigHash(r *Resource, schema Schema) string {
	keys := make([]string, 0, len(r.Attrs))
	for k := range r.Attrs {
		if schema.Mode(k).Hashed() {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	buf := make([]byte, 0, 512)
	buf = append(buf, `{"type":`...)
	buf = appendJSONString(buf, r.Type)
	buf = append(buf, `,"attrs":{`...)
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, k)
		buf = append(buf, ':')
		buf = appendCanonical(buf, r.Attrs[k])
	}
	buf = append(buf, "}}"...)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// appendCanonical appends v as encoding/json writes it: the attribute
// value types directly, anything else through json.Marshal.
func appendCanonical(buf []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return appendJSONString(buf, x)
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case bool:
		return strconv.AppendBool(buf, x)
	case []string:
		if x == nil {
			return append(buf, "null"...)
		}
		buf = append(buf, '[')
		for i, s := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, s)
		}
		return append(buf, ']')
	case map[string]string:
		if x == nil {
			return append(buf, "null"...)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf = append(buf, '{')
		for i, k := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, k)
			buf = append(buf, ':')
			buf = appendJSONString(buf, x[k])
		}
		return append(buf, '}')
	}
	data, _ := json.Marshal(v)
	return append(buf, data...)
}

// appendJSONString quotes s as encoding/json does. Printable ASCII other
// than the characters it escapes (" \ < > &) is copied; any other string
// goes through json.Marshal, so escapes are never reimplemented.
func appendJSONString(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			data, _ := json.Marshal(s)
			return append(buf, data...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

// ContentHash returns the hash berth shows for a secret or config content:
// sha256 of the project name, a NUL and the content, truncated to 12 hex
// digits. The salt keeps equal secrets of two projects from looking alike;
// the hash changes whenever the content does.
func ContentHash(project string, content []byte) string {
	h := sha256.New()
	h.Write([]byte(project))
	h.Write([]byte{0})
	h.Write(content)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:12]
}
