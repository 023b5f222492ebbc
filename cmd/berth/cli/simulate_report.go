package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/report"
)

// writeHTMLReport writes the HTML report of res (`berth simulate --report
// PATH`). The page is rendered in memory first, then written next to its
// destination and renamed over it, so a failure never leaves a
// half-written page behind.
func writeHTMLReport(path string, spec *lang.Spec, res *simulate.Result) error {
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, spec, res); err != nil {
		return err
	}
	if err := replaceFile(path, buf.Bytes()); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary file's name means nothing to the user
		}
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	return nil
}

// replaceFile writes data to a temporary file in path's directory and
// renames it to path.
func replaceFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
