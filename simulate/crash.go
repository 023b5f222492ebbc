package simulate

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/internal/crash"
)

// runSim runs one replication to its end (a variable so that a test can
// make it crash).
var runSim = func(s *sim) {
	s.run()
	s.finishRun()
}

// runGuarded runs one replication. A panic inside the engine, which is a
// bug of berth and never the spec's fault, becomes an error diagnostic
// that names the run and a crash report with the stack, as the loader's
// do, instead of a stack on the terminal and no report at all.
func runGuarded(s *sim, name string, seed uint64) (d *hcl.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			d = &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Internal error in the simulator",
				Detail: fmt.Sprintf("berth crashed while simulating %s (seed %d): %v. %s", name, seed, r, crash.Report("simulating "+name, r))}
		}
	}()
	runSim(s)
	return nil
}
