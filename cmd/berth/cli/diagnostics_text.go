package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// diagTextWriter writes diagnostics for people:
//
//	Error: Value out of range
//
//	  on examples/shop/services.berth.hcl:3:15, in service "api":
//	   3:     workers = 0
//	                    ^
//
//	workers must be at least 1, ...
type diagTextWriter struct {
	w     io.Writer
	files map[string]*hcl.File
	width int
	color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
)

func (dw *diagTextWriter) write(d *hcl.Diagnostic) {
	sev, col := "Error", ansiRed
	if d.Severity == hcl.DiagWarning {
		sev, col = "Warning", ansiYellow
	}
	if dw.color {
		fmt.Fprintf(dw.w, "%s%s%s:%s %s%s%s\n\n", ansiBold, col, sev, ansiReset, ansiBold, d.Summary, ansiReset)
	} else {
		fmt.Fprintf(dw.w, "%s: %s\n\n", sev, d.Summary)
	}
	if d.Subject != nil {
		dw.writeSnippet(*d.Subject)
	}
	if d.Detail != "" {
		for _, line := range wrapText(d.Detail, dw.width-1) {
			fmt.Fprintln(dw.w, line)
		}
		fmt.Fprintln(dw.w)
	}
}

// writeSnippet writes the position and, when the file is known, the lines
// of the range with the subject underlined on its first line.
func (dw *diagTextWriter) writeSnippet(r hcl.Range) {
	pos := fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
	f := dw.files[r.Filename]
	if f == nil || r.Start.Byte > len(f.Bytes) {
		fmt.Fprintf(dw.w, "  on %s:\n\n", pos)
		return
	}
	if ctx := contextString(f, r.Start.Byte); ctx != "" {
		pos += ", in " + ctx
	}
	fmt.Fprintf(dw.w, "  on %s:\n", pos)
	lines := strings.Split(string(f.Bytes), "\n")
	last := min(r.End.Line, r.Start.Line+2, len(lines))
	if r.End.Line > r.Start.Line && r.End.Column == 1 {
		last = max(r.Start.Line, min(last, r.End.Line-1))
	}
	for n := r.Start.Line; n <= last; n++ {
		fmt.Fprintf(dw.w, "%4d: %s\n", n, strings.TrimRight(lines[n-1], "\r"))
		if n == r.Start.Line {
			fmt.Fprintf(dw.w, "      %s\n", underline(lines[n-1], r))
		}
	}
	fmt.Fprintln(dw.w)
}

// underline returns the marker line under the range's first line: spaces
// (tabs kept, so it lines up) up to the start column, then a caret per
// character of the subject on that line.
func underline(line string, r hcl.Range) string {
	runes := []rune(strings.TrimRight(line, "\r"))
	start := min(max(r.Start.Column-1, 0), len(runes))
	end := len(runes)
	if r.End.Line == r.Start.Line {
		end = min(max(r.End.Column-1, start+1), len(runes)+1)
	}
	var b strings.Builder
	for _, c := range runes[:start] {
		if c == '\t' {
			b.WriteRune('\t')
		} else {
			b.WriteRune(' ')
		}
	}
	b.WriteString(strings.Repeat("^", max(end-start, 1)))
	return b.String()
}

// contextString names the block holding offset, such as `service "api"`.
func contextString(f *hcl.File, offset int) string {
	if cs, ok := f.Nav.(interface{ ContextString(int) string }); ok {
		return cs.ContextString(offset)
	}
	return ""
}

// wrapText breaks text into lines of at most width characters at spaces,
// keeping the text's own line breaks.
func wrapText(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		out = append(out, line)
	}
	return out
}
