package cli

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestInterruptedWhilePlanning: an error met while planning after an
// interrupt says apply stopped before changing anything (it said only
// "emulator image: build output: context canceled"); without an
// interrupt the error is left as it is.
func TestInterruptedWhilePlanning(t *testing.T) {
	cause := errors.New("emulator image: build output: context canceled")
	ctx, cancel := context.WithCancel(context.Background())
	if err := interruptedBeforeChanges(ctx, cause); err != cause {
		t.Errorf("not interrupted: %v, want the error itself", err)
	}
	cancel()
	err := interruptedBeforeChanges(ctx, cause)
	if msg := err.Error(); !strings.HasPrefix(msg, "interrupted while planning (emulator image: build output: context canceled)") ||
		!strings.HasSuffix(msg, "nothing was changed") {
		t.Errorf("interrupted: %q", msg)
	}
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != ExitError {
		t.Errorf("exit code of %v: want %d", err, ExitError)
	}
}
