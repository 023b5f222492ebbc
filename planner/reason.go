package planner

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/berth-dev/berth/internal/numfmt"
)

// Reason explains one part of a change, down to the attribute.
type Reason struct {
	// Attribute is the attribute path that differs ("image", "env.KEY");
	// empty for reasons about the whole resource.
	Attribute string `json:"attribute,omitempty"`
	Before    any    `json:"before,omitempty"`
	After     any    `json:"after,omitempty"`
	// Action is what this difference alone needs.
	Action Action `json:"action"`
	// Drift: the difference was made outside berth.
	Drift bool `json:"drift,omitempty"`
	// Sensitive: Before and After are hashes of secret content.
	Sensitive bool `json:"sensitive,omitempty"`
	// Message explains a reason that is not an attribute difference.
	Message string `json:"message,omitempty"`
}

func (r Reason) String() string {
	var b strings.Builder
	if r.Attribute != "" {
		fmt.Fprintf(&b, "%s: %s → %s", r.Attribute, r.formatValue(r.Before), r.formatValue(r.After))
		if r.Message != "" {
			b.WriteString(" (" + r.Message + ")")
		}
	} else {
		b.WriteString(r.Message)
	}
	if r.Drift {
		b.WriteString(" [changed outside berth]")
	}
	return b.String()
}

// sizeAttrs are the attributes, of both backends, that hold a number of
// bytes: people read them in binary units, as the spec writes them
// ("256MiB", not 268435456); the JSON keeps the exact number.
var sizeAttrs = map[string]bool{"memory": true}

// listAttrs are the map keys, of both backends, that hold a list as JSON
// (a map attribute holds strings only): a health check's command. People
// read it as the list the spec writes, not as escaped JSON.
var listAttrs = map[string]bool{"health.test": true}

func (r Reason) formatValue(v any) string {
	if r.Sensitive && v != nil {
		return "(sensitive) " + fmt.Sprint(v)
	}
	if n, ok := normalize(v).(int64); ok && sizeAttrs[r.Attribute] {
		return numfmt.Bytes(n) // an int64, or a number read back from a plan file
	}
	var list []string
	if s, ok := v.(string); ok && listAttrs[r.Attribute] && json.Unmarshal([]byte(s), &list) == nil && list != nil {
		return FormatValue(list)
	}
	return FormatValue(v)
}
