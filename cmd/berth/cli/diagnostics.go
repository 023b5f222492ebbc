package cli

import (
	"encoding/json"
	"io"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/berth-dev/berth/internal/jsonrange"
)

// diagFiles holds the sources of the files last loaded, so diagnostics found
// later (by the planner or the simulator) still render with a snippet.
var diagFiles = map[string]*hcl.File{}

// reportDiags writes diags to the command's stderr as text with snippets and
// returns exitCode(ExitError) when they hold an error.
func reportDiags(cmd *cobra.Command, diags hcl.Diagnostics) error {
	if len(diags) > 0 {
		writeDiagsText(cmd.ErrOrStderr(), diags)
	}
	if diags.HasErrors() {
		return &exitError{code: ExitError, diags: diags}
	}
	return nil
}

// writeDiagsText renders diags the way terraform does, with the position
// as file:line:col: the severity and summary, the source snippet with the
// subject underlined, then the detail. Colors only on a terminal, and
// not under NO_COLOR.
func writeDiagsText(w io.Writer, diags hcl.Diagnostics) {
	width, color := 0, false
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(int(f.Fd())) {
		width, _, _ = term.GetSize(int(f.Fd()))
		color = useColor(w)
	}
	if width <= 0 {
		width = 100
	}
	dw := &diagTextWriter{w: w, files: diagFiles, width: width, color: color}
	for _, d := range diags {
		dw.write(d)
	}
}

// jsonDiag is the JSON form of one diagnostic.
type jsonDiag struct {
	Severity string           `json:"severity"`
	Summary  string           `json:"summary"`
	Detail   string           `json:"detail,omitempty"`
	Range    *jsonrange.Range `json:"range,omitempty"`
	Snippet  string           `json:"snippet,omitempty"`
}

func toJSONDiags(diags hcl.Diagnostics) []jsonDiag {
	out := make([]jsonDiag, 0, len(diags))
	for _, d := range diags {
		jd := jsonDiag{Severity: "error", Summary: d.Summary, Detail: d.Detail}
		if d.Severity == hcl.DiagWarning {
			jd.Severity = "warning"
		}
		if d.Subject != nil {
			r := *d.Subject
			jd.Range = jsonrange.From(&r)
			if f := diagFiles[r.Filename]; f != nil && r.Start.Byte <= len(f.Bytes) {
				jd.Snippet = lineOf(f.Bytes, r.Start.Byte)
			}
		}
		out = append(out, jd)
	}
	return out
}

// lineOf returns the source line holding byte offset off.
func lineOf(src []byte, off int) string {
	start, end := off, off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	for end < len(src) && src[end] != '\n' {
		end++
	}
	return string(src[start:end])
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
