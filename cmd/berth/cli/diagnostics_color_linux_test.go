package cli

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"golang.org/x/sys/unix"
)

// openPTY returns the two ends of a new pseudo-terminal: what is written
// to tty (a terminal for term.IsTerminal) is read from ptmx.
func openPTY(t *testing.T) (ptmx, tty *os.File) {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pseudo-terminal number: %v", err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return ptmx, tty
}

// diagsOnTerminal renders one error diagnostic to a terminal and returns
// what the terminal received.
func diagsOnTerminal(t *testing.T) string {
	ptmx, tty := openPTY(t)
	writeDiagsText(tty, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Value for undeclared variable", Detail: "Declare it."}})
	return readTerminal(t, ptmx, "Declare it.") // no_color_linux_test.go
}

// TestDiagnosticsNoColor: diagnostics on a terminal are colored, unless
// NO_COLOR is set (https://no-color.org), as the plan's rendering already
// was: `NO_COLOR=1 berth validate` in a terminal printed ANSI escapes.
func TestDiagnosticsNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	if got := diagsOnTerminal(t); !strings.Contains(got, "\x1b[") {
		t.Fatalf("on a terminal without NO_COLOR, want colors, got %q", got)
	}
	t.Setenv("NO_COLOR", "1")
	if got := diagsOnTerminal(t); strings.Contains(got, "\x1b") {
		t.Errorf("NO_COLOR=1: want no ANSI escape, got %q", got)
	}
}
