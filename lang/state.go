package lang

import (
	"io/fs"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// loadState is the working state of one Load call.
type loadState struct {
	dir   string
	fsys  fs.FS
	decls *decls
	ev    *evaluator
	ctx   *hcl.EvalContext // the final context for decoding blocks
	diags hcl.Diagnostics
	spec  *Spec

	forEach  map[string][]instance // for_each service label → its instances
	services []*Service            // in declaration order
	// dynamicEndpoints: some service makes endpoints with a dynamic
	// block, so its reference value waits for its decoding.
	dynamicEndpoints bool
	locals           []localNode // in dependency order, for reevalUnknownLocals
	side             sideRanges
}

// sideRanges keeps attribute ranges the model does not hold, for the
// checks that run after decoding.
type sideRanges struct {
	linkTimeouts []linkRange // the timeout of each link that sets one
	refs         []nameRef
}

// linkRange is the range of an attribute of a link.
type linkRange struct {
	key LinkKey
	rng hcl.Range
}

// nameRef is a name, given as a string, that must name an object of a kind.
type nameRef struct {
	kind string // "service", "network", "queue", ...
	name string
	rng  hcl.Range
	what string // what refers, for messages: "the call", "networks"
}

// ref records a reference by name to be resolved once every block is
// decoded.
func (st *loadState) ref(kind, name string, rng hcl.Range, what string) {
	if name != "" {
		st.side.refs = append(st.side.refs, nameRef{kind: kind, name: name, rng: rng, what: what})
	}
}

func (st *loadState) add(d ...*hcl.Diagnostic) { st.diags = append(st.diags, d...) }

// attrsOf returns the attribute decoder of a body's content.
func (st *loadState) attrsOf(c content, ctx *hcl.EvalContext) attrs {
	a := newAttrs(c.attrs, ctx, &st.diags)
	a.syntax = c.syntax
	return a
}

// syntaxAttr returns one attribute of a body without decoding the rest.
func syntaxAttr(body hcl.Body, name string) *hcl.Attribute {
	if sb, ok := body.(*hclsyntax.Body); ok {
		if a := sb.Attributes[name]; a != nil {
			return a.AsHCLAttribute()
		}
	}
	return nil
}
