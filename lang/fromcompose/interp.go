package fromcompose

import (
	"regexp"
	"strings"
)

// A Compose value before interpolation is literal text and references
// to variables ($NAME, ${NAME}, ${NAME:-default}, ...), as compose-go's
// template package reads it. segments splits one the same way, so that
// the import can write the credentials it takes from variables as
// references to berth variables and the rest as it reads.

// segment is literal text, or a reference to the variable name with its
// operator (":-", "-", ":?", "?", or "") and the text after it.
type segment struct {
	lit  string
	name string
	op   string
	arg  string
}

var composeVarNameRE = regexp.MustCompile(`^(?i)[_a-z][_a-z0-9]*`)

// segments splits raw into literal text and variable references, with
// $$ read as a literal $, as compose-go does. ok is false when raw uses
// what berth does not carry as a reference: ${NAME:+...} (a value when
// the variable is set), a default that itself refers to a variable, or a
// malformed ${...}.
func segments(raw string) (out []segment, ok bool) {
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, segment{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '$' || i+1 == len(raw) {
			lit.WriteByte(raw[i])
			continue
		}
		rest := raw[i+1:]
		switch {
		case rest[0] == '$':
			lit.WriteByte('$')
			i++
		case composeVarNameRE.MatchString(rest):
			name := composeVarNameRE.FindString(rest)
			flush()
			out = append(out, segment{name: name})
			i += len(name)
		case rest[0] == '{':
			end := closingBrace(rest)
			if end < 0 {
				return nil, false
			}
			ref, ok := braced(rest[1:end])
			if !ok {
				return nil, false
			}
			flush()
			out = append(out, ref)
			i += end + 1
		default: // $ before anything else is literal ($2a$14$... in a hash)
			lit.WriteByte('$')
		}
	}
	flush()
	return out, true
}

// closingBrace returns the index in s (which starts with "{") of the
// brace that closes it, nested ones skipped, or -1.
func closingBrace(s string) int {
	depth := 0
	for i, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// braced reads the inside of ${...}.
func braced(in string) (segment, bool) {
	name := composeVarNameRE.FindString(in)
	if name == "" {
		return segment{}, false
	}
	rest := in[len(name):]
	if rest == "" {
		return segment{name: name}, true
	}
	for _, op := range []string{":-", ":?", "-", "?"} {
		if arg, found := strings.CutPrefix(rest, op); found {
			if strings.Contains(arg, "$") {
				return segment{}, false // a default with variables of its own
			}
			return segment{name: name, op: op, arg: arg}, true
		}
	}
	return segment{}, false // :+ and + give a value when the variable is set
}

// value returns what compose-go makes of the reference with the
// interpolation environment env, and whether it is the default the file
// writes (the variable had no value).
func (g segment) value(env map[string]string) (v string, fromDefault bool) {
	val, set := env[g.name]
	switch g.op {
	case ":-":
		if !set || val == "" {
			return g.arg, true
		}
	case "-":
		if !set {
			return g.arg, true
		}
	}
	return val, !set
}
