package lang

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/hashicorp/hcl/v2"
)

// varFileError reports a -var-file that cannot be read, in words (not Go's
// "open PATH: no such file or directory"), at the file itself: there is no
// line to point at, but the diagnostic names the file as every other does.
func varFileError(path string, err error) *hcl.Diagnostic {
	why := err.Error()
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		why = "it does not exist (a -var-file path is taken from the working directory, not the spec directory)"
	case errors.As(err, &pe):
		why = pe.Err.Error()
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Cannot read a variables file",
		Detail:   fmt.Sprintf("berth could not read the -var-file %s: %s. Fix the path, or leave the flag out.", path, why),
		Subject:  &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos},
	}
}
