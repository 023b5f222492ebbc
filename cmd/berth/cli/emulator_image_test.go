package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/backends/swarm"
)

// The emulator image is remembered per executable; for a berth that is not
// static (plain go build or go run with cgo on, which had every command
// link a static berth for 1.5–2 s) the key holds the source directory the
// image is built from too.
func TestExeKeyFor(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "berth")
	if err := os.WriteFile(exe, []byte("binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	static := exeKeyFor(exe, true, "")
	dynA := exeKeyFor(exe, false, "/src/a")
	dynB := exeKeyFor(exe, false, "/src/b")
	switch {
	case static == "" || !strings.HasPrefix(static, exe+"|"):
		t.Errorf("static key %q", static)
	case dynA == "" || dynA == dynB || !strings.HasSuffix(dynA, "|src=/src/a"):
		t.Errorf("keys of one dynamic executable with two sources: %q, %q", dynA, dynB)
	case exeKeyFor(exe, false, "") != "":
		t.Errorf("a dynamic executable without a source is remembered")
	case exeKeyFor(exe+".missing", true, "") != "":
		t.Errorf("a missing executable has a key")
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(exe, later, later); err != nil {
		t.Fatal(err)
	}
	if exeKeyFor(exe, true, "") == static {
		t.Errorf("a rebuilt executable (new modification time) keeps its key")
	}
}

// Both backends find the emulator image through the memo: swarm called
// EnsureImage directly, so a berth that is not static linked itself on
// every swarm command.
func TestBackendsUseTheImageMemo(t *testing.T) {
	memo := reflect.ValueOf(cachedEmulatorImage).Pointer()
	for name, open := range backendFactories {
		var fn any
		switch b := open(nil).(type) {
		case *compose.Backend:
			fn = b.EnsureEmulatorImage
		case *swarm.Backend:
			fn = b.EnsureEmulatorImage
		default:
			t.Fatalf("%s: unexpected backend %T", name, b)
		}
		if reflect.ValueOf(fn).Pointer() != memo {
			t.Errorf("%s finds the emulator image without the memo", name)
		}
	}
}
