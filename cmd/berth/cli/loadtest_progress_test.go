package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A load test in progress prints a line every progressEvery on stderr (a
// minute-long test was silent from "Sending load" to its report); with
// --json it prints nothing there.
func TestLoadProgress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("{}")) }))
	defer srv.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(interruptSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 300 * time.Millisecond

	var stdout, stderr strings.Builder
	if code := Run([]string{"loadtest", dir, "--target", srv.URL, "--duration", "1s"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	lines := regexp.MustCompile(`(?m)^  \d+(\.\d+)?m?s of 1s: \d+ sent, \d+ answered \(0 failed\), 0 dropped$`).FindAllString(stderr.String(), -1)
	if len(lines) < 2 {
		t.Errorf("%d progress lines in 1 s every 300 ms:\n%s", len(lines), stderr.String())
	}

	stderr.Reset()
	stdout.Reset()
	if code := Run([]string{"loadtest", dir, "--target", srv.URL, "--duration", "1s", "--json"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("--json: exit %d\n%s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("--json: stderr %q", stderr.String())
	}
}
