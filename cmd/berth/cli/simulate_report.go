package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/report"
)

// writeHTMLReport writes the HTML report of res (`berth simulate --report
// PATH`). The page is rendered in memory first, so a failure leaves no
// half-written file behind, then written next to its destination and
// renamed over it.
func writeHTMLReport(path string, spec *lang.Spec, res *simulate.Result) error {
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, spec, res); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	return nil
}
