package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
)

// TestConcurrentApplyRefused: while one apply holds the project (here, it
// waits for its confirmation), a second is refused and names the holder;
// once the first is done, the lock is free again.
func TestConcurrentApplyRefused(t *testing.T) {
	dockertest.Client(t)
	project := engineProject(t, "block")
	dir := filepath.Join(t.TempDir(), project)
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte("service \"api\" {\n  image = \"berth-nothing:1\"\n}\n"), 0o644)

	answer, answerW := io.Pipe()
	var out1, err1 bytes.Buffer
	first := make(chan int)
	go func() { first <- Run([]string{"apply", dir}, answer, &out1, &err1) }()

	// Wait until the first apply holds the lock.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(backends.LockPath(project)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first apply never took the lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	var out2, err2 bytes.Buffer
	if code := Run([]string{"apply", "--auto-approve", dir}, strings.NewReader(""), &out2, &err2); code != ExitError {
		t.Fatalf("second apply exit %d, want 1\n%s%s", code, out2.String(), err2.String())
	}
	host, _ := os.Hostname()
	want := fmt.Sprintf("project %q is locked by pid %d on %s", project, os.Getpid(), host)
	if !strings.Contains(err2.String(), want) || !strings.Contains(err2.String(), "running `") {
		t.Errorf("second apply says:\n%s\nwant it to name the holder: %s", err2.String(), want)
	}

	io.WriteString(answerW, "no\n")
	if code := <-first; code != ExitError || !strings.Contains(err1.String(), "apply cancelled") {
		t.Errorf("first apply: exit %d\n%s", code, err1.String())
	}
	if _, err := os.Stat(backends.LockPath(project)); !os.IsNotExist(err) {
		t.Errorf("the lock is still there after the first apply ended: %v", err)
	}
}
