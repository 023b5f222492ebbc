package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// EnvCPUProfile names the environment variable that makes a berth process
// write a CPU profile of its whole run (go tool pprof reads it): the way
// to see where a cold command spends its time, which the in-process
// benchmarks cannot show.
const EnvCPUProfile = "BERTH_CPUPROFILE"

// startProfile starts the CPU profile getenv asks for and returns what
// stops it. A profile that cannot start is a warning on stderr, never a
// failure of the command.
func startProfile(getenv func(string) string, stderr io.Writer) (stop func()) {
	path := getenv(EnvCPUProfile)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "Warning: %s: no CPU profile: %v\n", EnvCPUProfile, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
