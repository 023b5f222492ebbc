package simulate

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A crash of the engine in one replication is an error diagnostic that
// names the run and the crash report, not a panic of berth.
func TestEngineCrashIsADiagnostic(t *testing.T) {
	sp := mmc(t, 10, 20, 1, 100)
	saved := runSim
	t.Cleanup(func() { runSim = saved })
	runSim = func(s *sim) {
		if s.seed == replicationSeed(7, 1) {
			var m map[string]int
			m["boom"]++ // a nil map write: a real runtime panic
		}
		saved(s)
	}
	t.Setenv("TMPDIR", t.TempDir())
	res, diags := Run(sp, Options{Seed: 7, Replications: 3, Duration: 5 * time.Second})
	if res != nil || !diags.HasErrors() {
		t.Fatalf("a crashed replication gave a result (%v) and %d diagnostics", res != nil, len(diags))
	}
	d := diags.Errs()[0].Error()
	if !strings.Contains(d, "Internal error in the simulator") || !strings.Contains(d, "load l") || !strings.Contains(d, "assignment to entry in nil map") {
		t.Errorf("diagnostic %q does not name the crash and the run", d)
	}
	m := regexp.MustCompile(`The stack is in (\S+):`).FindStringSubmatch(d)
	if m == nil {
		t.Fatalf("no crash report named in %q", d)
	}
	if b, err := os.ReadFile(m[1]); err != nil || !strings.Contains(string(b), "runGuarded") {
		t.Errorf("crash report %s: %v, holds the stack: %v", m[1], err, strings.Contains(string(b), "runGuarded"))
	}
}
