package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"pgregory.net/rapid"
)

// referenceConfigHash is ConfigHash as it was first written, through
// encoding/json: the labels on objects berth applied carry its values.
func referenceConfigHash(r *Resource, schema Schema) string {
	hashed := make(map[string]any, len(r.Attrs))
	for k, v := range r.Attrs {
		if schema.Mode(k).Hashed() {
			hashed[k] = v
		}
	}
	data, _ := json.Marshal(struct {
		Type  string         `json:"type"`
		Attrs map[string]any `json:"attrs"`
	}{r.Type, hashed})
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestConfigHashIsEncodingJSON: the hand-written canonical text hashes to
// exactly what encoding/json's does, for any attribute values, including
// strings that need escapes (quotes, HTML characters, control characters,
// invalid UTF-8, U+2028) and modes that leave attributes out.
func TestConfigHashIsEncodingJSON(t *testing.T) {
	str := rapid.OneOf(
		rapid.StringMatching(`[a-zA-Z0-9_./:=-]{0,12}`),
		rapid.String(),
		rapid.SampledFrom([]string{`"`, `\`, "<a&b>", "\x00\x1f\x7f", "\xff\xfe", "\u2028\u2029", "é", "\t\n\r\b\f"}),
	)
	rapid.Check(t, func(t *rapid.T) {
		r := &Resource{Address: Address{Type: rapid.SampledFrom([]string{"container", "network", `we"ird<type>`}).Draw(t, "type"), Name: "x"}, Attrs: Attrs{}}
		for i, n := 0, rapid.IntRange(0, 8).Draw(t, "n"); i < n; i++ {
			key := str.Draw(t, "key")
			switch rapid.IntRange(0, 4).Draw(t, "kind") {
			case 0:
				r.Attrs.Set(key, str.Draw(t, "string"))
			case 1:
				r.Attrs.Set(key, rapid.Int64().Draw(t, "int"))
			case 2:
				r.Attrs.Set(key, rapid.Bool().Draw(t, "bool"))
			case 3:
				r.Attrs.Set(key, rapid.SliceOf(str).Draw(t, "list"))
			case 4:
				r.Attrs.Set(key, rapid.MapOf(str, str).Draw(t, "map"))
			}
		}
		sch := Schema{Modes: map[string]Mode{}}
		for k := range r.Attrs {
			sch.Modes[k] = rapid.SampledFrom([]Mode{ModeReplace, ModeUpdate, ModeLive, ModeRepair}).Draw(t, "mode")
		}
		if got, want := ConfigHash(r, sch), referenceConfigHash(r, sch); got != want {
			t.Fatalf("ConfigHash = %s, encoding/json's = %s, for %#v", got, want, r.Attrs)
		}
	})
}
