package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/berth-dev/berth/internal/words"
)

// enum decodes a string attribute that must be one of allowed. what names
// the kind of value for messages ("backend", "jitter").
func (a attrs) enum(name, what string, dst *string, allowed ...string) {
	v, ok := a.typed(name, cty.String, "a string")
	if !ok {
		return
	}
	s := v.AsString()
	for _, want := range allowed {
		if s == want {
			*dst = s
			return
		}
	}
	a.add(unknownEnum(a.rng(name), what, s, allowed))
}

func unknownEnum(rng hcl.Range, what, got string, allowed []string) *hcl.Diagnostic {
	hint := didYouMean(got, allowed)
	if h := enumHint(what, got); h != "" {
		hint = " " + h
	}
	return errorAt(rng, "Unknown "+what,
		"%q is not %s; use one of %s.%s", got, words.A(what), strings.Join(allowed, ", "), hint)
}

// need reports an out-of-range value of the named attribute (or of the
// block at rng when the attribute is not set) unless ok.
func (a attrs) need(ok bool, name string, blockRng hcl.Range, format string, args ...any) {
	if ok {
		return
	}
	rng := blockRng
	if a.has(name) {
		rng = a.rng(name)
	}
	a.add(errorAt(rng, "Value out of range", format, args...))
}

// requireOne reports when none (or more than one) of names is set.
func (a attrs) requireOne(blockRng hcl.Range, block string, names ...string) {
	n := 0
	for _, name := range names {
		if a.has(name) {
			n++
		}
	}
	quoted := `"` + strings.Join(names, `" or "`) + `"`
	switch {
	case n == 0:
		a.add(errorAt(blockRng, "Missing required argument",
			"A %s block needs %s. Add one of them.", block, quoted))
	case n > 1:
		a.add(errorAt(a.rng(names[1]), "Conflicting arguments",
			"A %s block takes only one of %s. Remove all but one.", block, quoted))
	}
}

// plural returns n and word, in the plural unless n is 1: "3 nodes".
func plural(n int, word string) string { return words.Count(n, word) }
