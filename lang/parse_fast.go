package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Most of a large spec is plain: blocks with quoted labels, and attributes
// set to a quoted string, a number, true, false, null or a reference like
// service.api. parseFast parses exactly that subset of the native syntax,
// in one pass over the bytes, into the syntax tree hcl's parser would build
// (the same nodes and ranges; TestParseFastMatchesHCL compares them). hcl
// lexes a file into tokens of 96 bytes each before parsing it, which made
// its parser most of the cost of loading a large spec.
//
// The subset is ASCII without carriage returns; blocks open with "{" at the
// end of their header line and close with "}" on a line of its own;
// strings are non-empty and hold no escapes, "$", "%" or quotes; numbers
// are unsigned decimals; "#" and "//" comments run to the end of a line.
// Anything else (a list, a function call, an operator, a template, a
// heredoc, a one-line block, a repeated attribute, an error) makes
// parseFast give up, and the text is parsed by hcl, which builds the tree
// or reports the problem.

// fastKind is the kind of a token of the subset.
type fastKind uint8

const (
	fastEOF     fastKind = iota
	fastNewline          // a newline, or a line comment (which ends with one)
	fastIdent
	fastNumber
	fastString // a quoted string
	fastEqual
	fastOBrace
	fastCBrace
	fastDot
)

// fastToken is a token of the subset.
type fastToken struct {
	kind fastKind
	rng  hcl.Range // a string's includes its quotes
	text string    // an identifier, a number, a string's content
	lit  hcl.Range // a string's content
	end  hcl.Range // a string's closing quote
}

// fastParser reads the subset; every method reports ok = false as soon as
// it meets something outside it.
type fastParser struct {
	src  []byte
	name string
	i    int     // offset of the next byte in src
	pos  hcl.Pos // its position
	next fastToken
	prev hcl.Range // the range of the last token read
}

// parseFast parses src as a file named name that starts at start, or
// returns ok = false when src is not in the subset.
func parseFast(src []byte, name string, start hcl.Pos) (*hcl.File, bool) {
	p := &fastParser{src: src, name: name, pos: start}
	if !p.scan() {
		return nil, false
	}
	body, ok := p.body(fastEOF, p.next.rng)
	if !ok {
		return nil, false
	}
	return &hcl.File{Body: body, Bytes: src, Nav: fastNav{body}}, true
}

// read returns the next token and scans the one after it.
func (p *fastParser) read() (fastToken, bool) {
	t := p.next
	p.prev = t.rng
	if t.kind == fastString {
		p.prev = t.end
	}
	return t, t.kind == fastEOF || p.scan()
}

// body parses the items of a body up to the token end, which it consumes.
// startRange is where hcl's parser starts the body's range.
func (p *fastParser) body(end fastKind, startRange hcl.Range) (*hclsyntax.Body, bool) {
	b := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, Blocks: hclsyntax.Blocks{}}
	for p.next.kind != end {
		switch p.next.kind {
		case fastNewline:
			if _, ok := p.read(); !ok {
				return nil, false
			}
		case fastIdent:
			if !p.item(b) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	endTok, ok := p.read()
	if !ok {
		return nil, false
	}
	b.SrcRange = hcl.RangeBetween(startRange, endTok.rng)
	b.EndRange = hcl.Range{Filename: endTok.rng.Filename, Start: endTok.rng.End, End: endTok.rng.End}
	return b, true
}

// item parses an attribute or a block into b.
func (p *fastParser) item(b *hclsyntax.Body) bool {
	ident, ok := p.read()
	if !ok {
		return false
	}
	if p.next.kind == fastEqual {
		a, ok := p.attribute(ident)
		if !ok || b.Attributes[a.Name] != nil {
			return false
		}
		b.Attributes[a.Name] = a
		return true
	}
	blk, ok := p.block(ident)
	if ok {
		b.Blocks = append(b.Blocks, blk)
	}
	return ok
}

// attribute parses "= expression" and the end of the line.
func (p *fastParser) attribute(ident fastToken) (*hclsyntax.Attribute, bool) {
	eq, ok := p.read()
	if !ok {
		return nil, false
	}
	expr, ok := p.expression()
	if !ok {
		return nil, false
	}
	a := &hclsyntax.Attribute{
		Name: ident.text, Expr: expr,
		SrcRange: hcl.RangeBetween(ident.rng, p.prev), NameRange: ident.rng, EqualsRange: eq.rng,
	}
	return a, p.endOfLine()
}

// endOfLine reads the newline (or end of file) that ends an item.
func (p *fastParser) endOfLine() bool {
	if p.next.kind != fastNewline && p.next.kind != fastEOF {
		return false
	}
	_, ok := p.read()
	return ok
}

// expression parses a string, a number, true, false, null or a reference.
func (p *fastParser) expression() (hclsyntax.Expression, bool) {
	t, ok := p.read()
	if !ok {
		return nil, false
	}
	switch t.kind {
	case fastString:
		lit := &hclsyntax.LiteralValueExpr{Val: cty.StringVal(t.text), SrcRange: t.lit}
		return &hclsyntax.TemplateExpr{Parts: []hclsyntax.Expression{lit}, SrcRange: t.rng}, true
	case fastNumber:
		v, err := cty.ParseNumberVal(t.text)
		return &hclsyntax.LiteralValueExpr{Val: v, SrcRange: t.rng}, err == nil
	case fastIdent:
		return p.reference(t)
	}
	return nil, false
}

// reference parses true, false, null or a traversal of attributes from
// the identifier t.
func (p *fastParser) reference(t fastToken) (hclsyntax.Expression, bool) {
	var v cty.Value
	switch t.text {
	case "true":
		v = cty.True
	case "false":
		v = cty.False
	case "null":
		v = cty.NullVal(cty.DynamicPseudoType)
	default:
		e := &hclsyntax.ScopeTraversalExpr{Traversal: hcl.Traversal{hcl.TraverseRoot{Name: t.text, SrcRange: t.rng}}, SrcRange: t.rng}
		for p.next.kind == fastDot {
			dot, ok := p.read()
			if !ok || p.next.kind != fastIdent {
				return nil, false
			}
			name, ok := p.read()
			if !ok {
				return nil, false
			}
			rng := hcl.RangeBetween(dot.rng, name.rng)
			e.Traversal = append(e.Traversal, hcl.TraverseAttr{Name: name.text, SrcRange: rng})
			e.SrcRange = hcl.RangeBetween(e.SrcRange, rng)
		}
		return e, true
	}
	return &hclsyntax.LiteralValueExpr{Val: v, SrcRange: t.rng}, p.next.kind != fastDot
}

// block parses the labels and the body of a block of type ident, which
// must open at the end of the header's line.
func (p *fastParser) block(ident fastToken) (*hclsyntax.Block, bool) {
	blk := &hclsyntax.Block{Type: ident.text, TypeRange: ident.rng}
	for p.next.kind == fastString || p.next.kind == fastIdent {
		label, ok := p.read()
		if !ok {
			return nil, false
		}
		blk.Labels = append(blk.Labels, label.text)
		blk.LabelRanges = append(blk.LabelRanges, label.rng)
	}
	if p.next.kind != fastOBrace {
		return nil, false
	}
	open, ok := p.read()
	if !ok || p.next.kind != fastNewline && p.next.kind != fastCBrace {
		return nil, false
	}
	if blk.Body, ok = p.body(fastCBrace, open.rng); !ok {
		return nil, false
	}
	blk.OpenBraceRange, blk.CloseBraceRange = open.rng, p.prev
	return blk, p.endOfLine()
}

// scan reads the next token into p.next.
func (p *fastParser) scan() bool {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t') {
		p.advance(1)
	}
	start := p.pos
	if p.i == len(p.src) {
		p.next = fastToken{kind: fastEOF, rng: p.rangeFrom(start)}
		return true
	}
	c := p.src[p.i]
	switch {
	case c == '\n':
		p.newline()
		p.next = fastToken{kind: fastNewline, rng: p.rangeFrom(start)}
		return true
	case c == '#' || c == '/' && p.i+1 < len(p.src) && p.src[p.i+1] == '/':
		return p.comment(start)
	case c == '"':
		return p.quoted(start)
	case c >= '0' && c <= '9':
		return p.number(start)
	case identStart(c):
		n := 1
		for p.i+n < len(p.src) && identPart(p.src[p.i+n]) {
			n++
		}
		p.next = fastToken{kind: fastIdent, text: string(p.src[p.i : p.i+n])}
		p.advance(n)
		p.next.rng = p.rangeFrom(start)
		return true
	case c == '=' && !(p.i+1 < len(p.src) && (p.src[p.i+1] == '=' || p.src[p.i+1] == '>')):
		return p.punct(fastEqual, start)
	case c == '{':
		return p.punct(fastOBrace, start)
	case c == '}':
		return p.punct(fastCBrace, start)
	case c == '.':
		return p.punct(fastDot, start)
	}
	return false
}

// comment reads a line comment. hcl's parser sees one that ends with a
// newline as that newline, with the comment's range; one at the end of the
// file is not seen at all.
func (p *fastParser) comment(start hcl.Pos) bool {
	for p.i < len(p.src) && p.src[p.i] != '\n' {
		if c := p.src[p.i]; c >= 0x80 || c == '\r' {
			return false
		}
		p.advance(1)
	}
	if p.i == len(p.src) {
		return p.scan()
	}
	p.newline()
	p.next = fastToken{kind: fastNewline, rng: p.rangeFrom(start)}
	return true
}

// quoted reads a non-empty string without escapes or templates.
func (p *fastParser) quoted(start hcl.Pos) bool {
	n := 1
	for p.i+n < len(p.src) && p.src[p.i+n] != '"' {
		if c := p.src[p.i+n]; c < 0x20 || c >= 0x7f || c == '\\' || c == '$' || c == '%' {
			return false
		}
		n++
	}
	if p.i+n == len(p.src) || n == 1 {
		return false
	}
	text := string(p.src[p.i+1 : p.i+n])
	p.advance(1)
	litStart := p.pos
	p.advance(n - 1)
	lit, endStart := p.rangeFrom(litStart), p.pos
	p.advance(1)
	p.next = fastToken{kind: fastString, rng: p.rangeFrom(start), text: text, lit: lit, end: p.rangeFrom(endStart)}
	return true
}

// number reads digits with an optional fraction and exponent, which must
// end the token (hcl's lexer would read on otherwise).
func (p *fastParser) number(start hcl.Pos) bool {
	n := digits(p.src, p.i)
	if p.i+n < len(p.src) && p.src[p.i+n] == '.' {
		f := digits(p.src, p.i+n+1)
		if f == 0 {
			return false
		}
		n += 1 + f
	}
	if p.i+n < len(p.src) && (p.src[p.i+n] == 'e' || p.src[p.i+n] == 'E') {
		e := p.i + n + 1
		if e < len(p.src) && (p.src[e] == '+' || p.src[e] == '-') {
			e++
		}
		d := digits(p.src, e)
		if d == 0 {
			return false
		}
		n = e + d - p.i
	}
	if end := p.i + n; end < len(p.src) && p.src[end] != ' ' && p.src[end] != '\t' && p.src[end] != '\n' {
		return false
	}
	p.next = fastToken{kind: fastNumber, text: string(p.src[p.i : p.i+n])}
	p.advance(n)
	p.next.rng = p.rangeFrom(start)
	return true
}

func (p *fastParser) punct(kind fastKind, start hcl.Pos) bool {
	p.advance(1)
	p.next = fastToken{kind: kind, rng: p.rangeFrom(start)}
	return true
}

// advance moves over n bytes of a line.
func (p *fastParser) advance(n int) {
	p.i += n
	p.pos.Byte += n
	p.pos.Column += n
}

func (p *fastParser) newline() {
	p.i++
	p.pos = hcl.Pos{Line: p.pos.Line + 1, Column: 1, Byte: p.pos.Byte + 1}
}

func (p *fastParser) rangeFrom(start hcl.Pos) hcl.Range {
	return hcl.Range{Filename: p.name, Start: start, End: p.pos}
}

func digits(src []byte, i int) int {
	n := 0
	for i+n < len(src) && src[i+n] >= '0' && src[i+n] <= '9' {
		n++
	}
	return n
}

func identStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func identPart(c byte) bool { return identStart(c) || c >= '0' && c <= '9' || c == '-' }

// fastNav gives the diagnostic writer the context of an offset ("service
// "api""), as hcl's navigation of a parsed file does.
type fastNav struct{ root *hclsyntax.Body }

// ContextString names the top-level block that holds offset.
func (n fastNav) ContextString(offset int) string {
	for _, b := range n.root.Blocks {
		if b.Range().ContainsOffset(offset) {
			var sb strings.Builder
			sb.WriteString(b.Type)
			for _, l := range b.Labels {
				fmt.Fprintf(&sb, " %q", l)
			}
			return sb.String()
		}
	}
	return ""
}
