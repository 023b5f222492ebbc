package cli

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/simulate/loadgen"
)

// TestCalibrateInterrupted: a SIGINT while calibrate deploys its probe
// says so at once, ends with "interrupted while deploying" (it said 'the
// calibration probe did not start (see above)' with nothing above), says
// it removes the probe, and leaves no container or network of it.
func TestCalibrateInterrupted(t *testing.T) {
	cli := dockertest.Client(t)
	project := engineProject(t, "cint")
	probe := loadgen.ProbeProject(project)
	t.Cleanup(func() { removeProjectObjects(probe) })
	dir := filepath.Join(t.TempDir(), project)
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte("service \"api\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Build the emulator image first, so the interrupt falls among the steps.
	runBerth(t, 0, "plan", dir)

	guard := make(chan os.Signal, 1)
	signal.Notify(guard, os.Interrupt)
	defer signal.Stop(guard)

	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- Run([]string{"calibrate", dir, "--samples", "10"}, strings.NewReader(""), &stdout, &stderr)
	}()
	deadline := time.Now().Add(3 * time.Minute)
	for !strings.Contains(stderr.String(), "]: creating...") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	var got int
	select {
	case got = <-code:
	case <-time.After(3 * time.Minute):
		t.Fatal("calibrate still running 3 minutes after the interrupt")
	}
	errs := stderr.String()
	if got != ExitError {
		t.Errorf("exit %d, want %d\n%s", got, ExitError, errs)
	}
	for _, want := range []string{
		"Interrupt received: stopping, then removing the calibration probe \"" + probe + "\"",
		"Removing the calibration probe \"" + probe + "\"...",
		"Error: interrupted while deploying the calibration probe: nothing was measured",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if n := countByLabel(t, cli, probe); n != 0 {
		t.Errorf("%d containers of the probe left", n)
	}
	nets, err := cli.NetworkList(context.Background(), network.ListOptions{Filters: filters.NewArgs(filters.Arg("label", backends.ProjectFilter(probe)))})
	if err != nil || len(nets) != 0 {
		t.Errorf("networks of the probe left: %d (%v)", len(nets), err)
	}
}

// TestCalibrateSwarmWithoutSwarm: calibrate --backend swarm on an engine
// in no swarm fails before it deploys anything, and does not warn that
// the probe "was not removed" (it warned so, naming a destroy to run for
// a probe that never existed).
func TestCalibrateSwarmWithoutSwarm(t *testing.T) {
	cli := dockertest.Client(t)
	info, err := cli.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Swarm.LocalNodeState != "inactive" {
		t.Skipf("the engine is in a swarm (%s)", info.Swarm.LocalNodeState)
	}
	project := engineProject(t, "cnos")
	dir := filepath.Join(t.TempDir(), project)
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte("service \"api\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := runBerthOutput(t, ExitError, "calibrate", dir, "--backend", "swarm", "--samples", "10")
	if !strings.Contains(errs, "in no swarm") || strings.Contains(errs, "not removed") || strings.Contains(errs, "Removing") {
		t.Errorf("stderr:\n%s", errs)
	}
}
