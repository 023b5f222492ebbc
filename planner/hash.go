package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// ConfigHash returns the hash of the attributes of r that schema records
// (every mode but Live), as lowercase hex. It is what backends store in the
// io.berth.config-hash label.
func ConfigHash(r *Resource, schema Schema) string {
	hashed := make(map[string]any, len(r.Attrs))
	for k, v := range r.Attrs {
		if schema.Mode(k).Hashed() {
			hashed[k] = v
		}
	}
	data, _ := json.Marshal(struct {
		Type  string         `json:"type"`
		Attrs map[string]any `json:"attrs"`
	}{r.Type, hashed}) // encoding/json sorts map keys: deterministic
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
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
