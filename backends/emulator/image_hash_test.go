package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestFileHashCache: the hash is the file's SHA-256 prefix, kept on disk
// for the next process, and a rewritten file is hashed again.
func TestFileHashCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	bin := filepath.Join(t.TempDir(), "berth")
	write := func(content string, at time.Time) string {
		if err := os.WriteFile(bin, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(bin, at, at); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(content))
		return hex.EncodeToString(sum[:])[:12]
	}
	forget := func() { hashes = sync.Map{} } // a new process

	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	want := write("first binary", t0)
	if got, err := fileHash(bin); err != nil || got != want {
		t.Fatalf("fileHash = %q, %v; want %q", got, err, want)
	}
	st, _ := os.Stat(bin)
	if cachedHash(statKey(bin, st)) != want {
		t.Fatalf("the hash was not kept in the cache directory")
	}

	// The next process reads the kept hash, not the file.
	forget()
	os.WriteFile(hashCacheFile(statKey(bin, st)), []byte(statKey(bin, st)+"\nabcdefabcdef\n"), 0o644)
	if got, _ := fileHash(bin); got != "abcdefabcdef" {
		t.Errorf("a new process hashed the file again (%q) instead of reading the cache", got)
	}

	// A rewrite (new content, new modification time) is hashed again.
	forget()
	want = write("second binary", t0.Add(time.Second))
	if got, _ := fileHash(bin); got != want {
		t.Errorf("after a rewrite fileHash = %q, want %q", got, want)
	}
}
