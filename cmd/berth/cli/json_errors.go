package cli

import (
	"io"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
)

// A command asked for JSON (--json, or --format json) that fails before
// printing anything still prints JSON on stdout: the diagnostics it wrote
// as text on stderr, in validate --json's shape, so a script that parses
// stdout reads why instead of nothing:
//
//	{"format_version": "1.0", "valid": false, "error_count": 1,
//	 "warning_count": 0, "diagnostics": [{"severity", "summary", ...}]}

// wantsJSON reports whether cmd was asked for JSON output.
func wantsJSON(cmd *cobra.Command) bool {
	if cmd == nil {
		return false
	}
	if f := cmd.Flags().Lookup("json"); f != nil && f.Value.String() == "true" {
		return true
	}
	f := cmd.Flags().Lookup("format")
	return f != nil && f.Value.String() == "json"
}

func writeJSONErrors(w io.Writer, diags hcl.Diagnostics) {
	errs, warns := countDiags(diags)
	_ = writeJSON(w, validateResult{
		FormatVersion: "1.0",
		ErrorCount:    errs,
		WarningCount:  warns,
		Diagnostics:   toJSONDiags(diags),
	})
}

// errorDiag is a plain error as a diagnostic with no source range.
func errorDiag(err error) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: err.Error()}
}

// watchedWriter notes whether anything was written through it.
type watchedWriter struct {
	w     io.Writer
	wrote bool
}

func (o *watchedWriter) Write(p []byte) (int, error) {
	o.wrote = o.wrote || len(p) > 0
	return o.w.Write(p)
}
