package planner

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/berth-dev/berth/lang"
)

// TestVariablesRoundTrip: a plan file records each non-sensitive
// variable's value (through JSON) and a sensitive one by name only; the
// recorded values, written as a variables file, read back as the same
// values; Same accepts a value given again and refuses another.
func TestVariablesRoundTrip(t *testing.T) {
	vals := map[string]cty.Value{
		"level":    cty.StringVal(`de"bug ${x} %{y}`),
		"replicas": cty.NumberIntVal(3),
		"ratio":    cty.NumberFloatVal(0.25),
		"on":       cty.True,
		"tags":     cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
		"limits":   cty.MapVal(map[string]cty.Value{"cpu": cty.NumberIntVal(2)}),
		"opt":      cty.NullVal(cty.String),
		"anything": cty.NullVal(cty.DynamicPseudoType),
		"obj":      cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "n": cty.NumberIntVal(1)}),
	}
	spec := &lang.Spec{Variables: map[string]*lang.Variable{
		"key": {Name: "key", Sensitive: true, Value: cty.StringVal("SECRET").Mark("sensitive")},
	}}
	for name, v := range vals {
		spec.Variables[name] = &lang.Variable{Name: name, Value: v}
	}
	rec, err := Variables(spec)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "SECRET") || !strings.Contains(string(data), `"key":{"sensitive":true}`) {
		t.Fatalf("recorded: %s", data)
	}
	var back map[string]*JSONVariable
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	src, err := VariablesFile(back)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, "vars.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s:\n%s", diags.Error(), src)
	}
	attrs, _ := f.Body.JustAttributes()
	if _, ok := attrs["key"]; ok || len(attrs) != len(vals) {
		t.Errorf("the variables file sets %d values (the sensitive one too?):\n%s", len(attrs), src)
	}
	for name, want := range vals {
		got, diags := attrs[name].Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatalf("%s: %s", name, diags.Error())
		}
		if same, err := back[name].Same(got); err != nil || !same {
			t.Errorf("%s: read back %#v, recorded %#v (%v)", name, got, want, err)
		}
	}
	for name, other := range map[string]cty.Value{
		"level":    cty.StringVal("debug"),
		"replicas": cty.StringVal("4"),
		"tags":     cty.TupleVal([]cty.Value{cty.StringVal("a")}),
		"on":       cty.StringVal("yes"), // not a bool: cannot be the same
	} {
		if same, _ := back[name].Same(other); same {
			t.Errorf("%s: %#v taken for the recorded value", name, other)
		}
	}
	if same, _ := back["replicas"].Same(cty.StringVal("3")); !same {
		t.Errorf(`replicas: "3" (a -var's text) not taken for the recorded 3`)
	}
}

// A plan of a spec without variables writes "variables": {}, which reads
// back as no variables (apply then refuses any -var), not as a plan of an
// older berth that records none (nil: apply took any -var silently).
func TestNoVariablesRecorded(t *testing.T) {
	data, err := json.Marshal(&JSONPlan{FormatVersion: FormatVersion, Variables: map[string]*JSONVariable{}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"variables":{}`) {
		t.Errorf("no variables recorded:\n%s", data)
	}
	jp, err := ReadJSON(strings.NewReader(string(data)))
	if err != nil || jp.Variables == nil {
		t.Errorf("read back: %v, %v", jp.Variables, err)
	}
}
