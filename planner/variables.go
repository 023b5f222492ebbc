package planner

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/berth-dev/berth/lang"
)

// JSONVariable is one of the spec's variables as the plan was made with
// it, as terraform's saved plans record them: apply of the plan file
// uses these values, not the ones it is given. A sensitive variable is
// recorded by name only: its value is never written, and apply is given
// it again (its derived values are checked against the plan's hashes).
type JSONVariable struct {
	Value     json.RawMessage `json:"value,omitempty"`
	Type      json.RawMessage `json:"type,omitempty"` // of Value, in cty's JSON type notation
	Sensitive bool            `json:"sensitive,omitempty"`
}

// Variables records spec's variables for a plan file: the value of each
// non-sensitive one (from -var, -var-file, BERTH_VAR_name or its
// default), the name of each sensitive one.
func Variables(spec *lang.Spec) (map[string]*JSONVariable, error) {
	out := map[string]*JSONVariable{}
	for name, v := range spec.Variables {
		if v.Sensitive {
			out[name] = &JSONVariable{Sensitive: true}
			continue
		}
		val, _ := v.Value.UnmarkDeep()
		if !val.IsWhollyKnown() {
			return nil, fmt.Errorf("variable %q has no known value", name)
		}
		raw, err := ctyjson.Marshal(val, val.Type())
		if err != nil {
			return nil, fmt.Errorf("variable %q: %w", name, err)
		}
		ty, err := ctyjson.MarshalType(val.Type())
		if err != nil {
			return nil, fmt.Errorf("variable %q: %w", name, err)
		}
		out[name] = &JSONVariable{Value: raw, Type: ty}
	}
	return out, nil
}

// CtyValue is the recorded value (cty.NilVal for a sensitive variable).
func (v *JSONVariable) CtyValue() (cty.Value, error) {
	if v.Sensitive {
		return cty.NilVal, nil
	}
	ty, err := ctyjson.UnmarshalType(v.Type)
	if err != nil {
		return cty.NilVal, err
	}
	return ctyjson.Unmarshal(v.Value, ty)
}

// Same reports whether given, a value given to apply, is the recorded
// one once converted to its type.
func (v *JSONVariable) Same(given cty.Value) (bool, error) {
	want, err := v.CtyValue()
	if err != nil || want == cty.NilVal {
		return false, err
	}
	got, err := convert.Convert(given, want.Type())
	if err != nil || !got.IsWhollyKnown() {
		return false, nil
	}
	return got.Equals(want).True(), nil
}

// VariablesFile writes the recorded non-sensitive values as a variables
// file (name = value lines), for the spec to be read again with them.
func VariablesFile(vars map[string]*JSONVariable) ([]byte, error) {
	names := make([]string, 0, len(vars))
	for name := range vars {
		names = append(names, name)
	}
	sort.Strings(names)
	f := hclwrite.NewEmptyFile()
	for _, name := range names {
		if vars[name].Sensitive {
			continue
		}
		val, err := vars[name].CtyValue()
		if err != nil {
			return nil, fmt.Errorf("variable %q: %w", name, err)
		}
		f.Body().SetAttributeValue(name, val)
	}
	return f.Bytes(), nil
}

// Display is the recorded value as HCL, for messages.
func (v *JSONVariable) Display() string {
	if v.Sensitive {
		return "(sensitive)"
	}
	val, err := v.CtyValue()
	if err != nil {
		return "(unreadable)"
	}
	return string(hclwrite.TokensForValue(val).Bytes())
}
