package lang

import (
	"fmt"
	"io/fs"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/internal/crash"
)

// Options control how a spec is loaded.
type Options struct {
	// FS is where the spec files are read from; Dir is relative to it. Nil
	// means the operating system's file system (Dir is then an OS path).
	// `berth diff` passes a file system backed by git objects. -var-file
	// paths are always read from the operating system.
	FS fs.FS
	// Vars are -var name=value pairs; the value is an HCL expression, or a
	// bare string when it does not parse as one (like terraform). For a
	// variable of type string the value is always taken as it is.
	Vars map[string]string
	// VarFiles are -var-file paths (HCL attribute files).
	VarFiles []string
	// Environ is searched for BERTH_VAR_<name>; nil means os.Environ().
	Environ []string
}

// Loader loads specs and remembers the source of every file it parsed, so
// diagnostics can be rendered with snippets afterwards.
type Loader struct {
	files map[string]*hcl.File
}

// NewLoader returns an empty Loader.
func NewLoader() *Loader { return &Loader{files: map[string]*hcl.File{}} }

// Files returns the parsed files by name, for hcl.NewDiagnosticTextWriter.
func (l *Loader) Files() map[string]*hcl.File { return l.files }

// recoverPanics turns a panic inside Load into an error diagnostic. The
// fuzz test turns it off so that crashes are found, not hidden.
var recoverPanics = true

// Load loads and decodes every *.berth.hcl file of dir. The Spec is nil when
// the diagnostics hold errors that left no usable model: no files, or
// syntax errors. Otherwise it is returned with every error and warning
// found; callers must not use a Spec whose diagnostics have errors for
// anything but reporting.
func (l *Loader) Load(dir string, opts Options) (spec *Spec, diags hcl.Diagnostics) {
	if recoverPanics {
		defer func() {
			if r := recover(); r != nil {
				spec, diags = nil, append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Internal error in the spec loader",
					Detail:   fmt.Sprintf("berth crashed while loading %s: %v. %s", dir, r, crash.Report("loading "+dir, r)),
				})
			}
		}()
	}
	srcs, diags := readSpecFiles(dir, opts.FS)
	if len(srcs) == 0 {
		return nil, diags
	}
	files := make([]*hcl.File, 0, len(srcs))
	for _, src := range srcs {
		f, pdiags := parseSpecFile(src)
		diags = append(diags, pdiags...)
		if f != nil {
			l.files[src.name] = f
			files = append(files, f)
		} else {
			// refused before parsing (nesting too deep): keep the bytes,
			// from which the diagnostic's snippet is cut
			l.files[src.name] = &hcl.File{Body: hcl.EmptyBody(), Bytes: src.src}
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	st := newLoadState(dir, opts.FS)
	st.diags = diags
	st.decode(l, files, opts)
	explainFunctionErrors(st.diags)
	explainOperationErrors(st.diags)
	return st.spec, redactSensitive(st.spec, dedupe(st.diags))
}

// dedupe drops repeated diagnostics (a for_each body decoded once per
// instance reports the same problem each time).
func dedupe(diags hcl.Diagnostics) hcl.Diagnostics {
	type key struct {
		sev             hcl.DiagnosticSeverity
		summary, detail string
		rng             hcl.Range
	}
	seen := make(map[key]bool, len(diags))
	out := diags[:0]
	for _, d := range diags {
		k := key{sev: d.Severity, summary: d.Summary, detail: d.Detail}
		if d.Subject != nil {
			k.rng = *d.Subject
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
