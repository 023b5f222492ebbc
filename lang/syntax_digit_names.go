package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// digitNameDiag explains a syntax error that a reference to a name
// starting with a digit causes: service.2fa lexes as service.2 (HCL's
// legacy index) followed by the identifier fa, so the parser reports a
// missing comma or newline at "fa", which says nothing about the name.
// It returns the diagnostic reworded at the whole reference, or nil when
// d is not at such a name.
func digitNameDiag(d *hcl.Diagnostic, src []byte) *hcl.Diagnostic {
	if d.Severity != hcl.DiagError || d.Subject == nil {
		return nil
	}
	b := d.Subject.Start.Byte
	if b <= 0 || b >= len(src) || !isNameStart(src[b]) {
		return nil
	}
	digits := b // the digits between the dot and the name's letters
	for digits > 0 && src[digits-1] >= '0' && src[digits-1] <= '9' {
		digits--
	}
	if digits == b || digits < 2 || src[digits-1] != '.' || !isNameByte(src[digits-2]) {
		return nil
	}
	start := digits - 1 // back over the traversal before the dot
	for start > 0 && (isNameByte(src[start-1]) || src[start-1] == '.') {
		start--
	}
	if !isNameStart(src[start]) { // a number, as in 1.5x
		return nil
	}
	end := b
	for end < len(src) && isNameByte(src[end]) {
		end++
	}
	root, name := string(src[start:digits-1]), string(src[digits:end])
	rng := *d.Subject
	rng.Start = hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column - (b - start), Byte: start}
	rng.End = hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column + (end - start), Byte: end}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Name starting with a digit after a dot",
		Detail: fmt.Sprintf("%s.%s reads as %s.%s followed by %s: after a dot, HCL takes a name that starts with a digit as an index. Write %s[%q] instead, or the name as a string, %q, where a name is expected.",
			root, name, root, string(src[digits:b]), string(src[b:end]), root, name, name),
		Subject: &rng,
	}
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c == '-' || c >= '0' && c <= '9'
}
