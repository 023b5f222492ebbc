package cli

import (
	"strings"
	"unicode"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/berth-dev/berth/lang"
)

// A sensitive env value exports as an interpolation of BERTH_VAR_<name>
// (export.go). When the variable has a default, berth apply runs with the
// default if the variable is not set; the file does the same with
// ${BERTH_VAR_<name>-default}, where ${BERTH_VAR_<name>} gave the
// container an empty value (an empty database password) with no more
// than docker compose's "variable is not set" warning. The default is
// text of the spec, which is kept in version control: writing it leaks
// nothing the spec does not hold. The value the variable has at export
// (-var, -var-file, BERTH_VAR_<name>) is never written.

// sensitiveRef returns what goes inside ${...} for the sensitive variable
// name: BERTH_VAR_name-default when its default can be carried, else
// BERTH_VAR_name; and, when it has a default that cannot, why not.
func sensitiveRef(spec *lang.Spec, name string) (inner, notCarried string) {
	env := lang.EnvVarPrefix + name
	v := spec.Variables[name]
	if v == nil || v.Default == cty.NilVal || !v.Default.IsWhollyKnown() || v.Default.IsNull() {
		return env, ""
	}
	s, err := convert.Convert(v.Default, cty.String)
	if err != nil {
		return env, ""
	}
	def := s.AsString()
	if why := composeDefaultProblem(def); why != "" {
		return env, why
	}
	return env + "-" + def, ""
}

// composeDefaultProblem says why def cannot be written as the default of
// a Compose interpolation that every Compose reader reads as berth holds
// it, or "": a brace ends or nests the interpolation, compose-go reads a
// $$ in a default as $ and docker-compose 1.x as $$, and a quote, a
// backslash or a line break would be escaped by the YAML writer.
func composeDefaultProblem(def string) string {
	for _, r := range def {
		switch {
		case strings.ContainsRune("${}", r):
			return "it holds a " + string(r) + ", which Compose readers read differently in a default"
		case strings.ContainsRune(`"'\`, r) || !unicode.IsPrint(r):
			return "it holds a character the Compose file would quote"
		}
	}
	return ""
}

// envVarOf is the environment variable of an interpolation's inside:
// BERTH_VAR_x of BERTH_VAR_x-default.
func envVarOf(inner string) string {
	name, _, _ := strings.Cut(inner, "-")
	return name
}
