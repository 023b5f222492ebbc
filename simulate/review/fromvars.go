package review

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/berth-dev/berth/lang"
)

// Ref names a variable whose value differs between the two sides, or a
// local whose expression does, that a changed attribute reads: the line
// the pull request edited is the variable's default or the local's (Pos,
// on the NEW side), not the attribute's.
type Ref struct {
	Name string `json:"name"` // "var.orders_replicas", "local.shard_timeout"
	Pos  string `json:"pos,omitempty"`
}

// changedRefs returns, by reference ("var.NAME", "local.NAME"), the
// variables of new whose value differs from old's (or that old lacks),
// each with the position of its default in newSrc (the block's when it
// has none), and the locals whose expression differs (or that old
// lacks), each with its position.
func changedRefs(old, new *lang.Spec, oldSrc, newSrc *sources) map[string]string {
	out := map[string]string{}
	for name, nv := range new.Variables {
		ov := old.Variables[name]
		if ov != nil && ov.Value.RawEquals(nv.Value) {
			continue
		}
		rng, _ := newSrc.attrRange([]string{"variable", name}, nv.DeclRange, "default")
		out["var."+name] = pos(rng)
	}
	oldLocals := oldSrc.localTexts()
	for name, text := range newSrc.localTexts() {
		if o, ok := oldLocals[name]; !ok || o.text != text.text {
			out["local."+name] = pos(text.rng)
		}
	}
	return out
}

// fromVariables says, for each attribute of an update, which of the
// changed variables and locals (changedRefs) its NEW expression reads,
// directly or through locals.
func (c *Change) fromVariables(r *resource, src *sources, changed map[string]string) {
	if len(changed) == 0 {
		return
	}
	for i, a := range c.Attributes {
		if a.onOld {
			continue
		}
		for _, ref := range src.attrRefs(r.block, r.Range, a.Attribute) {
			if p, ok := changed[ref]; ok {
				c.Attributes[i].From = append(c.Attributes[i].From, Ref{Name: ref, Pos: p})
			}
		}
	}
}

// attrRefs returns the variables and locals the attribute at path reads,
// directly, through locals or through the for_each of its block
// (each.value), sorted ("local.a", "var.b").
func (s *sources) attrRefs(block []string, decl hcl.Range, path string) []string {
	b := s.blockOf(block, decl)
	if b == nil {
		return nil
	}
	_, attr := walkPath(b.Body, b.DefRange(), strings.Split(path, "."))
	if attr == nil {
		return nil
	}
	seen := map[string]bool{}
	var vars []string
	var visit func(hcl.Expression)
	visit = func(e hcl.Expression) {
		for _, tr := range e.Variables() {
			name := ""
			if len(tr) > 1 {
				if ta, ok := tr[1].(hcl.TraverseAttr); ok {
					name = ta.Name
				}
			}
			key := tr.RootName() + "." + name
			if name == "" || seen[key] {
				continue
			}
			seen[key] = true
			switch tr.RootName() {
			case "var":
				vars = append(vars, key)
			case "local":
				vars = append(vars, key)
				if l := s.local(name); l != nil {
					visit(l.Expr)
				}
			case "each": // an instance's key or value: what for_each reads
				if fe := b.Body.Attributes["for_each"]; fe != nil {
					visit(fe.Expr)
				}
			}
		}
	}
	visit(attr.Expr)
	sort.Strings(vars)
	return vars
}

// local finds the attribute that defines local.name.
func (s *sources) local(name string) *hclsyntax.Attribute {
	for _, f := range s.files {
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			if a := b.Body.Attributes[name]; b.Type == "locals" && a != nil {
				return a
			}
		}
	}
	return nil
}

// localText is the source text of a local's expression and where it is.
type localText struct {
	text string
	rng  hcl.Range
}

// localTexts returns the locals of the files by name.
func (s *sources) localTexts() map[string]localText {
	out := map[string]localText{}
	for _, f := range s.files {
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type != "locals" {
				continue
			}
			for name, a := range b.Body.Attributes {
				r := a.Expr.Range()
				out[name] = localText{string(f.Bytes[r.Start.Byte:r.End.Byte]), a.SrcRange}
			}
		}
	}
	return out
}
