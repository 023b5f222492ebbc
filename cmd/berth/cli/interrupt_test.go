package cli

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/internal/syncbuf"
)

// syncBuffer is a buffer safe for the watcher goroutine's writes.
type syncBuffer = syncbuf.Buffer

// A command that ends without an interrupt says nothing about one (the
// watcher read the channel stop closes as a signal, and a no-op apply
// printed "Interrupt received" after "No changes."); a real SIGINT
// cancels the context and says so.
func TestInterruptible(t *testing.T) {
	for i := 0; i < 50; i++ {
		var stderr syncBuffer
		cmd := &cobra.Command{}
		cmd.SetErr(&stderr)
		ctx, stop := interruptible(cmd)
		stop()
		<-ctx.Done()
		time.Sleep(time.Millisecond)
		if got := stderr.String(); got != "" {
			t.Fatalf("run %d: stderr %q after a command that was not interrupted", i, got)
		}
	}

	var stderr syncBuffer
	cmd := &cobra.Command{}
	cmd.SetErr(&stderr)
	ctx, stop := interruptible(cmd)
	defer stop()
	p, _ := os.FindProcess(os.Getpid())
	if err := p.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(stderr.String(), "Interrupt received") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(stderr.String(), "Interrupt received") {
		t.Errorf("stderr %q, want the interrupt announced", stderr.String())
	}
}
