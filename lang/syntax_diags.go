package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// tidySyntaxDiags makes the parser's diagnostics about one mistake one
// diagnostic, and says how to fix it:
//   - a byte that is not UTF-8 makes the parser also lose the string it is
//     in (an unterminated string after it): only the encoding errors stay,
//     with the byte named;
//   - a quoted string without its closing quote is reported at the end of
//     its line, again at the end of the next and as unterminated: only the
//     first stays;
//   - a heredoc without its closing marker is reported at the end of the
//     file: it is reported at the heredoc's opening, with the marker to
//     write;
//   - a template in a block label is explained as such, not only as a
//     sequence to escape;
//   - a reference to a name that starts with a digit (service.2fa) is
//     explained at the reference, with the index form (digitNameDiag).
func tidySyntaxDiags(diags hcl.Diagnostics, src []byte) hcl.Diagnostics {
	if !diags.HasErrors() {
		return diags
	}
	if enc := diagsWithSummary(diags, "Invalid character encoding"); len(enc) > 0 {
		for _, d := range enc {
			d.Detail = encodingDetail(d, src)
		}
		return enc
	}
	diags = dropSyntaxCascades(diags, src)
	out := diags[:0:0]
	multiLine := false
	for _, d := range diags {
		switch d.Summary {
		case "Invalid multi-line string":
			if multiLine {
				continue
			}
			multiLine = true
			d.Summary = "Unclosed string"
			d.Detail = `This quoted string has no closing quote (") on its line, and a quoted string must end on the line it starts on. Add the closing quote; for a string of several lines, use \n or a heredoc (<<EOT, the lines, then EOT alone on a line).`
		case "Invalid string literal":
			if strings.HasPrefix(d.Detail, "Template sequences") {
				d.Summary = "Template in a block label"
				d.Detail = "A block label is a name written out: it cannot hold ${...} or %{...}, because labels are read before any value is known. Write the name out; to make blocks from values, use a dynamic block, whose labels = [...] may hold expressions (dynamic \"call\" { for_each = ...  labels = [...] }), or, for services, for_each with name = \"api-${each.key}\". To write a literal $ or %, double it ($${ or %%{)."
			}
		case "Unterminated template string":
			if multiLine {
				continue
			}
			if open, marker, ok := unclosedHeredoc(src, d.Subject); ok {
				d.Summary = "Unclosed heredoc"
				d.Subject = open.Ptr()
				d.Detail = fmt.Sprintf("The heredoc that starts here has no closing line before the end of the file. End it with a line that holds only %s (indentation allowed); the marker must be spelled as after <<.", marker)
			}
		}
		if dn := digitNameDiag(d, src); dn != nil {
			d = dn
		}
		out = append(out, d)
	}
	return out
}

func diagsWithSummary(diags hcl.Diagnostics, summary string) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Summary == summary {
			out = append(out, d)
		}
	}
	return out
}

// encodingDetail names the byte that is not UTF-8.
func encodingDetail(d *hcl.Diagnostic, src []byte) string {
	what := "This byte is not UTF-8"
	if d.Subject != nil && d.Subject.Start.Byte < len(src) {
		what = fmt.Sprintf("The byte 0x%02x is not UTF-8", src[d.Subject.Start.Byte])
	}
	return what + ", and berth reads spec files as UTF-8: the file was probably saved as Latin-1 or Windows-1252. Save it as UTF-8 in your editor (or convert it with iconv -f latin1 -t utf-8)."
}

// unclosedHeredoc returns the opening (<<EOT) of the first heredoc of src
// that has no closing marker, and the marker, when the parser's
// unterminated string is at or after it.
func unclosedHeredoc(src []byte, at *hcl.Range) (hcl.Range, string, bool) {
	if at == nil {
		return hcl.Range{}, "", false
	}
	toks, _ := hclsyntax.LexConfig(src, at.Filename, hcl.InitialPos)
	var open []hclsyntax.Token
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenOHeredoc:
			open = append(open, t)
		case hclsyntax.TokenCHeredoc:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 || open[0].Range.Start.Byte > at.Start.Byte {
		return hcl.Range{}, "", false
	}
	o := open[0]
	marker := strings.TrimSpace(strings.TrimLeft(string(o.Bytes), "<-"))
	rng := o.Range
	if rng.End.Line > rng.Start.Line { // the token takes the newline: end the range on its own line
		rng.End = hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column + len(strings.TrimRight(string(o.Bytes), "\r\n")), Byte: rng.Start.Byte + len(strings.TrimRight(string(o.Bytes), "\r\n"))}
	}
	return rng, marker, true
}
