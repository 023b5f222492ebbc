package cli

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
)

// TestApplyInterruptedThenConverges: a SIGINT in the middle of an apply
// (one step at a time, six replicas) lets the step in flight finish and
// starts no other; apply exits 1 and lists what was done and what was not
// started, and exactly the containers it lists as created exist. Applying
// again converges, and the plan after it is empty.
func TestApplyInterruptedThenConverges(t *testing.T) {
	cli := dockertest.Client(t)
	project := engineProject(t, "bint")
	dir := filepath.Join(t.TempDir(), project)
	os.MkdirAll(dir, 0o755)
	spec := "service \"api\" {\n  replicas = 6\n\n  endpoint \"get\" {}\n}\n" // emulated: no image to build here
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	// Build the emulator image first, so the interrupt falls among the steps.
	runBerth(t, 0, "plan", dir)

	// While this test listens for SIGINT too, the signal cannot end the
	// test process, whenever it arrives.
	guard := make(chan os.Signal, 1)
	signal.Notify(guard, os.Interrupt)
	defer signal.Stop(guard)

	outR, outW := io.Pipe()
	var errb strings.Builder
	code := make(chan int, 1)
	go func() {
		code <- Run([]string{"apply", "--auto-approve", "--parallelism", "1", dir}, strings.NewReader(""), outW, &errb)
		outW.Close()
	}()
	var out strings.Builder
	sc := bufio.NewScanner(outR)
	sent := false
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if !sent && strings.HasSuffix(line, "]: creating...") && strings.Contains(out.String(), "]: created (") {
			// the second container is in flight: interrupt now
			syscall.Kill(os.Getpid(), syscall.SIGINT)
			sent = true
		}
	}
	if c := <-code; c != ExitError {
		t.Fatalf("interrupted apply exit %d, want 1\nstdout:\n%s\nstderr:\n%s", c, out.String(), errb.String())
	}
	stderr := errb.String()
	for _, want := range []string{"Interrupt received: finishing the steps in flight", "Apply interrupted after", "Done (", "Not started (", "Run berth apply again to converge"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	done := regexp.MustCompile(`(?m)^  #\d+ create container\.api\[(\d)\]$`).FindAllStringSubmatch(stderr[strings.Index(stderr, "Done ("):strings.Index(stderr, "Not started (")], -1)
	if len(done) == 0 || len(done) >= 6 {
		t.Fatalf("%d containers created before the interrupt took effect, want 1 to 5:\n%s", len(done), stderr)
	}
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	cs, err := cli.ContainerList(context.Background(), container.ListOptions{All: true, Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(done) {
		t.Errorf("the report lists %d containers created, the engine has %d", len(done), len(cs))
	}

	if out := runBerth(t, 0, "apply", "--auto-approve", dir); !strings.Contains(out, "Apply complete!") {
		t.Errorf("second apply:\n%s", out)
	}
	if out := runBerth(t, 0, "plan", "-detailed-exitcode", dir); !strings.Contains(out, "No changes.") {
		t.Errorf("plan after converging:\n%s", out)
	}
}
