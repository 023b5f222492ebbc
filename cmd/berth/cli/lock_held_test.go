package cli

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends"
)

// A second interrupt exits at once, but not holding the project's lock:
// the file is gone, so the next apply neither takes over a dead holder's
// lock nor is refused by a reused pid.
func TestSecondInterruptReleasesTheLock(t *testing.T) {
	t.Setenv(backends.EnvStateDir, t.TempDir())
	exited := make(chan int, 1)
	exitNow = func(code int) { exited <- code }
	defer func() { exitNow = os.Exit }()

	var stderr syncBuffer
	cmd := &cobra.Command{}
	cmd.SetErr(&stderr)
	release, err := lockProject(cmd, "h35lock", false)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	ctx, stop := interruptible(cmd)
	defer stop()
	p, _ := os.FindProcess(os.Getpid())
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(p.Signal(syscall.SIGINT))
	<-ctx.Done()
	must(p.Signal(syscall.SIGINT))
	select {
	case code := <-exited:
		if code != ExitError {
			t.Errorf("exit code %d", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second SIGINT did not exit")
	}
	if !strings.Contains(stderr.String(), "Second interrupt") {
		t.Errorf("stderr %q", stderr.String())
	}
	if _, err := os.Stat(backends.LockPath("h35lock")); !os.IsNotExist(err) {
		t.Errorf("the lock file is left after the second interrupt: %v", err)
	}
}
