package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// HCL allows a block on one line only when it holds a single argument, so
// `port { published = 8080  target = 8080 }`, the way the BRIEF and many
// people write small blocks, is a syntax error there. berth reads it as the
// same block written on several lines.
//
// expandOneLineBlocks rewrites src so that every one-line block holding
// more than one item (arguments or nested blocks) has a newline after its
// "{", between its items and before its "}". The rewrite never changes the
// length of the source or any byte's offset: it turns one whitespace byte
// of each gap into a newline, and a comma written between two arguments
// into a newline too. It returns ok = false when there is nothing to expand
// or a gap has no byte to spare (`{a = 1 b = 2}`); the caller then keeps
// the parser's own diagnostics.
func expandOneLineBlocks(src []byte, name string) ([]byte, bool) {
	tokens, diags := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, false
	}
	var gaps []gap
	for _, b := range oneLineBlocks(tokens) {
		gaps = append(gaps, b...)
	}
	if len(gaps) == 0 {
		return nil, false
	}
	out := append([]byte(nil), src...)
	for _, g := range gaps {
		if !g.split(out) {
			return nil, false
		}
	}
	return out, true
}

// gap is the source between two tokens that must hold a line break: the
// bytes from the end of one token to the start of the next, or a comma.
type gap struct {
	start, end int
	comma      bool // the gap is a comma separating two items
}

// split turns one byte of the gap into a newline.
func (g gap) split(src []byte) bool {
	if g.comma {
		src[g.start] = '\n'
		return true
	}
	for i := g.start; i < g.end; i++ {
		switch src[i] {
		case '\n':
			return true
		case ' ', '\t':
			src[i] = '\n'
			return true
		}
	}
	return false
}

// frame is an open bracket of any kind while scanning the tokens.
type frame struct {
	block   bool // the "{" opens a block body, not an object or a template
	oneLine bool // a block whose first item is on the "{" line
	items   int  // items seen in the block's body
	nested  bool // the body holds a block
	gaps    []gap
}

// oneLineBlocks returns, for each one-line block that holds more than one
// item or a nested block, the gaps to break.
func oneLineBlocks(tokens hclsyntax.Tokens) [][]gap {
	var out [][]gap
	stack := []*frame{{block: true}} // the file's body
	prev := hclsyntax.Token{Type: hclsyntax.TokenNewline}
	for i, tok := range tokens {
		top := stack[len(stack)-1]
		inBody := top.block
		switch tok.Type {
		case hclsyntax.TokenOBrace:
			f := &frame{block: inBody && (prev.Type == hclsyntax.TokenIdent || prev.Type == hclsyntax.TokenCQuote)}
			if f.block && i+1 < len(tokens) {
				next := tokens[i+1]
				f.oneLine = next.Type != hclsyntax.TokenNewline && next.Type != hclsyntax.TokenCBrace && next.Type != hclsyntax.TokenEOF
				if f.oneLine {
					f.gaps = append(f.gaps, gap{start: tok.Range.End.Byte, end: next.Range.Start.Byte})
				}
			}
			if f.block && top.oneLine {
				top.nested = true
			}
			stack = append(stack, f)
		case hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl, hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			stack = append(stack, &frame{})
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			if len(stack) == 1 {
				return nil // unbalanced: leave it to the parser
			}
			if tok.Type == hclsyntax.TokenCBrace && top.oneLine && (top.items > 1 || top.nested) {
				if prev.Type != hclsyntax.TokenNewline { // a "}" on its own line needs no break
					top.gaps = append(top.gaps, gap{start: prev.Range.End.Byte, end: tok.Range.Start.Byte})
				}
				out = append(out, top.gaps)
			}
			stack = stack[:len(stack)-1]
		case hclsyntax.TokenComment:
			if top.oneLine {
				top.oneLine = false // a comment ends the line: not ours to guess
			}
		case hclsyntax.TokenComma:
			if top.oneLine && startsItem(tokens, i+1) {
				top.gaps = append(top.gaps, gap{start: tok.Range.Start.Byte, end: tok.Range.End.Byte, comma: true})
			}
		case hclsyntax.TokenIdent:
			if top.oneLine && startsItem(tokens, i) {
				top.items++
				if top.items > 1 && prev.Type != hclsyntax.TokenComma && prev.Type != hclsyntax.TokenNewline {
					top.gaps = append(top.gaps, gap{start: prev.Range.End.Byte, end: tok.Range.Start.Byte})
				}
			}
		}
		prev = tok
	}
	return out
}

// startsItem reports whether tokens[i] begins an argument (`name =`) or a
// block header (`name "label" ... {`, `name {`).
func startsItem(tokens hclsyntax.Tokens, i int) bool {
	if i+1 >= len(tokens) || tokens[i].Type != hclsyntax.TokenIdent {
		return false
	}
	switch tokens[i+1].Type {
	case hclsyntax.TokenEqual, hclsyntax.TokenOBrace:
		return true
	case hclsyntax.TokenOQuote, hclsyntax.TokenIdent:
		for j := i + 1; j < len(tokens); j++ {
			switch tokens[j].Type {
			case hclsyntax.TokenOBrace:
				return true
			case hclsyntax.TokenIdent, hclsyntax.TokenOQuote, hclsyntax.TokenQuotedLit, hclsyntax.TokenCQuote:
			default:
				return false
			}
		}
	}
	return false
}

// ExpandOneLineBlocks returns src with every one-line block of several
// items written out on several lines, as `berth fmt` writes it, or src
// itself when there is none.
func ExpandOneLineBlocks(src []byte, filename string) []byte {
	if out, ok := expandOneLineBlocks(src, filename); ok {
		return out
	}
	return src
}

// EditableSource returns src in a form hclwrite can parse to edit it:
// src itself, or, when it holds one-line blocks of several arguments,
// the file as `berth fmt` writes it (those blocks written out).
func EditableSource(src []byte, filename string) []byte {
	if out, ok := expandOneLineBlocks(src, filename); ok {
		return hclwrite.Format(out)
	}
	return src
}

// ParseFile parses one berth source file the way the loader does: a
// one-line block of several arguments is accepted, and every position
// refers to src as written.
func ParseFile(src []byte, filename string) (*hcl.File, hcl.Diagnostics) {
	return parseSpecFile(specFile{name: filename, src: src})
}
