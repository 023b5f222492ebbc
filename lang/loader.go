package lang

import (
	"io/fs"

	"github.com/hashicorp/hcl/v2"
)

// Options control how a spec is loaded.
type Options struct {
	// FS is where the spec files are read from; Dir is relative to it. Nil
	// means the operating system's file system (Dir is then an OS path).
	// `berth diff` passes a file system backed by git objects.
	FS fs.FS
	// Vars are -var name=value pairs; the value is an HCL expression, or a
	// bare string when it does not parse as one (like terraform).
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

// Load loads and decodes every *.berth.hcl file of dir. The Spec is nil when
// the diagnostics hold errors that left no usable model.
func (l *Loader) Load(dir string, opts Options) (*Spec, hcl.Diagnostics) {
	return nil, hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Loader not implemented yet",
	}}
}
