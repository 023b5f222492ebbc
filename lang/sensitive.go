package lang

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// valueMark is the type of berth's cty marks.
type valueMark string

// sensitiveMark marks a value that is, or derives from, a sensitive
// variable (terraform's marks.Sensitive). hcl and cty's functions carry it
// through every expression; attrs.value removes it when it decodes an
// attribute and records where it was, so the model knows which attributes
// (which env keys) are sensitive and never holds a marked value.
const sensitiveMark = valueMark("sensitive")

// evalValue is the variable's value as expressions see it: marked
// sensitive when the variable is.
func (v *Variable) evalValue() cty.Value {
	if v.Sensitive && v.Value != cty.NilVal {
		return v.Value.Mark(sensitiveMark)
	}
	return v.Value
}

// settleSensitive makes a variable whose value came out marked (a default
// or -var-file written with sensitive()) a sensitive variable, and keeps
// Value and Default free of marks for the packages that read them.
func (v *Variable) settleSensitive() {
	for _, p := range []*cty.Value{&v.Value, &v.Default} {
		if *p != cty.NilVal && p.ContainsMarked() {
			*p, _ = p.UnmarkDeep()
			v.Sensitive = true
		}
	}
}

// sensitivity says which attributes of a block may hold a sensitive value
// and collects the paths of those that do ("env.KEY").
type sensitivity struct {
	allow map[string]bool
	paths *[]string // nil: allowed, not recorded (a secret's value)
}

// allowSensitive returns a with the named attributes allowed to hold a
// sensitive value; the paths of sensitive values are appended to paths.
func (a attrs) allowSensitive(paths *[]string, names ...string) attrs {
	s := &sensitivity{allow: map[string]bool{}, paths: paths}
	for _, n := range names {
		s.allow[n] = true
	}
	a.sens = s
	return a
}

// unmark removes the sensitive marks of an attribute's value. Where the
// attribute may hold a sensitive value their paths are recorded; anywhere
// else a sensitive value is an error, since berth would print it.
func (a attrs) unmark(name string, v cty.Value) (cty.Value, bool) {
	if !v.ContainsMarked() {
		return v, true
	}
	uv, pvm := v.UnmarkDeepWithPaths()
	if a.sens == nil || !a.sens.allow[name] {
		a.add(errorAt(a.rng(name), "Sensitive value not allowed here",
			"The value of %s derives from a sensitive variable, and berth shows %s in plans, reviews and simulation reports. Only a service's env and a secret's value may hold a sensitive value. If the value is not secret, wrap it in nonsensitive().",
			name, name))
		return cty.NilVal, false
	}
	if a.sens.paths != nil {
		for _, pm := range pvm {
			*a.sens.paths = appendUnique(*a.sens.paths, sensitivePath(name, pm.Path))
		}
	}
	return uv, true
}

// sensitivePath names a sensitive part of an attribute: "env.KEY" for one
// key of a map or object, else the attribute itself.
func sensitivePath(name string, p cty.Path) string {
	if len(p) == 0 {
		return name
	}
	switch s := p[0].(type) {
	case cty.GetAttrStep:
		return name + "." + s.Name
	case cty.IndexStep:
		if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
			return name + "." + s.Key.AsString()
		}
	}
	return name
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// sensitiveForEach reports a for_each value whose instance keys would be
// sensitive (they become service names): the whole value, or an element of
// a list or set of strings. The values of a map may be sensitive; each.value
// keeps the mark.
func sensitiveForEach(v cty.Value, rng hcl.Range) *hcl.Diagnostic {
	marked := v.IsMarked()
	if !marked && (v.Type().IsListType() || v.Type().IsTupleType()) && v.IsKnown() && !v.IsNull() {
		for it := v.ElementIterator(); it.Next(); {
			if _, e := it.Element(); e.IsMarked() {
				marked = true
			}
		}
	}
	if !marked {
		return nil
	}
	return errorAt(rng, "Invalid for_each argument",
		"The keys of for_each derive from a sensitive variable, and they become service names, which berth shows everywhere. Use a map whose keys are not sensitive (its values may be), or wrap the keys in nonsensitive().")
}

// sensitiveFuncs are terraform's sensitive() and nonsensitive().
func sensitiveFuncs() map[string]function.Function {
	param := []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true}}
	same := func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil }
	return map[string]function.Function{
		"sensitive": function.New(&function.Spec{
			Description: "Marks a value sensitive: berth never shows it, nor what derives from it.",
			Params:      param, Type: same,
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0].Mark(sensitiveMark), nil },
		}),
		"nonsensitive": function.New(&function.Spec{
			Description: "Removes the sensitive mark of a value (and of the values inside it).",
			Params:      param, Type: same,
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return unmarkSensitive(args[0]), nil },
		}),
	}
}

// unmarkSensitive removes the sensitive marks in v, keeping any other.
func unmarkSensitive(v cty.Value) cty.Value {
	uv, pvm := v.UnmarkDeepWithPaths()
	var keep []cty.PathValueMarks
	for _, pm := range pvm {
		others := cty.NewValueMarks()
		for m := range pm.Marks {
			if m != sensitiveMark {
				others[m] = struct{}{}
			}
		}
		if len(others) > 0 {
			keep = append(keep, cty.PathValueMarks{Path: pm.Path, Marks: others})
		}
	}
	return uv.MarkWithPaths(keep)
}

// minRedacted is the length below which a sensitive string is not
// redacted from messages: a value that short ("1", "yes") would blank out
// unrelated words, and says little about a secret.
const minRedacted = 4

// redactSensitive replaces, in the summary and detail of each diagnostic,
// every string of a sensitive variable's value with "(sensitive value)".
// Messages of hcl and cty quote the values they fail on (tonumber's
// `cannot convert "hunter2" to number`, file's `cannot read hunter2`),
// and validate prints them, in CI logs too.
func redactSensitive(spec *Spec, diags hcl.Diagnostics) hcl.Diagnostics {
	if spec == nil || len(diags) == 0 {
		return diags
	}
	var secrets []string
	for _, v := range spec.Variables {
		if v.Sensitive && v.Value != cty.NilVal {
			secrets = appendStrings(secrets, v.Value)
		}
	}
	if len(secrets) == 0 {
		return diags
	}
	// longest first, so a secret that contains another is replaced whole
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	pairs := make([]string, 0, 2*len(secrets))
	for _, s := range secrets {
		pairs = append(pairs, s, "(sensitive value)")
	}
	r := strings.NewReplacer(pairs...)
	for _, d := range diags {
		d.Summary, d.Detail = r.Replace(d.Summary), r.Replace(d.Detail)
	}
	return diags
}

// appendStrings appends the strings in v (and in its elements) that are
// long enough to redact.
func appendStrings(out []string, v cty.Value) []string {
	if v.IsNull() || !v.IsKnown() {
		return out
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if s := v.AsString(); len(s) >= minRedacted {
			out = append(out, s)
		}
	case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = appendStrings(out, e)
		}
	}
	return out
}
