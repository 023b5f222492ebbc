package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// foreignTypeWords are type names of other languages, and the terraform
// type a variable's type would be written with.
var foreignTypeWords = map[string]string{
	"integer": "number", "int": "number", "float": "number", "double": "number", "decimal": "number",
	"boolean": "bool", "str": "string", "text": "string",
	"array": "list(string)", "dict": "map(string)", "hash": "map(string)",
}

// typeKeywords are the keywords a type expression may use.
var typeKeywords = []string{"string", "number", "bool", "any", "list", "set", "map", "tuple", "object"}

// hintVariableType says how to write a variable's type when typeexpr
// refused it: a name of another language (integer: number), a typo
// (strin), or the type quoted as a string ("string").
func hintVariableType(diags hcl.Diagnostics, expr hcl.Expression) {
	for _, d := range diags {
		if d.Summary != "Invalid type specification" {
			continue
		}
		switch e := expr.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			if !strings.HasPrefix(d.Detail, "The keyword") || !strings.HasSuffix(d.Detail, "is not a valid type specification.") {
				continue
			}
			kw := e.Traversal.RootName()
			if t, ok := foreignTypeWords[kw]; ok {
				d.Detail += fmt.Sprintf(" Write type = %s.", t)
			} else if s := suggest(kw, typeKeywords); s != "" {
				d.Detail += fmt.Sprintf(" Did you mean %q?", s)
			} else {
				d.Detail += " Use string, number, bool, list(T), set(T), map(T), object({...}), tuple([...]) or any."
			}
		case *hclsyntax.TemplateExpr:
			if v, ok := templateLiteral(e); ok {
				d.Detail += fmt.Sprintf(" A type is written without quotes: type = %s.", v)
			}
		}
	}
}

// templateLiteral returns the text of a quoted string without templates.
func templateLiteral(e *hclsyntax.TemplateExpr) (string, bool) {
	if !e.IsStringLiteral() {
		return "", false
	}
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
		return "", false
	}
	return v.AsString(), true
}
