package lang

import (
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// EnvVarPrefix prefixes the environment variables that set spec variables.
const EnvVarPrefix = "BERTH_VAR_"

// varValue is a raw value for a variable and where it came from.
type varValue struct {
	val  cty.Value
	rng  hcl.Range // the value's source when it is in a file
	from string    // "-var", "-var-file", "BERTH_VAR_x", "default"
}

// collectVarValues gathers the values given outside the spec, highest
// precedence last applied: environment, then -var-file, then -var.
func (l *Loader) collectVarValues(declared map[string]*variableDecl, opts Options, funcsCtx *hcl.EvalContext) (map[string]varValue, hcl.Diagnostics) {
	out := map[string]varValue{}
	var diags hcl.Diagnostics
	environ := opts.Environ
	if environ == nil {
		environ = os.Environ()
	}
	for _, kv := range environ {
		name, raw, ok := strings.Cut(kv, "=")
		name, isVar := strings.CutPrefix(name, EnvVarPrefix)
		if d := declared[name]; ok && isVar && d != nil {
			out[name] = varValue{val: rawVarValue(d, raw, funcsCtx), rng: d.v.DeclRange, from: EnvVarPrefix + name}
		}
	}
	for _, path := range opts.VarFiles {
		diags = append(diags, l.readVarFile(path, declared, funcsCtx, out)...)
	}
	for _, name := range keysOf(opts.Vars) {
		d := declared[name]
		if d == nil {
			diags = append(diags, undeclaredVar(name, "-var", declared))
			continue
		}
		out[name] = varValue{val: rawVarValue(d, opts.Vars[name], funcsCtx), rng: d.v.DeclRange, from: "-var"}
	}
	return out, diags
}

// rawVarValue interprets a -var or environment value: the raw text for a
// string variable, else an HCL expression, else (when it does not parse or
// evaluate) the raw text.
func rawVarValue(d *variableDecl, raw string, funcsCtx *hcl.EvalContext) cty.Value {
	if d.v.Type == cty.String {
		return cty.StringVal(raw)
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), "<value for var."+d.v.Name+">", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.StringVal(raw)
	}
	v, diags := eval(expr, funcsCtx)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return cty.StringVal(raw)
	}
	return v
}

// readVarFile reads a -var-file (always from the operating system: it is a
// command-line path) and records its values.
func (l *Loader) readVarFile(path string, declared map[string]*variableDecl, funcsCtx *hcl.EvalContext, out map[string]varValue) hcl.Diagnostics {
	src, err := readLimited(openOS, path)
	if err != nil {
		return hcl.Diagnostics{varFileError(path, err)}
	}
	isJSON := strings.HasSuffix(path, ".json")
	var f *hcl.File
	var diags hcl.Diagnostics
	if isJSON {
		f, diags = parseVarJSON(path, src)
	} else {
		f, diags = parseSpecFile(specFile{name: path, src: src})
	}
	if f == nil {
		f = &hcl.File{Bytes: src}
	}
	l.files[path] = f // the source of the snippets, of syntax errors too
	if diags.HasErrors() {
		return diags
	}
	attrs, adiags := f.Body.JustAttributes()
	diags = append(diags, adiags...)
	for _, a := range sortedAttrs(attrs) {
		if declared[a.Name] == nil {
			diags = append(diags, warningAt(a.NameRange, "Value for undeclared variable",
				"The variables file sets %q, but the spec declares no variable of that name.%s It is ignored; declare it or remove the line.",
				a.Name, didYouMean(a.Name, keysOf(declared))))
			continue
		}
		var v cty.Value
		var vdiags hcl.Diagnostics
		if isJSON {
			v, vdiags = a.Expr.Value(nil) // JSON strings are taken as they are, not as templates
		} else {
			v, vdiags = eval(a.Expr, funcsCtx)
		}
		diags = append(diags, vdiags...)
		if !vdiags.HasErrors() {
			out[a.Name] = varValue{val: v, rng: a.Expr.Range(), from: "-var-file " + path}
		}
	}
	return diags
}

// parseVarJSON parses a -var-file named *.json, as terraform reads
// *.tfvars.json: one object whose properties are the variables.
func parseVarJSON(path string, src []byte) (*hcl.File, hcl.Diagnostics) {
	if pos, ok := nestingTooDeep(src); !ok {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Nesting too deep",
			Detail:   fmt.Sprintf("More than %d brackets or braces are open at once here. Flatten the value.", maxNesting),
			Subject:  &hcl.Range{Filename: path, Start: pos, End: pos},
		}}
	}
	return json.Parse(src, path)
}

func undeclaredVar(name, from string, declared map[string]*variableDecl) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Value for undeclared variable",
		Detail: fmt.Sprintf("%s sets %q, but the spec declares no variable of that name.%s Declare it with a variable block, or fix the name.",
			from, name, didYouMean(name, keysOf(declared))),
		Subject: &hcl.Range{Filename: "<" + from + " " + name + ">", Start: hcl.InitialPos, End: hcl.InitialPos},
	}
}

// resolveVariables gives each declared variable its final value, converted
// to its type, and checks its validation rules.
func (l *Loader) resolveVariables(declared map[string]*variableDecl, opts Options, funcsCtx *hcl.EvalContext) (map[string]*Variable, hcl.Diagnostics) {
	given, diags := l.collectVarValues(declared, opts, funcsCtx)
	// a value that failed (a -var-file that does not parse, a -var for a
	// misspelled name) is reported; "no value" for it would be a second
	// error for the same mistake
	givenFailed := diags.HasErrors()
	out := make(map[string]*Variable, len(declared))
	names := keysOf(declared)
	from := make(map[string]string, len(declared)) // where each value came from, for validation errors
	for _, name := range names {
		d := declared[name]
		out[name] = d.v
		gv, ok := given[name]
		switch {
		case ok:
			d.v.Value, diags = d.convert(gv.val, gv.rng, "value from "+gv.from, diags)
			from[name] = gv.from
		case d.defaultRng != (hcl.Range{}):
			d.v.Value = d.v.Default
			from[name] = "its default"
		case givenFailed:
			d.v.Value = cty.DynamicVal
		default:
			d.v.Value = cty.DynamicVal
			diags = append(diags, errorAt(d.v.DeclRange, "No value for required variable",
				"The variable %q has no default and no value was given. Set it with -var '%s=...', in a -var-file, or with the environment variable %s%s, or give the variable a default.",
				name, name, EnvVarPrefix, name))
		}
	}
	vals := make(map[string]cty.Value, len(out))
	for name, v := range out {
		v.settleSensitive()
		vals[name] = v.evalValue()
	}
	vctx := funcsCtx.NewChild()
	vctx.Variables = map[string]cty.Value{"var": cty.ObjectVal(vals)}
	for _, name := range names {
		diags = append(diags, checkValidations(declared[name], vctx, from[name])...)
	}
	return out, diags
}

// checkValidations evaluates the validation blocks of one variable, whose
// value came from from (-var, a -var-file, its default...).
func checkValidations(d *variableDecl, ctx *hcl.EvalContext, from string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	if !d.v.Value.IsWhollyKnown() {
		return nil
	}
	for _, vattrs := range d.validations {
		cond := (*vattrs)["condition"]
		v, cdiags := eval(cond.Expr, ctx)
		diags = append(diags, cdiags...)
		v, _ = v.UnmarkDeep() // whether a sensitive value is valid is no secret
		if cdiags.HasErrors() || !v.IsKnown() {
			continue
		}
		if v.IsNull() || v.Type() != cty.Bool {
			diags = append(diags, errorAt(cond.Expr.Range(), "Invalid validation condition",
				"The condition must be true or false, not %s.", v.Type().FriendlyName()))
			continue
		}
		if v.True() {
			continue
		}
		msg := asSentence(validationMessage((*vattrs)["error_message"].Expr, ctx))
		diags = append(diags, errorAt(cond.Expr.Range(), "Invalid value for variable",
			"%s This was checked by the validation rule of var.%s%s; give a value that satisfies it.", msg, d.v.Name, validatedValue(d.v, from)))
	}
	return diags
}

// validationMessage evaluates a validation's error_message. A message that
// derives from a sensitive value is not shown.
func validationMessage(expr hcl.Expression, ctx *hcl.EvalContext) string {
	m, diags := eval(expr, ctx)
	switch {
	case diags.HasErrors() || m.Type() != cty.String || !m.IsWhollyKnown() || m.IsNull():
		return "The value is not valid."
	case m.ContainsMarked():
		return "The value is not valid (the error message refers to a sensitive value, so it is not shown)."
	}
	return m.AsString()
}

// asSentence ends an error_message with a full stop when it has no final
// punctuation, so the detail's next sentence does not run on from it
// ("must be x or y This was checked ...").
func asSentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return "The value is not valid."
	}
	if strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		return msg
	}
	return msg + "."
}
