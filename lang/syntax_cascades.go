package lang

import (
	"bytes"
	"regexp"

	"github.com/hashicorp/hcl/v2"
)

// syntaxCauses are parser errors that make the parser report more errors
// on the same line: an invalid character (a ; or a ' ) is followed by
// "Missing newline after argument" or "Argument or block definition
// required", an unclosed ${ by unclosed strings up to the end of the
// file.
var syntaxCauses = map[string]bool{
	"Invalid character":                        true,
	"Unclosed template interpolation sequence": true,
}

// dropSyntaxCascades keeps, on a line with an invalid character, only the
// causes, after an unclosed ${ no unclosed string, and
// of the "Argument or block definition required" of a file only the
// first (a YAML file gets one per line), with a hint when its line looks
// like YAML or is a stray closing brace.
func dropSyntaxCascades(diags hcl.Diagnostics, src []byte) hcl.Diagnostics {
	causeLines := map[int]bool{}
	for _, d := range diags {
		if syntaxCauses[d.Summary] && d.Subject != nil {
			causeLines[d.Subject.Start.Line] = true
		}
	}
	unclosedInterp := len(diagsWithSummary(diags, "Unclosed template interpolation sequence")) > 0
	out := diags[:0:0]
	definitionRequired := false
	for _, d := range diags {
		if d.Subject != nil && !syntaxCauses[d.Summary] && causeLines[d.Subject.Start.Line] {
			continue
		}
		if unclosedInterp && (d.Summary == "Invalid multi-line string" || d.Summary == "Unterminated template string") {
			continue // the string's closing quote was read as part of the ${
		}
		if d.Summary == "Argument or block definition required" {
			if definitionRequired {
				continue
			}
			definitionRequired = true
			d.Detail += definitionHint(d.Subject, src)
		}
		out = append(out, d)
	}
	return out
}

// yamlLine is a line of YAML (a Compose file): "key:" or "key: value".
var yamlLine = regexp.MustCompile(`^\s*-?\s*[A-Za-z_][\w.-]*:(\s|$)`)

// definitionHint says what a line the parser took for neither an
// argument nor a block probably is.
func definitionHint(rng *hcl.Range, src []byte) string {
	if rng == nil {
		return ""
	}
	line := lineAt(src, rng.Start.Byte)
	switch {
	case bytes.Equal(bytes.TrimSpace(line), []byte("}")):
		return " This } closes no block: remove it, or look above for a block whose { is missing."
	case rng.Start.Column == 1 && yamlLine.Match(line) && !bytes.Contains(line, []byte("=")):
		return ` This looks like YAML: a spec is HCL, name = value and service "web" { image = "nginx" }. berth import converts a Compose file.`
	}
	return ""
}

// lineAt returns the line of src that holds byte offset i.
func lineAt(src []byte, i int) []byte {
	if i < 0 || i > len(src) {
		return nil
	}
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	end := bytes.IndexByte(src[i:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : i+end]
}
