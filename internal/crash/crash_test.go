package crash

import (
	"os"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	msg := Report("while testing", "boom")
	i := strings.Index(msg, os.Getenv("TMPDIR"))
	if i < 0 {
		t.Fatalf("the message names no file in the temp dir: %q", msg)
	}
	path := strings.TrimSuffix(strings.Fields(msg[i:])[0], ":")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"berth crashed while testing", "panic: boom", "crash.TestReport"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("report lacks %q:\n%s", want, data)
		}
	}
	if strings.Contains(msg, "goroutine") {
		t.Errorf("the message carries the stack: %q", msg)
	}
}
