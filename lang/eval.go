package lang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// refKinds names the roots of references for messages.
var refKinds = map[string]string{
	"var":     "input variable",
	"local":   "local value",
	"service": "service",
	"network": "network",
	"volume":  "volume",
	"secret":  "secret",
	"config":  "config",
	"queue":   "queue",
	"load":    "load",
	"each":    "each attribute",
}

// refKindBlock names the block that declares each reference root.
var refKindBlock = map[string]string{
	"var": "variable", "local": "locals", "service": "service", "network": "network",
	"volume": "volume", "secret": "secret", "config": "config", "queue": "queue", "load": "load",
}

// evaluator holds the values expressions see: variables, locals and the
// named objects, plus the function table.
type evaluator struct {
	funcs   map[string]function.Function
	vars    map[string]cty.Value
	locals  map[string]cty.Value
	objects map[string]map[string]cty.Value // root ("service", ...) → name → value
}

// newEvaluator adds sensitive() and nonsensitive() to funcs itself, so the
// variable blocks, which see funcs alone, have them too.
func newEvaluator(funcs map[string]function.Function) *evaluator {
	for name, f := range sensitiveFuncs() {
		funcs[name] = f
	}
	ev := &evaluator{
		funcs:   funcs,
		vars:    map[string]cty.Value{},
		locals:  map[string]cty.Value{},
		objects: map[string]map[string]cty.Value{},
	}
	for _, k := range []string{"service", "network", "volume", "secret", "config", "queue", "load"} {
		ev.objects[k] = map[string]cty.Value{}
	}
	return ev
}

// context builds an evaluation context from the current values.
func (ev *evaluator) context() *hcl.EvalContext {
	vars := map[string]cty.Value{
		"var":   cty.ObjectVal(ev.vars),
		"local": cty.ObjectVal(ev.locals),
	}
	for k, m := range ev.objects {
		vars[k] = cty.ObjectVal(m)
	}
	return &hcl.EvalContext{Variables: vars, Functions: ev.funcs}
}

// eachContext returns a child of ctx where each.key and each.value are set.
func eachContext(ctx *hcl.EvalContext, key string, value cty.Value) *hcl.EvalContext {
	child := ctx.NewChild()
	child.Variables = map[string]cty.Value{
		"each": cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(key), "value": value}),
	}
	return child
}

// nameObject is the value of a reference to a named object.
func nameObject(name string) cty.Value {
	return cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(name)})
}

// eval checks the references of expr against ctx, then evaluates it. An
// expression with an unknown reference is not evaluated; its value is
// unknown, which the attribute decoders skip silently.
func eval(expr hcl.Expression, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	if v, ok := literal(expr); ok {
		return v, nil
	}
	if diags := checkRefs(expr, ctx); diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		explainIndexErrors(expr, ctx, diags)
		return cty.DynamicVal, diags
	}
	return v, diags
}

// lookupRoot finds a root variable in ctx or its parents.
func lookupRoot(ctx *hcl.EvalContext, name string) (cty.Value, bool) {
	for c := ctx; c != nil; c = c.Parent() {
		if v, ok := c.Variables[name]; ok {
			return v, true
		}
	}
	return cty.NilVal, false
}

// rootNames lists the roots visible in ctx, for suggestions.
func rootNames(ctx *hcl.EvalContext) []string {
	seen := map[string]bool{}
	for c := ctx; c != nil; c = c.Parent() {
		for k := range c.Variables {
			seen[k] = true
		}
	}
	return keysOf(seen)
}

// checkRefs reports each reference of expr whose root or first attribute
// does not exist, with a suggestion.
func checkRefs(expr hcl.Expression, ctx *hcl.EvalContext) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		v, ok := lookupRoot(ctx, root)
		if !ok {
			diags = append(diags, unknownRoot(tr, root, ctx))
			continue
		}
		if len(tr) < 2 || !v.Type().IsObjectType() {
			continue
		}
		attr, ok := tr[1].(hcl.TraverseAttr)
		if !ok || v.Type().HasAttribute(attr.Name) {
			if d := endpointRefError(tr, v); d != nil {
				diags = append(diags, d)
			} else if d := attrStepError(tr, v); d != nil && root != "service" {
				diags = append(diags, d)
			}
			continue
		}
		diags = append(diags, undeclaredRef(tr, root, attr.Name, v))
	}
	return diags
}

func unknownRoot(tr hcl.Traversal, root string, ctx *hcl.EvalContext) *hcl.Diagnostic {
	if root == "each" {
		return errorAt(tr.SourceRange(), "Reference to each outside for_each",
			"each.key and each.value exist only inside a service block that sets for_each. Add for_each to the service, or use a plain value.")
	}
	if kind, ok := refKinds[root]; ok {
		return errorAt(tr.SourceRange(), "Reference not allowed here",
			"A reference to %s %s cannot be used here. %s", refArticle(kind), kind, allowedRoots(ctx))
	}
	return errorAt(tr.SourceRange(), "Unknown reference",
		"There is nothing named %q in a berth spec.%s References start with var., local., service., network., volume., secret., config., queue. or load., and inside a for_each service with each.",
		root, didYouMean(root, rootNames(ctx)))
}

// allowedRoots says what a context that lacks a known root (a variable's
// default, a validation condition, a -var-file) lets an expression use.
func allowedRoots(ctx *hcl.EvalContext) string {
	names := rootNames(ctx)
	if len(names) == 0 {
		return "The value must be written without references, as a literal or with functions only (a variable's default, for example); compute values from other names in a local."
	}
	sort.Strings(names)
	for i, n := range names {
		names[i] = n + "."
	}
	return fmt.Sprintf("Only %s can be referred to here.", strings.Join(names, ", "))
}

// refArticle is the indefinite article of a reference kind.
func refArticle(kind string) string {
	if strings.ContainsAny(kind[:1], "aeiou") {
		return "an"
	}
	return "a"
}

func undeclaredRef(tr hcl.Traversal, root, name string, v cty.Value) *hcl.Diagnostic {
	var names []string
	for k := range v.Type().AttributeTypes() {
		names = append(names, k)
	}
	kind := refKinds[root]
	if root == "each" {
		return errorAt(tr.SourceRange(), "Unsupported each attribute",
			"each has only key and value; %q is neither.%s", name, didYouMean(name, names))
	}
	if _, ok := refKinds[root]; !ok {
		// a dynamic block's iterator (call.key, call.value), or another
		// object that is not a kind of declaration
		sort.Strings(names)
		return errorAt(tr.SourceRange(), "Unsupported attribute",
			"%s has only %s; %q is not one of them.%s", root, strings.Join(names, " and "), name, didYouMean(name, names))
	}
	if dotted := dottedName(tr, v); dotted != "" {
		return errorAt(tr.SourceRange(), "Reference to undeclared "+kind,
			"No %s named %q is declared, but %q is: a name with a dot cannot be written as a reference, since the dot reads as an attribute. Write the name as a string, %q, which is taken wherever a reference is.",
			kind, name, dotted, dotted)
	}
	return errorAt(tr.SourceRange(), "Reference to undeclared "+kind,
		"No %s named %q is declared.%s Declare it with a %s block, or fix the name.",
		kind, name, didYouMean(name, names), refKindBlock[root])
}

// dottedName returns the declared name that tr's attributes spell when
// joined by dots (service.api.v2 for a service "api.v2"), or "".
func dottedName(tr hcl.Traversal, v cty.Value) string {
	name := ""
	for _, step := range tr[1:] {
		attr, ok := step.(hcl.TraverseAttr)
		if !ok {
			return ""
		}
		if name != "" {
			name += "."
		}
		name += attr.Name
		if name != attr.Name && v.Type().HasAttribute(name) {
			return name
		}
	}
	return ""
}

// literal returns the value of a literal number, bool or plain string
// without walking the expression for references (most attributes are).
func literal(expr hcl.Expression) (cty.Value, bool) {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return e.Val, true
	case *hclsyntax.TemplateExpr:
		if len(e.Parts) == 1 {
			if lit, ok := e.Parts[0].(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
				return lit.Val, true
			}
		}
	}
	return cty.NilVal, false
}
