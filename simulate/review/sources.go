package review

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// sources are the parsed files of one side (lang.Loader.Files), used to
// point a change or a finding at the attribute that sets it, which the
// model does not keep a range for.
type sources struct {
	files []*hcl.File // sorted by name
}

func newSources(files map[string]*hcl.File) *sources {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	s := &sources{}
	for _, n := range names {
		s.files = append(s.files, files[n])
	}
	return s
}

// pluralBlocks maps the model's list names to their block types.
var pluralBlocks = map[string]string{
	"endpoints": "endpoint", "ports": "port", "mounts": "mount", "consumes": "consume", "faults": "fault",
	"steps": "step",
}

// transparent model names have no block of their own: their attributes
// sit in the enclosing block (a load's rate profile, an endpoint's flow).
var transparent = map[string]bool{"profile": true, "flow": true}

// attrRange returns the range of the attribute at path (a flattened key,
// "retry.attempts") inside the block with the given type and labels. When
// the attribute itself is not written, it returns the range of the
// innermost block on the way (ok is still true); ok is false only when
// the block is not found at all.
//
// A block made for another name (a link to each instance of a for_each
// service, from link "router" "shard") has no block of its labels: it is
// found by decl, the range of the block it was made from.
func (s *sources) attrRange(block []string, decl hcl.Range, path string) (hcl.Range, bool) {
	b := s.blockOf(block, decl)
	if b == nil {
		return hcl.Range{}, false
	}
	rng, attr := walkPath(b.Body, b.DefRange(), strings.Split(path, "."))
	if f := b.Body.Attributes["file"]; attr == nil && path == "content" && f != nil {
		// A secret's or config's content read from its file: the line
		// that names the file.
		return f.SrcRange, true
	}
	return rng, true
}

// blockOf finds the top-level block with the given type and labels, or
// the one a block made for another name comes from (decl).
func (s *sources) blockOf(block []string, decl hcl.Range) *hclsyntax.Block {
	if s == nil || len(block) == 0 {
		return nil
	}
	var byDecl *hclsyntax.Block
	for _, f := range s.files {
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type != block[0] {
				continue
			}
			if slices.Equal(b.Labels, block[1:]) {
				return b
			}
			if r := b.DefRange(); byDecl == nil && decl.Filename != "" && r.Filename == decl.Filename && r.Start.Byte == decl.Start.Byte {
				byDecl = b
			}
		}
	}
	return byDecl
}

// setsAttr reports whether a block of the given type (no labels) writes
// the attribute.
func (s *sources) setsAttr(block, attr string) bool {
	for _, f := range s.files {
		if body, ok := f.Body.(*hclsyntax.Body); ok {
			for _, b := range body.Blocks {
				if b.Type == block && len(b.Labels) == 0 && b.Body.Attributes[attr] != nil {
					return true
				}
			}
		}
	}
	return false
}

// walkPath follows the path's segments through attributes and nested
// blocks and returns the best range found, and the attribute when the
// path leads to one.
func walkPath(body *hclsyntax.Body, best hcl.Range, segs []string) (hcl.Range, *hclsyntax.Attribute) {
	end := followPath(body, best, segs)
	return end.rng, end.attr
}

// pathEnd is where following a flattened path through a body stops.
type pathEnd struct {
	rng  hcl.Range            // the attribute's range, else the innermost block's on the way
	attr *hclsyntax.Attribute // the attribute, when the path leads to one
	body *hclsyntax.Body      // the body the walk stopped in
	// missing is the type of the nested block the body lacks ("call"
	// for a call), "" when none was missing.
	missing string
	flow    bool     // the path ends at an endpoint's flow
	labels  []string // the labels of the innermost nested block reached
}

// followPath follows the path's segments through attributes and nested
// blocks of body (whose range is best).
func followPath(body *hclsyntax.Body, best hcl.Range, segs []string) pathEnd {
	var labels []string
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		if a := body.Attributes[seg]; a != nil {
			return pathEnd{rng: a.SrcRange, attr: a, body: body, labels: labels}
		}
		if seg == "flow" && i == len(segs)-1 {
			return pathEnd{rng: best, body: body, flow: true, labels: labels}
		}
		if transparent[seg] {
			// A load's ramp or diurnal block holds its profile's
			// attributes (profile.from: ramp { from = 50 }).
			if i+1 < len(segs) && body.Attributes[segs[i+1]] == nil {
				if b := blockHolding(body, segs[i+1]); b != nil {
					body, best, labels = b.Body, b.DefRange(), b.Labels
				}
			}
			continue
		}
		if seg == "call" && i+1 < len(segs) {
			b := findCall(body, segs[i+1])
			if b == nil {
				return pathEnd{rng: best, body: body, missing: "call", labels: labels}
			}
			body, best, labels = b.Body, b.DefRange(), b.Labels
			i = max(i+1, len(segs)-2) // a callee endpoint in the key
			continue
		}
		typ := seg
		if t, ok := pluralBlocks[seg]; ok {
			typ = t
		}
		b, skip := findBlock(body, typ, segs[i+1:])
		if b == nil {
			return pathEnd{rng: best, body: body, missing: typ, labels: labels}
		}
		body, best, labels = b.Body, b.DefRange(), b.Labels
		i += skip
	}
	return pathEnd{rng: best, body: body, labels: labels}
}

// blockHolding returns the first nested block of body that has the
// attribute name.
func blockHolding(body *hclsyntax.Body, name string) *hclsyntax.Block {
	for _, b := range body.Blocks {
		if b.Body.Attributes[name] != nil {
			return b
		}
	}
	return nil
}

// findBlock finds the nested block of type typ; when the next segment is
// its label or its index among blocks of that type, it is consumed (skip
// = 1).
func findBlock(body *hclsyntax.Body, typ string, next []string) (*hclsyntax.Block, int) {
	var all []*hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == typ {
			all = append(all, b)
		}
	}
	if len(all) == 0 {
		return nil, 0
	}
	if len(next) > 0 {
		for _, b := range all {
			if len(b.Labels) > 0 && b.Labels[0] == next[0] {
				return b, 1
			}
		}
		if n, err := strconv.Atoi(next[0]); err == nil && n >= 0 && n < len(all) {
			return all[n], 1
		}
	}
	return all[0], 0
}

// findCall finds the call block for key "SERVICE" or "SERVICE#N" (the
// N-th call to it) anywhere in an endpoint body, nested blocks included.
func findCall(body *hclsyntax.Body, key string) *hclsyntax.Block {
	name, nth := key, 1
	if i := strings.LastIndexByte(key, '#'); i >= 0 {
		name = key[:i]
		nth, _ = strconv.Atoi(key[i+1:])
	}
	var found *hclsyntax.Block
	var walk func(*hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		for _, blk := range b.Blocks {
			if found != nil {
				return
			}
			if blk.Type == "call" && len(blk.Labels) == 1 && blk.Labels[0] == name {
				if nth--; nth == 0 {
					found = blk
					return
				}
			}
			walk(blk.Body)
		}
	}
	walk(body)
	return found
}

// pos formats a range as "file:line", or "" when it is empty.
func pos(r hcl.Range) string {
	if r.Filename == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d", r.Filename, r.Start.Line)
}
