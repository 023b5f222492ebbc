package backends

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeLock(t *testing.T, project string, l LockInfo) {
	t.Helper()
	os.MkdirAll(filepath.Dir(LockPath(project)), 0o700)
	data, _ := json.Marshal(l)
	if err := os.WriteFile(LockPath(project), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestLock(t *testing.T) {
	t.Setenv(EnvStateDir, t.TempDir())
	host, _ := os.Hostname()

	release, took, err := Lock("p", false, "berth apply")
	if err != nil || took != nil {
		t.Fatalf("first lock: %v %v", err, took)
	}
	// A second one, even in the same process, is refused, naming the holder.
	_, _, err = Lock("p", false, "berth apply")
	var le *LockedError
	if !errors.As(err, &le) || le.Holder.PID != os.Getpid() || !le.SameHost ||
		!strings.Contains(err.Error(), "is still running on this host") || !strings.Contains(err.Error(), "--force-unlock") {
		t.Fatalf("second lock: %v", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(LockPath("p")); !os.IsNotExist(err) {
		t.Errorf("the lock file is left after release: %v", err)
	}

	// A lock left by a process that is gone on this host is taken over.
	writeLock(t, "p", LockInfo{PID: 1 << 22, Host: host, Since: time.Now()})
	release, took, err = Lock("p", false, "")
	if err != nil || took == nil || took.PID != 1<<22 {
		t.Fatalf("stale lock: %v %+v", err, took)
	}
	release()

	// One held on another host is refused unless forced.
	writeLock(t, "p", LockInfo{PID: 7, Host: "elsewhere", Since: time.Now()})
	if _, _, err := Lock("p", false, ""); err == nil || !strings.Contains(err.Error(), "pid 7 on elsewhere") ||
		!strings.Contains(err.Error(), `taken on host "elsewhere", where berth cannot check`) {
		t.Fatalf("held lock: %v", err)
	}
	release, took, err = Lock("p", true, "")
	if err != nil || took == nil || took.Host != "elsewhere" {
		t.Fatalf("forced: %v %+v", err, took)
	}
	// Releasing a lock another process took by force leaves theirs alone.
	writeLock(t, "p", LockInfo{PID: 8, Host: "other", Since: time.Now()})
	release()
	if _, err := os.Stat(LockPath("p")); err != nil {
		t.Errorf("released someone else's lock: %v", err)
	}
}
