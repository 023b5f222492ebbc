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

// forEachFrom says, for a created or deleted instance of a for_each
// block (or a link made for one), which of the changed variables and
// locals (changedRefs) that for_each reads: the pull request added or
// removed the instance by editing them (a shard added to the map the
// shards are made from), and the block's own line says nothing of it.
func (c *Change) forEachFrom(r *resource, src *sources, changed map[string]string) {
	if len(changed) == 0 {
		return
	}
	seen := map[string]bool{}
	for _, b := range src.forEachBlocks(r) {
		for _, ref := range src.exprRefs(b, b.Body.Attributes["for_each"].Expr) {
			if p, ok := changed[ref]; ok && !seen[ref] {
				seen[ref] = true
				c.From = append(c.From, Ref{Name: ref, Pos: p})
			}
		}
	}
}

// forEachBlocks returns the for_each blocks r is made from: its own
// block when it has a for_each, and for a link, the for_each service
// blocks its labels name (link "search" "shard" makes a link to each
// instance of shard).
func (s *sources) forEachBlocks(r *resource) []*hclsyntax.Block {
	b := s.blockOf(r.block, r.Range)
	if b == nil {
		return nil
	}
	if b.Body.Attributes["for_each"] != nil {
		return []*hclsyntax.Block{b}
	}
	var out []*hclsyntax.Block
	if r.Kind == "link" {
		for _, label := range b.Labels {
			if svc := s.blockOf([]string{"service", label}, hcl.Range{}); svc != nil && svc.Body.Attributes["for_each"] != nil {
				out = append(out, svc)
			}
		}
	}
	return out
}

// attrRefs returns the variables and locals the attribute at path reads,
// directly, through locals or through the for_each of its block
// (each.value), sorted ("local.a", "var.b"). An endpoint's flow reads
// what its calls and the dynamic blocks that make them read (flowExprs).
func (s *sources) attrRefs(block []string, decl hcl.Range, path string) []string {
	b := s.blockOf(block, decl)
	if b == nil {
		return nil
	}
	segs := strings.Split(path, ".")
	_, attr := walkPath(b.Body, b.DefRange(), segs)
	if attr != nil {
		return s.exprRefs(b, attr.Expr)
	}
	return s.exprRefs(b, flowExprs(b.Body, segs)...)
}

// exprRefs returns the variables and locals the expressions (of block b)
// read, directly, through locals or through b's for_each (each.value),
// sorted.
func (s *sources) exprRefs(b *hclsyntax.Block, exprs ...hcl.Expression) []string {
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
	for _, e := range exprs {
		visit(e)
	}
	sort.Strings(vars)
	return vars
}

// flowExprs returns, for a path into an endpoint's flow
// ("endpoints.query.flow", "endpoints.query.flow.call.shard-e.fallback"),
// the expressions of the blocks that make the flow: its calls, parallel,
// sequence and publish blocks, and the for_each and labels of the dynamic
// blocks among them (a fan-out widened by editing the variable its
// dynamic block reads). Not the endpoint's own attributes: its
// service_time is no part of the flow.
func flowExprs(body *hclsyntax.Body, segs []string) []hcl.Expression {
	if len(segs) < 3 || segs[0] != "endpoints" || segs[2] != "flow" {
		return nil
	}
	var ep *hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == "endpoint" && len(b.Labels) == 1 && b.Labels[0] == segs[1] {
			ep = b
		}
	}
	if ep == nil {
		return nil
	}
	var out []hcl.Expression
	var walk func(*hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		for _, blk := range b.Blocks {
			for _, a := range blk.Body.Attributes {
				out = append(out, a.Expr)
			}
			walk(blk.Body)
		}
	}
	walk(ep.Body)
	return out
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
