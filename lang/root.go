package lang

import (
	"github.com/hashicorp/hcl/v2"
)

// rootSchema lists the top-level blocks of a spec file.
var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "berth"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "network", LabelNames: []string{"name"}},
		{Type: "volume", LabelNames: []string{"name"}},
		{Type: "secret", LabelNames: []string{"name"}},
		{Type: "config", LabelNames: []string{"name"}},
		{Type: "service", LabelNames: []string{"name"}},
		{Type: "link", LabelNames: []string{"caller", "callee"}},
		{Type: "queue", LabelNames: []string{"name"}},
		{Type: "load", LabelNames: []string{"name"}},
		{Type: "scenario", LabelNames: []string{"name"}},
		{Type: "slo", LabelNames: []string{"name"}},
	},
}

// decls are the top-level blocks of all files, by type, in file order.
type decls struct {
	blocks map[string][]*hcl.Block // block type → blocks (locals excluded)
	locals []*hcl.Attribute
}

// declKey identifies a declaration: its block type and labels (at most
// two), or "local" and the name of a local value.
type declKey struct {
	typ, name, name2 string
}

func blockKey(b *hcl.Block) declKey {
	k := declKey{typ: b.Type}
	if len(b.Labels) > 0 {
		k.name = b.Labels[0]
	}
	if len(b.Labels) > 1 {
		k.name2 = b.Labels[1]
	}
	return k
}

// collectDecls gathers the top-level blocks of files and reports duplicate
// names, pointing at both declarations.
func collectDecls(files []*hcl.File) (*decls, hcl.Diagnostics) {
	d := &decls{blocks: map[string][]*hcl.Block{}}
	var diags hcl.Diagnostics
	contents := make([]*hcl.BodyContent, len(files))
	cdiags := make([]hcl.Diagnostics, len(files))
	n := 0
	for i, f := range files {
		contents[i], cdiags[i] = bodyContent(f.Body, rootSchema)
		hintForeignNames(cdiags[i], f.Body, rootSchema)
		explainLabels(cdiags[i], rootSchema)
		n += len(contents[i].Blocks)
	}
	seen := make(map[declKey]hcl.Range, n) // first declaration of each
	for i, content := range contents {
		diags = append(diags, cdiags[i]...)
		for _, b := range content.Blocks {
			if b.Type == "locals" {
				diags = append(diags, d.addLocals(b, seen)...)
				continue
			}
			if dup := checkDuplicate(seen, b); dup != nil {
				diags = append(diags, dup)
				continue
			}
			d.blocks[b.Type] = append(d.blocks[b.Type], b)
		}
	}
	return d, diags
}

func (d *decls) addLocals(b *hcl.Block, seen map[declKey]hcl.Range) hcl.Diagnostics {
	attrs, diags := b.Body.JustAttributes()
	for _, a := range sortedAttrs(attrs) {
		key := declKey{typ: "local", name: a.Name}
		if first, ok := seen[key]; ok {
			diags = append(diags, errorAt(a.NameRange, "Duplicate local value",
				"A local value named %q was already defined at %s. Local value names must be unique across all files; rename or remove one.",
				a.Name, at(first)))
			continue
		}
		seen[key] = a.NameRange
		d.locals = append(d.locals, a)
	}
	return diags
}

// checkDuplicate records b and returns a diagnostic when a block of the same
// type and labels was declared before.
func checkDuplicate(seen map[declKey]hcl.Range, b *hcl.Block) *hcl.Diagnostic {
	key := blockKey(b)
	first, ok := seen[key]
	if !ok {
		seen[key] = b.DefRange
		return nil
	}
	switch b.Type {
	case "berth":
		return errorAt(b.DefRange, "Duplicate berth block",
			"A berth block was already declared at %s. A project has one berth block; merge the two.", at(first))
	case "link":
		return errorAt(b.DefRange, "Duplicate link",
			"A link from %q to %q was already declared at %s. An edge has one link block; merge the two.",
			b.Labels[0], b.Labels[1], at(first))
	}
	return errorAt(b.DefRange, "Duplicate "+b.Type+" name",
		"A %s named %q was already declared at %s. Names must be unique across all files of the spec; rename or remove one.",
		b.Type, b.Labels[0], at(first))
}

// sortedAttrs returns attributes in source order.
func sortedAttrs(m hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	sortByRange(out, func(a *hcl.Attribute) hcl.Range { return a.Range })
	return out
}
