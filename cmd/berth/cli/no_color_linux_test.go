package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNoColorFlag: terraform's -no-color (or --no-color) is taken by
// every command and turns the colors of a terminal off, as NO_COLOR=1
// does; it said 'unknown flag: -no-color'.
func TestNoColorFlag(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte("service \"api\" {\n  bogus = 1\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		color bool
	}{
		{[]string{"validate", dir}, true},
		{[]string{"validate", dir, "-no-color"}, false},
		{[]string{"validate", "--no-color", dir}, false},
		{[]string{"plan", dir, "-no-color"}, false}, // plan parses its own flags
	} {
		ptmx, tty := openPTY(t)
		if code := Run(tc.args, strings.NewReader(""), io.Discard, tty); code != ExitError {
			t.Errorf("%v: exit %d, want %d", tc.args, code, ExitError)
		}
		got := readTerminal(t, ptmx, "is not expected here")
		if strings.Contains(got, "unknown flag") {
			t.Errorf("%v: %q", tc.args, got)
		}
		if has := strings.Contains(got, "\x1b["); has != tc.color {
			t.Errorf("%v: colors %v, want %v: %q", tc.args, has, tc.color, got)
		}
		if os.Getenv("NO_COLOR") != "" {
			t.Errorf("%v: NO_COLOR left set after the run", tc.args)
		}
	}
}

// readTerminal reads what the terminal received until it holds want,
// failing after 3 s (a read deadline does not stop a read of the
// pseudo-terminal).
func readTerminal(t *testing.T, ptmx *os.File, want string) string {
	t.Helper()
	chunks := make(chan string)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				chunks <- string(buf[:n])
			}
			if err != nil {
				close(chunks)
				return
			}
		}
	}()
	var got strings.Builder
	timeout := time.After(3 * time.Second)
	for !strings.Contains(got.String(), want) {
		select {
		case c, ok := <-chunks:
			if !ok {
				t.Fatalf("the terminal closed before %q: read %q", want, got.String())
			}
			got.WriteString(c)
		case <-timeout:
			t.Fatalf("no %q on the terminal after 3 s: read %q", want, got.String())
		}
	}
	return got.String()
}
